"""``copyview``: run the suite (``run``), and hand ``site`` / ``badge`` / ``diff`` to the site.

Exit status of ``run``: 0 when every promised profile passed, 1 on non-conformance (a promised
profile failed, crashed, timed out or was not run), 2 on a usage or environment error (checked
before the first case where it can be; a results file that cannot be written at the end goes
to a fallback file instead), with one line saying what to do; 130 / 143 when interrupted by
SIGINT / SIGTERM (every worker is killed, nothing half-done is written). See
``docs/reference/failures.md``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from conformance.adapters import BackendError
from conformance.adapters.registry import check_spelling
from conformance.judge import deviations as deviation_files
from conformance.judge.verdicts import summarise
from conformance.options import positive_seconds, whole_number
from conformance.results.document import document, write_atomic
from conformance.run.environments import parse_spec
from conformance.run.runner import Job, Worker, case_id, now, run_backend
from conformance.vocabulary import FAILING, PROFILES, VERDICTS, Verdict

DELEGATED = {"site": "main", "badge": "badge_main", "diff": "diff_main"}
#: More generated cases than this is a typo, not a plan (a run would take days).
MAX_EXAMPLES_CAP = 10_000
#: Seconds between progress lines of one backend (on a terminal, or with ``--progress``).
PROGRESS_EVERY_S = 5.0


class UsageError(Exception):
    """A mistake on the command line; the message says what to do."""


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived; ``code`` is the exit status (128 + the signal number)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.code = 128 + signum


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line (``copyview: error: ...``, exit 2), not a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"copyview: error: {message} (see `{self.prog} --help`)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="copyview", description="Copy/view conformance suite for array libraries."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the suite against one or more backends")
    run.add_argument(
        "backends",
        nargs="+",
        metavar="BACKEND",
        help="registered name, module:attribute, or an Array API module; NAME==VERSION "
        "(or NAME@PATH) runs that release (or source) in its own cached environment made "
        "with uv; `exchange` runs the cross-library exchange section",
    )
    run.add_argument(
        "--profile",
        action="append",
        choices=[str(p) for p in sorted(PROFILES)],
        help="measure only this profile (repeatable; default: all)",
    )
    run.add_argument("--json", type=Path, metavar="DIR", help="write DIR/<backend>.json")
    run.add_argument("--seed", type=int, default=0, help="seed of the generated cases")
    run.add_argument(
        "--max-examples",
        type=whole_number(0, "generated cases"),
        default=50,
        metavar="N",
        help="generated (Hypothesis) cases per run, on top of the curated ones "
        f"(at most {MAX_EXAMPLES_CAP})",
    )
    run.add_argument(
        "--ci", action="store_true", help="derandomize generation, so results never flap"
    )
    run.add_argument(
        "--select", metavar="GLOB", help="run only cases whose id matches (* and ? are wildcards)"
    )
    run.add_argument(
        "--timeout",
        type=positive_seconds,
        default=30.0,
        metavar="S",
        help="time limit of one case, in seconds (positive, finite)",
    )
    run.add_argument(
        "--deviations",
        type=Path,
        metavar="DIR",
        help="read <backend>.txt known deviations from DIR instead of the suite's",
    )
    run.add_argument(
        "-j",
        "--jobs",
        type=whole_number(1, "backends"),
        default=os.cpu_count() or 1,
        metavar="N",
        help="backends run at once, each in its own worker process (default: the number of "
        "cores); the summary keeps the order given",
    )
    run.add_argument(
        "--python",
        metavar="PYTHON",
        help="interpreter for the environments of versioned backends (NAME==VERSION, "
        "NAME@PATH); default: the one running copyview",
    )
    run.add_argument("--no-shrink", action="store_true", help="do not shrink failing cases")
    run.add_argument("--quiet", action="store_true", help="no progress on stderr")
    run.add_argument(
        "--progress",
        action="store_true",
        help=f"a progress line per backend every {PROGRESS_EVERY_S:g} s on stderr, even when "
        "it is not a terminal",
    )
    for name in DELEGATED:
        sub.add_parser(name, help=f"delegate to the site generator's `{name}`", add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in DELEGATED:
        site = importlib.import_module("conformance.site")
        return int(getattr(site, DELEGATED[argv[0]])(argv[1:]) or 0)
    args = _parser().parse_args(argv)
    Worker.stopping = False  # a run in this process after an earlier one may start workers
    try:
        with _signals_interrupt():
            return run(args)
    except (BackendError, UsageError, deviation_files.DeviationFileError) as exc:
        print(f"copyview: error: {exc}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Interrupted) as exc:
        stopped = Worker.stop_all()
        code = exc.code if isinstance(exc, Interrupted) else 128 + signal.SIGINT
        name = signal.Signals(code - 128).name
        print(
            f"copyview: interrupted by {name}; stopped {stopped} worker(s); results of the "
            "backend in progress were not written (earlier files are kept)",
            file=sys.stderr,
        )
        return code
    finally:
        Worker.stop_all()


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`Interrupted` in the main thread while running."""

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; an embedding caller keeps its own
        return
    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def suite_cases(
    args: argparse.Namespace,
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Curated cases, then the generated ones, as JSON for the workers; and the id and
    behaviour of each case ``--select`` left out."""
    from conformance.model.cases import curated_cases
    from conformance.run.engine import oracle_adapter
    from conformance.run.generate import generated_cases

    cases = curated_cases() + generated_cases(
        oracle_adapter(), args.max_examples, args.seed, args.ci
    )
    left_out = [
        (c.id, deviation_files.case_behaviour(c)) for c in cases if not _selected(args, c.id)
    ]
    return [c.to_json() for c in cases if _selected(args, c.id)], left_out


def _selected(args: argparse.Namespace, id_: str) -> bool:
    return not args.select or deviation_files.id_matches(args.select, id_)


def backend_cases(
    args: argparse.Namespace, cases: list[dict[str, Any]], worker: Worker
) -> tuple[dict[str, Any], ...]:
    """The suite's cases (for a backend that runs them), then those of the adapter's own
    operations (``--select`` applies)."""
    own = [c for c in worker.library_cases if _selected(args, case_id(c))]
    return (*(cases if worker.suite_cases else ()), *own)


class _Progress:
    """Progress on stderr: a line per backend every few seconds on a terminal or with
    ``--progress``; otherwise (CI logs) a line at each quarter."""

    def __init__(self, quiet: bool, every: bool) -> None:
        self.quiet, self.timed = quiet, every or sys.stderr.isatty()
        self.last: dict[str, int] = {}
        self.last_s: dict[str, float] = {}

    def __call__(self, backend: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.timed:
            t = time.monotonic()
            if done == total or t - self.last_s.get(backend, -math.inf) >= PROGRESS_EVERY_S:
                self.last_s[backend] = t
                print(f"{backend}: {done}/{total} cases", file=sys.stderr, flush=True)
            return
        quarter = done * 4 // total
        if quarter > self.last.get(backend, -1):
            self.last[backend] = quarter
            print(f"{backend}: {done}/{total} cases", file=sys.stderr, flush=True)


def check_options(args: argparse.Namespace) -> None:
    """Everything about the command line that can be wrong, found before any worker starts."""
    for spec in args.backends:
        try:
            pinned = parse_spec(spec)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        check_spelling(spec if pinned is None else pinned.library)
    twice = sorted({b for b in args.backends if args.backends.count(b) > 1})
    if twice:
        raise UsageError(f"backend {twice[0]!r} is named twice; name each backend once")
    if args.max_examples > MAX_EXAMPLES_CAP:
        print(
            f"copyview: --max-examples {args.max_examples} capped at {MAX_EXAMPLES_CAP}",
            file=sys.stderr,
        )
        args.max_examples = MAX_EXAMPLES_CAP
    if args.deviations is not None and not args.deviations.is_dir():
        raise UsageError(f"--deviations {args.deviations}: no such directory")
    if args.json is not None:
        _check_results_dir(args.json)


def _check_results_dir(directory: Path) -> None:
    """``--json DIR`` must be a directory we can write (or be creatable in one)."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"--json {directory}: not a directory; give a directory for results")
    existing = directory
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"--json {directory}: {existing} is not writable; give another DIR")


def _check_results_file(path: Path) -> None:
    """A results file may be replaced only if it is a plain file (or absent)."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UsageError(
            f"--json: {path} exists and is not a results file (a directory, device or link); "
            "move it or give another DIR"
        )


def run(args: argparse.Namespace) -> int:
    check_options(args)
    profiles = tuple(args.profile or PROFILES)
    Worker.python = args.python
    workers, unavailable = [], 0
    for spec in args.backends:
        try:
            workers.append(Worker(spec))
        except BackendError as exc:
            if parse_spec(spec) is None:
                for w in workers:
                    w.close()
                raise
            # A release that cannot be installed costs that backend only.
            print(f"copyview: error: {exc}", file=sys.stderr)
            unavailable += 1
    if not workers:
        raise UsageError("no backend could be started")
    try:  # start every backend first: a missing library fails the run before any case
        backends = [{**w.ready(), **({"label": w.label} if w.label else {})} for w in workers]
        names = [b.get("label") or b["name"] for b in backends]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise UsageError(f"two backends are both named {twice[0]!r}; name each one once")
        if args.json is not None:
            for name in names:
                _check_results_file(args.json / f"{name}.json")
    except (BackendError, UsageError):
        for w in workers:
            w.close()
        raise
    cases, left_out = suite_cases(args) if any(w.suite_cases for w in workers) else ([], [])
    jobs = [
        Job(
            tuple(p for p in profiles if w.profiles is None or p in w.profiles),
            backend_cases(args, cases, w),
            args.timeout,
            shrink=not args.no_shrink,
        )
        for w in workers
    ]
    if workers and not any(job.cases for job in jobs):
        for w in workers:
            w.close()
        raise UsageError(f"--select {args.select!r} matches no case id")
    progress = _Progress(args.quiet, args.progress)
    exit_code, table = (2 if unavailable else 0), []
    fallback: list[Path] = []  # the directory for results that cannot go where asked
    known = [deviation_files.load(b["name"], args.deviations) for b in backends]
    for worker, backend in zip(workers, backends, strict=True):
        for note in worker.notes:
            print(f"{backend['name']}: {note}", file=sys.stderr)
    # Each backend's cases run in its own worker process; a thread per running backend only
    # relays events, so backends run side by side on as many cores as -j allows.
    # The longest backends start first (by their last run's time, where --json holds one), so
    # the short ones fill the other cores around them instead of leaving the longest to last.
    labels = [b.get("label") or b["name"] for b in backends]
    last = [previous_duration(args.json / f"{n}.json") if args.json else None for n in labels]
    longest_first = [-math.inf if t is None else -t for t in last]
    order = sorted(range(len(workers)), key=longest_first.__getitem__)
    pool = ThreadPoolExecutor(max_workers=args.jobs, thread_name_prefix="copyview-backend")
    started_runs = {
        i: pool.submit(_timed_run, workers[i], jobs[i], known[i], progress) for i in order
    }
    runs = [started_runs[i] for i in range(len(workers))]
    pool.shutdown(wait=False)
    for worker, backend, job, entries, running in zip(
        workers, backends, jobs, known, runs, strict=True
    ):
        records, started, elapsed = _result(running)
        # With --select, an entry that matches a case left out is not stale.
        skipped = [
            *(left_out if worker.suite_cases else ()),
            *((i, i) for i in map(case_id, worker.library_cases) if not _selected(args, i)),
        ]
        report = {
            "unmatched": [
                d.pattern
                for d in entries
                if not any(d.matches_record(r) for r in records)
                and not any(d.matches(i, b) for i, b in skipped)
            ],
            "unexpected_passes": [
                r["id"]
                for r in records
                if any(v["verdict"] == Verdict.UNEXPECTED_PASS for v in r["verdicts"].values())
            ],
        }
        run_record = {
            "seed": None if args.ci else args.seed,
            "ci": args.ci,
            "max_examples": args.max_examples,
            "profiles": list(job.profiles),
            "started": started,
            "finished": now(),
            "duration_s": round(elapsed, 3),
            # What the worker asked the user to read (hand-offs of a backend that could not be
            # loaded), kept with the results so a shorter section says why.
            **({"notes": list(worker.notes)} if worker.notes else {}),
        }
        doc = document(backend, run_record, records, report)
        label = backend.get("label") or backend["name"]
        path = args.json / f"{label}.json" if args.json else None
        if path is not None and not _write_results(path, doc, fallback):
            exit_code = 2
        promised = backend["promised_profiles"]
        summary = summarise(records, list(job.profiles))
        for profile in job.profiles:
            bad = profile in promised and any(summary[profile][v] for v in FAILING)
            exit_code = max(exit_code, int(bad))
            table.append(
                (
                    label,
                    profile,
                    profile in promised,
                    len(job.cases),
                    elapsed,
                    summary[profile],
                )
            )
        for pattern in report["unmatched"]:
            print(f"{backend['name']}: deviation {pattern!r} matches no case", file=sys.stderr)
        for id_ in report["unexpected_passes"]:
            print(
                f"{backend['name']}: {id_} passed but is listed as a known deviation",
                file=sys.stderr,
            )
        _print_failures(backend["name"], records)
    _print_table(table)
    return exit_code


def previous_duration(path: Path) -> float | None:
    """``run.duration_s`` of an earlier results file, read from its ``run`` line alone (results
    files hold one top-level field a line); ``None`` when there is no such file or field."""
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.startswith('"run":'):
                    value = json.loads(line[len('"run":') :].rstrip().rstrip(","))
                    return float(value["duration_s"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return None


def _timed_run(
    worker: Worker, job: Job, entries: Sequence[deviation_files.Deviation], progress: _Progress
) -> tuple[list[dict[str, Any]], str, float]:
    started, t0 = now(), time.monotonic()
    records = run_backend(worker, job, [[d.pattern, d.reason] for d in entries], progress)
    return records, started, time.monotonic() - t0


def _result(
    running: Future[tuple[list[dict[str, Any]], str, float]],
) -> tuple[list[dict[str, Any]], str, float]:
    """The backend's outcome; the main thread waits in short steps, so a signal still
    interrupts it at once."""
    while True:
        try:
            return running.result(timeout=0.2)
        except FutureTimeout:
            continue


def _write_results(path: Path, doc: dict[str, Any], fallback: list[Path]) -> bool:
    """Write ``doc`` to ``path``, or else to a fallback file (said on stderr); was it ``path``?"""
    try:
        write_atomic(path, doc)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        try:
            if not fallback:
                fallback.append(Path(tempfile.mkdtemp(prefix="copyview-results-")))
            instead = fallback[0] / path.name
            write_atomic(instead, doc)
        except OSError as again:
            print(
                f"copyview: error: could not write {path} ({reason}) nor a fallback file "
                f"({again.strerror or type(again).__name__}); these results are lost",
                file=sys.stderr,
            )
            return False
        print(
            f"copyview: error: could not write {path} ({reason}); results written to "
            f"{instead} instead",
            file=sys.stderr,
        )
        return False
    print(f"{doc['backend']['name']}: results written to {path}", file=sys.stderr)
    return True


def _print_failures(backend: str, records: list[dict[str, Any]], limit: int = 10) -> None:
    failing = [
        (r, p, v) for r in records for p, v in r["verdicts"].items() if v["verdict"] in FAILING
    ]
    for record, profile, verdict in failing[:limit]:
        print(f"FAIL {backend} {profile} {record['id']}: {verdict['message']}")
    if len(failing) > limit:
        print(
            f"... and {len(failing) - limit} more failing verdicts of {backend} "
            "(see the results JSON)"
        )


def _print_table(rows: list[tuple[str, str, bool, int, float, dict[str, int]]]) -> None:
    """One row per backend and profile, backends in the order given; ``time`` is the
    backend's wall time in seconds (all its profiles together)."""
    header = ("backend", "profile", "promised", "cases", "time", *VERDICTS)
    body = [
        (b, p, "yes" if promised else "no", str(n), f"{t:.1f}", *(str(s[c]) for c in VERDICTS))
        for b, p, promised, n, t, s in rows
    ]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    print()
    for row in [header, *body]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    sys.exit(main())
