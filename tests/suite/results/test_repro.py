"""Repro snippets run with the library alone and show what the witnesses saw."""

from __future__ import annotations

import json
import subprocess
import sys

from conformance.adapters import load
from conformance.model.cases import curated_cases
from conformance.observe.observer import observe
from conformance.results.records import case_header

# Runs every snippet in a fresh namespace of one interpreter and reports, per snippet, whether
# it ran, what it printed, and whether anything imported copyview.
RUNNER = """
import contextlib, io, json, sys
results = []
for snippet in json.load(sys.stdin):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(snippet, "<repro>", "exec"), {})
        error = None
    except Exception as exc:
        error = repr(exc)
    results.append({"error": error, "out": out.getvalue(),
                    "copyview": any(m.startswith("conformance") for m in sys.modules)})
json.dump(results, sys.stdout)
"""


def test_every_numpy_repro_snippet_runs_and_agrees_with_the_memory_witness() -> None:
    numpy_adapter = load("numpy")
    cases = curated_cases()
    snippets = [case_header(numpy_adapter, case)["repro"] for case in cases]
    done = subprocess.run(
        [sys.executable, "-c", RUNNER],
        input=json.dumps(snippets),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results = json.loads(done.stdout)
    assert len(results) == len(cases)
    for case, snippet, result in zip(cases, snippets, results, strict=True):
        observed = observe(numpy_adapter, case)
        assert not result["copyview"], "a snippet imported copyview"
        if observed.cls == "error":
            assert result["error"] is not None and observed.error in result["error"], case.id
            continue
        assert result["error"] is None, f"{case.id}: {result['error']}\n{snippet}"
        if observed.cls not in ("scalar",):
            assert f"shares memory: {observed.memory}" in result["out"], (case.id, result)
        assert f"same object: {observed.cls == 'same-object'}" in result["out"], case.id


def test_array_api_strict_snippet_builds_the_same_input() -> None:
    adapter = load("array_api_strict")
    case = next(c for c in curated_cases() if c.id == "permute-dims[strided-cols-2d-float64]")
    snippet = case_header(adapter, case)["repro"]
    done = subprocess.run(
        [sys.executable, "-c", snippet + "\nprint(tuple(y.shape))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "shares memory: True" in done.stdout
    assert "(3, 4)" in done.stdout
