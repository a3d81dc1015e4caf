"""Benchmark: ``copyview site`` over the results of every backend installed here.

``python benchmarks/bench_site.py`` makes (once, cached under ``~/.cache/copyview/bench-site``)
the results of ``copyview run BACKENDS --ci --json DIR``, builds the site from them in a child
process and prints the wall time, the child's peak RSS, the total size of the results files
and the ratio of the two. ``--scale N`` adds N-1 copies of every results file under other
backend names (``numpy-x2``...), to see how the build grows with its input. Targets
(issue 12): peak RSS at most 3x the results' size, the site of the backends here in at most
20 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_suite import installed_backends  # this folder is on sys.path when run as a script

CACHE = Path.home() / ".cache" / "copyview" / "bench-site"
COMPLETE = "complete"  # written last: a cache without it is remade


def results(cache: Path, backends: list[str]) -> Path:
    """The cached results directory, made with one ``copyview run`` when missing."""
    marker = cache / COMPLETE
    if marker.is_file() and marker.read_text().split() == backends:
        return cache
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    print(f"making the results of {' '.join(backends)} in {cache} (minutes)...", file=sys.stderr)
    command = [sys.executable, "-m", "conformance.cli", "run", *backends, "--ci", "--quiet"]
    done = subprocess.run([*command, "--json", str(cache)], check=False)
    if done.returncode == 2 or not any(cache.glob("*.json")):
        sys.exit(f"bench_site: `copyview run` failed (exit {done.returncode})")
    (cache / COMPLETE).write_text(" ".join(backends) + "\n")
    return cache


def scaled(source: Path, copies: int, into: Path) -> Path:
    """``source``'s results plus ``copies`` renamed copies of each (backend ``NAME-xK``)."""
    into.mkdir(parents=True)
    for path in sorted(source.glob("*.json")):
        shutil.copy(path, into / path.name)
        if copies:
            doc = json.loads(path.read_text(encoding="utf-8"))
            name = doc["backend"]["name"]
            for k in range(2, copies + 2):
                doc["backend"]["name"] = f"{name}-x{k}"
                (into / f"{path.stem}-x{k}.json").write_text(json.dumps(doc), encoding="utf-8")
    return into


def _tree_rss(root: int) -> int:
    """The resident bytes of ``root`` and every process under it (Linux /proc; 0 elsewhere)."""
    total, todo = 0, [root]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


def build(results_dir: Path, out: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, peak RSS (bytes) and exit status of ``copyview site`` in a
    child. The peak is the most the child and its worker processes held together, sampled
    every 100 ms (the child's own ``ru_maxrss`` where /proc cannot be read)."""
    command = [sys.executable, "-m", "conformance.cli", "site", str(results_dir)]
    command += ["-o", str(out), "--standalone"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak = 0
    while True:
        # wait4 gives this child's resource usage with its workers' (RUSAGE_CHILDREN would
        # mix in any earlier child of this process, such as the `copyview run` that made the
        # results).
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _tree_rss(child.pid))
        time.sleep(0.1)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, max(peak, usage.ru_maxrss * 1024), child.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backends", nargs="*", help="default: every installed backend")
    parser.add_argument("--scale", type=int, default=1, metavar="N", help="N copies of each")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"default: {CACHE}")
    parser.add_argument("--repeat", type=int, default=1, help="builds (the best is kept)")
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    backends = args.backends or ["numpy", *installed_backends(), "exchange"]
    cached = results(args.cache, backends)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        source = cached
        if args.scale > 1:
            source = scaled(cached, args.scale - 1, Path(tmp) / "results")
        files = sorted(source.glob("*.json"))
        size = sum(p.stat().st_size for p in files)
        runs = [build(source, Path(tmp) / f"site{i}") for i in range(args.repeat)]
        wall, cpu, rss, status = min(runs)
        pages = sum(1 for _ in (Path(tmp) / "site0").rglob("*.html")) if status == 0 else 0
    ratio = rss / size
    print(f"results       {len(files)} files, {size / 1e6:.1f} MB (scale {args.scale})")
    print(f"site          {pages} HTML files, exit {status}")
    print(f"wall          {wall:.1f} s   (target <= 20 s at scale 1)")
    print(f"CPU           {cpu:.1f} s   (user + system: less noisy on a shared machine)")
    print(f"peak RSS      {rss / 1e6:.0f} MB   (the build and its workers together)")
    print(f"RSS / results {ratio:.2f}x  (target <= 3x)")
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main())
