"""Build time at the scale the site is specified for: six backends of ~300 cases each.

The results are fabricated here (deterministically) in the shape the suite writes; the
tutorial notebooks are not part of this build (they belong to another part of the project and
are timed separately).
"""

from __future__ import annotations

import json
import random
import time

from conformance.site import build_site

BACKENDS = ("numpy", "torch", "jax", "dask", "cupy", "array_api_strict")
CATEGORIES = (
    "indexing",
    "advanced-indexing",
    "shape",
    "transpose",
    "dtype",
    "copy",
    "arithmetic",
    "in-place",
    "functions",
    "interchange",
    "setitem",
    "no-op",
)
CLASSES = (
    "view",
    "copy",
    "same-object",
    "read-only-view",
    "copy-on-write",
    "immutable",
    "error",
    "unknown",
)
VERDICTS = ("pass",) * 12 + ("fail", "differs", "known", "not-applicable", "unexpected-pass")
INPUTS = [
    ("contig-2d-float64", [4, 6], [48, 8]),
    ("strided-cols-2d-float64", [4, 3], [48, 16]),
    ("transposed-2d-float64", [6, 4], [8, 48]),
    ("reversed-rows-2d-float64", [4, 6], [-48, 8]),
    ("vector-1d-float64", [12], [8]),
]
OPERATIONS = [(f"{category}-op{i}", category) for category in CATEGORIES for i in range(5)]


def fabricated(backend: str, seed: int) -> dict:
    rng = random.Random(seed)
    cases = []
    for operation, category in OPERATIONS:
        for input_id, shape, strides in INPUTS:
            cls = rng.choice(CLASSES)
            memory = {"view": True, "copy": False, "same-object": True}.get(cls)
            cases.append(
                {
                    "id": f"{operation}[{input_id}]",
                    "operation": operation,
                    "category": category,
                    "expression": f"x.{operation.replace('-', '_')}()",
                    "input": {
                        "id": input_id,
                        "expression": "np.arange(24.).reshape(4, 6)",
                        "dtype": "float64",
                        "shape": shape,
                        "strides": strides,
                        "itemsize": 8,
                    },
                    "expected": {
                        "class": rng.choice(CLASSES[:5]),
                        "base": "input",
                        "shares_memory": memory,
                        "flags": None,
                    },
                    "observed": {
                        "class": cls,
                        "error": "TypeError" if cls == "error" else None,
                        "witnesses": {
                            "memory": memory,
                            "mutation_forward": memory,
                            "mutation_backward": memory,
                        },
                        "claims": {
                            "base": rng.choice(["none", "input", "intermediate"]),
                            "shares_memory": memory,
                            "may_share_memory": True,
                            "flags": {"owndata": not memory},
                        },
                    },
                    "verdicts": {
                        p: {"verdict": rng.choice(VERDICTS), "message": "expected view"}
                        for p in ("numpy", "array-api", "consistency")
                    },
                    "repro": f"import {backend}\nx = ...\ny = x.{operation}()\nprint(y)",
                }
            )
    return {
        "schema": "copyview-results",
        "schema_version": 1,
        "suite": {"name": "copyview", "version": "0.1.0"},
        "backend": {
            "name": backend,
            "library": backend,
            "version": "1.0",
            "adapter": f"{backend}:adapter",
            "capabilities": {},
            "promised_profiles": ["consistency"],
        },
        "environment": {"python": "3.11", "platform": "Linux", "device": "cpu"},
        "run": {
            "seed": seed,
            "profiles": ["numpy", "array-api", "consistency"],
            "started": "2026-11-25T23:00:00Z",
            "finished": "2026-11-25T23:01:00Z",
        },
        "cases": cases,
        "deviations": {"unmatched": [], "unexpected_passes": []},
        "summary": {},
    }


def test_six_backends_of_300_cases_build_in_under_a_minute(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    for seed, backend in enumerate(BACKENDS):
        (results / f"{backend}.json").write_text(json.dumps(fabricated(backend, seed)))
    started = time.perf_counter()
    report = build_site([results], tmp_path / "site")
    seconds = time.perf_counter() - started
    print(f"{report.pages} pages, {6 * len(OPERATIONS) * len(INPUTS)} cases, {seconds:.1f} s")
    assert report.libraries == 6
    assert report.pages == 3 + 6 + len(OPERATIONS)
    assert seconds < 60
