"""The worker process: runs one backend's cases and streams one JSON line per event.

``python -m conformance.run.worker BACKEND`` loads the adapter and says ``ready`` (or ``fatal``
with a one-line message), listing the cases of the adapter's own operations, then reads one job
line from stdin and streams (after a ``headers`` event describing every case, when the job
asks) for each case from ``start`` on, a ``start`` event (the case's
header, so a crash still leaves its repro) and a ``done`` event (the final record). A failing
generated case is shrunk and its minimal version follows as a ``shrunk`` event. The library may
print: its output goes to stderr, never into the protocol stream.

``exchange`` names the section of hand-offs between libraries, run the same way.

This module is the process's loop only: what a case does is :mod:`conformance.run.engine`'s.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO

from conformance.adapters import BackendError, load
from conformance.adapters.base import Adapter
from conformance.judge.deviations import Deviation, find
from conformance.judge.verdicts import failing_profiles
from conformance.model.cases import Case, library_cases
from conformance.results.records import backend_record, case_header
from conformance.run.engine import oracle_adapter, run_case
from conformance.run.exchange import BACKEND as EXCHANGE_BACKEND
from conformance.run.exchange import NAME as EXCHANGE
from conformance.run.exchange import PROFILES as EXCHANGE_PROFILES
from conformance.run.exchange import Exchange, ExchangeCase
from conformance.run.shrink import minimal_failing
from conformance.vocabulary import Profile

Emit = Callable[[dict[str, Any]], None]


def run_job(adapter: Adapter, job: dict[str, Any], emit: Emit) -> None:
    oracle = oracle_adapter()
    profiles = tuple(Profile(p) for p in job["profiles"])
    deviations = tuple(Deviation(p, r) for p, r in job["deviations"])
    cases = [Case.from_json(c, adapter.operations) for c in job["cases"]]
    seen = {case.id for case in cases}  # a shrunk case already in the run is not repeated
    if job.get("headers"):  # so the parent can still describe cases a dead worker never ran
        emit({"event": "headers", "headers": [case_header(adapter, c) for c in cases]})
    for index in range(job["start"], len(cases)):
        case = cases[index]
        emit({"event": "start", "index": index, "header": case_header(adapter, case)})
        record = run_case(adapter, oracle, case, profiles, deviations)
        emit({"event": "done", "index": index, "record": record})
        failing = failing_profiles(record["verdicts"])
        if case.generated and failing and job.get("shrink", True):
            minimal = minimal_failing(adapter, oracle, case, failing, profiles, deviations)
            if minimal.id not in seen:
                seen.add(minimal.id)
                shrunk = run_case(adapter, oracle, minimal, profiles, deviations)
                shrunk["shrunk_from"] = case.id
                emit({"event": "shrunk", "index": index, "record": shrunk})
    emit({"event": "end"})


def run_exchange_job(section: Exchange, job: dict[str, Any], emit: Emit) -> None:
    """The exchange section's cases from ``start`` on (no oracle, no shrinking)."""
    deviations = tuple(Deviation(p, r) for p, r in job["deviations"])
    cases = [ExchangeCase.from_json(c) for c in job["cases"]]
    if job.get("headers"):
        emit({"event": "headers", "headers": [section.header(c) for c in cases]})
    for index in range(job["start"], len(cases)):
        case = cases[index]
        emit({"event": "start", "index": index, "header": section.header(case)})
        record = section.run(case, find(deviations, case.id))
        emit({"event": "done", "index": index, "record": record})
    emit({"event": "end"})


def main(argv: list[str]) -> int:
    # Keep the protocol stream for ourselves; anything the library prints goes to stderr.
    stream: TextIO = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def emit(event: dict[str, Any]) -> None:
        stream.write(json.dumps(event) + "\n")
        stream.flush()

    if argv[0] == EXCHANGE:
        section = Exchange()
        emit(
            {
                "event": "ready",
                "backend": EXCHANGE_BACKEND,
                "suite_cases": False,
                "profiles": list(EXCHANGE_PROFILES),
                "notes": section.notes,
                "library_cases": [case.to_json() for case in section.cases()],
            }
        )
        line = sys.stdin.readline()
        if line:
            run_exchange_job(section, json.loads(line), emit)
        return 0
    try:
        adapter = load(argv[0])
    except BackendError as exc:
        emit({"event": "fatal", "message": str(exc)})
        return 2
    # The parent never imports the library, so the adapter's own cases come from here.
    own = [case.to_json() for case in library_cases(adapter.operations)]
    emit({"event": "ready", "backend": backend_record(adapter), "library_cases": own})
    line = sys.stdin.readline()
    if not line:
        return 0
    run_job(adapter, json.loads(line), emit)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
