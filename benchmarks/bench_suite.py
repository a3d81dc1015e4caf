"""Benchmark: the default ``copyview run`` per backend, end to end (workers included).

``python benchmarks/bench_suite.py [BACKEND ...]`` times each backend's default run, one at a
time, NumPy first, and prints per backend its wall time, case count, cases per second and
ratio to NumPy's run measured in this same benchmark run. ``--all`` times every registered
backend whose library is installed. Targets (issue 12): NumPy <= 30 s on 2 cores, every backend
<= 6x NumPy. ``--matrix`` also times one ``copyview run`` of them all side by side (``-j``,
default the number of cores) and prints its ratio to the slowest backend (target <= 1.5). The
matrix run writes into the directory that holds the single runs' results, as a CI job that
re-runs into the same ``--json`` directory does, so ``copyview run`` starts the backends that
took longest first.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed_run(
    backends: list[str], out: Path, jobs: int | None = None
) -> tuple[float, dict[str, int], int]:
    """Wall seconds, cases per backend and the exit status of one ``copyview run`` writing its
    results into ``out`` (those of earlier runs there are replaced)."""
    command = [sys.executable, "-m", "conformance.cli", "run", *backends, "--quiet"]
    command += ["--json", str(out)] + (["-j", str(jobs)] if jobs else [])
    before = {p: p.stat().st_mtime_ns for p in out.glob("*.json")}
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    cases = {}
    for path in out.glob("*.json"):
        if before.get(path) != path.stat().st_mtime_ns:  # written by this run
            doc = json.loads(path.read_text())
            cases[doc["backend"]["name"]] = len(doc["cases"])
    if done.returncode == 2:
        print(done.stderr.strip(), file=sys.stderr)
    return wall, cases, done.returncode


def installed_backends() -> list[str]:
    from conformance.adapters.registry import load, registered

    names = []
    for name in registered():
        if name in ("numpy", "exchange"):
            continue
        try:
            load(name)
        except Exception:  # library not installed (cupy without a GPU): not benchmarked
            print(f"{name}: skipped (not installed or not usable here)", file=sys.stderr)
            continue
        names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backends", nargs="*", help="backends to time (numpy is always first)")
    parser.add_argument("--all", action="store_true", help="every installed backend")
    parser.add_argument("--matrix", action="store_true", help="also time them all side by side")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="-j of the matrix run")
    args = parser.parse_args(argv)
    backends = installed_backends() if args.all else [b for b in args.backends if b != "numpy"]
    rows = []
    base = None
    out = Path(tempfile.mkdtemp(prefix="copyview-bench-"))
    print(f"{'backend':<22}{'wall s':>8}{'cases':>8}{'cases/s':>9}{'x numpy':>9}  exit")
    for name in ["numpy", *backends]:
        wall, cases, code = timed_run([name], out)
        count = sum(cases.values())
        base = base if base is not None else wall
        rows.append((name, wall))
        print(
            f"{name:<22}{wall:>8.1f}{count:>8}{count / wall:>9.0f}{wall / base:>9.2f}  {code}",
            flush=True,
        )
    if args.matrix and backends:
        names = ["numpy", *backends]
        wall, cases, code = timed_run(names, out, args.jobs)
        slowest = max(w for _, w in rows)
        print(
            f"matrix of {len(names)} backends: {wall:.1f} s ({sum(cases.values())} cases, exit "
            f"{code}); slowest alone {slowest:.1f} s; ratio {wall / slowest:.2f}"
        )
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
