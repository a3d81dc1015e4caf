"""The speed-ups of slow backends change no class and no verdict.

Each backend runs the same selection twice, in its own worker, with its speed-ups on (the
default) and off (the switches its adapter documents): JAX without its persistent cache and
with XLA's usual optimisation, Dask with graph optimisation, sparse with Numba compiling.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Speed-ups off, per backend.
SLOW = {
    "jax": {"COPYVIEW_JAX_CACHE": "0", "XLA_FLAGS": ""},
    "dask": {"COPYVIEW_DASK_OPTIMIZE": "1"},
    "sparse": {"COPYVIEW_SPARSE_JIT": "1"},
}
SELECT = "*[strided-cols-2d-float64]"


def outcome(backend: str, out: Path, env: dict[str, str]) -> dict[str, object]:
    command = [sys.executable, "-m", "conformance.cli", "run", backend, "--select", SELECT]
    done = subprocess.run(
        [*command, "--ci", "--max-examples", "0", "--quiet", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **env},
    )
    assert done.returncode in (0, 1), done.stderr
    doc = json.loads((out / f"{backend}.json").read_text())
    return {
        c["id"]: (c["observed"]["class"], {p: v["verdict"] for p, v in c["verdicts"].items()})
        for c in doc["cases"]
    }


@pytest.mark.parametrize("backend", sorted(SLOW))
def test_speedups_change_no_class_and_no_verdict(backend: str, tmp_path: Path) -> None:
    pytest.importorskip({"jax": "jax", "dask": "dask.array", "sparse": "sparse"}[backend])
    fast = outcome(backend, tmp_path / "fast", {"XDG_CACHE_HOME": str(tmp_path / "cache")})
    slow = outcome(backend, tmp_path / "slow", SLOW[backend])
    assert len(fast) > 50
    assert fast == slow
