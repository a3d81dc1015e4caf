"""``copyview``: run the suite (``run``), and hand ``site`` / ``badge`` / ``diff`` to the site.

Exit status of ``run``: 0 when every promised profile passed, 1 on non-conformance (a promised
profile failed, crashed or timed out), 2 on a usage or environment error, with one line
saying what to do.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path
from typing import Any

from conformance.adapters import BackendError
from conformance.judge import deviations as deviation_files
from conformance.judge.verdicts import summarise
from conformance.results.document import document, write_atomic
from conformance.run.runner import Job, Worker, now, run_backend
from conformance.vocabulary import FAILING, PROFILES, VERDICTS, Verdict

DELEGATED = {"site": "main", "badge": "badge_main", "diff": "diff_main"}


class UsageError(Exception):
    """A mistake on the command line; the message says what to do."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copyview", description="Copy/view conformance suite for array libraries."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the suite against one or more backends")
    run.add_argument(
        "backends",
        nargs="+",
        metavar="BACKEND",
        help="registered name, module:attribute, or an Array API module; "
        "`exchange` runs the cross-library exchange section",
    )
    run.add_argument(
        "--profile",
        action="append",
        choices=sorted(PROFILES),
        help="measure only this profile (repeatable; default: all)",
    )
    run.add_argument("--json", type=Path, metavar="DIR", help="write DIR/<backend>.json")
    run.add_argument("--seed", type=int, default=0, help="seed of the generated cases")
    run.add_argument(
        "--max-examples",
        type=int,
        default=50,
        metavar="N",
        help="generated (Hypothesis) cases per run, on top of the curated ones",
    )
    run.add_argument(
        "--ci", action="store_true", help="derandomize generation, so results never flap"
    )
    run.add_argument(
        "--select", metavar="GLOB", help="run only cases whose id matches (* and ? are wildcards)"
    )
    run.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="time limit of one case, in seconds",
    )
    run.add_argument(
        "--deviations",
        type=Path,
        metavar="DIR",
        help="read <backend>.txt known deviations from DIR instead of the suite's",
    )
    run.add_argument("--no-shrink", action="store_true", help="do not shrink failing cases")
    run.add_argument("--quiet", action="store_true", help="no progress on stderr")
    for name in DELEGATED:
        sub.add_parser(name, help=f"delegate to the site generator's `{name}`", add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in DELEGATED:
        site = importlib.import_module("conformance.site")
        return int(getattr(site, DELEGATED[argv[0]])(argv[1:]) or 0)
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except (BackendError, UsageError, deviation_files.DeviationFileError) as exc:
        print(f"copyview: error: {exc}", file=sys.stderr)
        return 2


def suite_cases(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Curated cases, then the generated ones, as JSON for the workers."""
    from conformance.model.cases import curated_cases
    from conformance.run.engine import oracle_adapter
    from conformance.run.generate import generated_cases

    if args.max_examples < 0:
        raise UsageError("--max-examples must be 0 or more")
    cases = curated_cases() + generated_cases(
        oracle_adapter(), args.max_examples, args.seed, args.ci
    )
    return [c.to_json() for c in cases if _selected(args, c.id)]


def _selected(args: argparse.Namespace, case_id: str) -> bool:
    return not args.select or deviation_files.id_matches(args.select, case_id)


def _case_id(case: dict[str, Any]) -> str:
    """The id of a case in its JSON form (as ``Case.id``, without resolving operations)."""
    if "id" in case:  # the exchange section's cases carry their id
        return str(case["id"])
    return f"{'+'.join(case['chain'])}[{case['input']['id']}]"


def backend_cases(
    args: argparse.Namespace, cases: list[dict[str, Any]], worker: Worker
) -> tuple[dict[str, Any], ...]:
    """The suite's cases (for a backend that runs them), then those of the adapter's own
    operations (``--select`` applies)."""
    own = [c for c in worker.library_cases if _selected(args, _case_id(c))]
    return (*(cases if worker.suite_cases else ()), *own)


class _Progress:
    """Progress on stderr: a rewritten line on a terminal, a few lines otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet, self.tty = quiet, sys.stderr.isatty()
        self.last: dict[str, int] = {}

    def __call__(self, backend: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.tty:
            end = "\n" if done == total else ""
            print(f"\r{backend}: {done}/{total} cases", end=end, file=sys.stderr, flush=True)
            return
        quarter = done * 4 // total
        if quarter > self.last.get(backend, -1):
            self.last[backend] = quarter
            print(f"{backend}: {done}/{total} cases", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    profiles = tuple(args.profile or PROFILES)
    workers = [Worker(spec) for spec in args.backends]
    try:  # start every backend first: a missing library fails the run before any case
        backends = [w.ready() for w in workers]
    except BackendError:
        for w in workers:
            w.close()
        raise
    cases = suite_cases(args) if any(w.suite_cases for w in workers) else []
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
    progress = _Progress(args.quiet)
    exit_code, table = 0, []
    for worker, backend, job in zip(workers, backends, jobs, strict=True):
        for note in worker.notes:
            print(f"{backend['name']}: {note}", file=sys.stderr)
        entries = deviation_files.load(backend["name"], args.deviations)
        started, t0 = now(), time.monotonic()
        records = run_backend(worker, job, [[d.pattern, d.reason] for d in entries], progress)
        report = {
            "unmatched": [
                d.pattern for d in entries if not any(d.matches(r["id"]) for r in records)
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
            "duration_s": round(time.monotonic() - t0, 3),
        }
        doc = document(backend, run_record, records, report)
        if args.json:
            path = args.json / f"{backend['name']}.json"
            write_atomic(path, doc)
            print(f"{backend['name']}: results written to {path}", file=sys.stderr)
        promised = backend["promised_profiles"]
        summary = summarise(records, list(job.profiles))
        for profile in job.profiles:
            bad = profile in promised and any(summary[profile][v] for v in FAILING)
            exit_code = max(exit_code, int(bad))
            table.append(
                (backend["name"], profile, profile in promised, len(job.cases), summary[profile])
            )
        for pattern in report["unmatched"]:
            print(f"{backend['name']}: deviation {pattern!r} matches no case", file=sys.stderr)
        for case_id in report["unexpected_passes"]:
            print(
                f"{backend['name']}: {case_id} passed but is listed as a known deviation",
                file=sys.stderr,
            )
        _print_failures(backend["name"], records)
    _print_table(table)
    return exit_code


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


def _print_table(rows: list[tuple[str, str, bool, int, dict[str, int]]]) -> None:
    header = ("backend", "profile", "promised", "cases", *VERDICTS)
    body = [
        (b, p, "yes" if promised else "no", str(n), *(str(s[c]) for c in VERDICTS))
        for b, p, promised, n, s in rows
    ]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    print()
    for row in [header, *body]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    sys.exit(main())
