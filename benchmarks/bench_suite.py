"""Benchmark: the default ``copyview run`` against NumPy, end to end (workers included).

Prints wall time, cases per second and case counts per profile. Target: <= 30 s wall on the
development machine (2 shared cores). Usage: ``python benchmarks/bench_suite.py [BACKEND]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(backend: str = "numpy") -> int:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "conformance.cli", "run", backend, "--json", out, "--quiet"],
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - start
        if done.returncode == 2:
            print(done.stderr.strip(), file=sys.stderr)
            return 2
        doc = json.loads(next(Path(out).glob("*.json")).read_text())
    cases = len(doc["cases"])
    print(f"backend: {doc['backend']['name']} {doc['backend']['version']}")
    print(
        f"cases: {cases}   wall: {wall:.1f} s   in-worker: {doc['run']['duration_s']:.1f} s"
        f"   cases/s: {cases / wall:.0f}   exit status: {done.returncode}"
    )
    for profile, counts in doc["summary"].items():
        judged = cases - counts["not-applicable"]
        shown = ", ".join(f"{k}={v}" for k, v in counts.items() if v)
        print(f"  {profile:<12} judged {judged:>5}  ({shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
