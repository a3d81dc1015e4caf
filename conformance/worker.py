"""The worker: runs one backend's cases in its own process and streams one JSON line per event.

``python -m conformance.worker BACKEND`` loads the adapter and says ``ready`` (or ``fatal``
with a one-line message), listing the cases of the adapter's own operations, then reads one job
line from stdin and streams, for each case from ``start`` on, a ``start`` event (the case's
header, so a crash still leaves its repro) and a ``done`` event (the final record). A failing
generated case is shrunk and its minimal version follows as a ``shrunk`` event. The library may
print: its output goes to stderr, never into the protocol stream.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO

from conformance.backends import BackendError, load
from conformance.backends.base import Adapter
from conformance.cases import Case, library_cases
from conformance.deviations import Deviation, find
from conformance.engine import case_header, run_case
from conformance.shrink import shrink
from conformance.verdicts import finalise


def backend_record(adapter: Adapter) -> dict[str, Any]:
    return {
        "name": adapter.name,
        "library": adapter.library,
        "version": adapter.version,
        "adapter": adapter.adapter_path,
        "capabilities": adapter.capabilities.as_dict(),
        "promised_profiles": list(adapter.promised_profiles),
    }


def oracle_adapter() -> Adapter:
    from conformance.backends.reference_backend import adapter

    return adapter


def judged(adapter: Adapter, oracle: Adapter, case: Case, profiles: tuple[str, ...],
           deviations: tuple[Deviation, ...]) -> dict[str, Any]:
    """The final record of one case."""
    record, _, _ = run_case(adapter, oracle, case, profiles)
    record["verdicts"] = finalise(record["verdicts"], adapter.promised_profiles,
                                  find(deviations, case.id))
    return record


def fails_promised(record: dict[str, Any]) -> set[str]:
    return {p for p, v in record["verdicts"].items() if v["verdict"] == "fail"}


def run_job(adapter: Adapter, job: dict[str, Any], emit: Any) -> None:
    oracle = oracle_adapter()
    profiles = tuple(job["profiles"])
    deviations = tuple(Deviation(p, r) for p, r in job["deviations"])
    cases = [Case.from_json(c, adapter.operations) for c in job["cases"]]
    seen = {case.id for case in cases}  # a shrunk case already in the run is not repeated
    for index in range(job["start"], len(cases)):
        case = cases[index]
        emit({"event": "start", "index": index, "header": case_header(adapter, case)})
        record = judged(adapter, oracle, case, profiles, deviations)
        emit({"event": "done", "index": index, "record": record})
        failing = fails_promised(record)
        if case.generated and failing and job.get("shrink", True):
            def still_fails(candidate: Case, failing: set[str] = failing) -> bool:
                again = judged(adapter, oracle, candidate, profiles, deviations)
                return bool(fails_promised(again) & failing)

            minimal = shrink(case, oracle, still_fails)
            if minimal.id not in seen:
                seen.add(minimal.id)
                shrunk = judged(adapter, oracle, minimal, profiles, deviations)
                shrunk["shrunk_from"] = case.id
                emit({"event": "shrunk", "index": index, "record": shrunk})
    emit({"event": "end"})


def main(argv: list[str]) -> int:
    # Keep the protocol stream for ourselves; anything the library prints goes to stderr.
    stream: TextIO = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def emit(event: dict[str, Any]) -> None:
        stream.write(json.dumps(event) + "\n")
        stream.flush()

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
