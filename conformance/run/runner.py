"""The runner: each backend in its own worker process, one case at a time, crash-proof.

The parent never imports a backend's library. It starts a worker per backend (all of them
first, so a missing library is reported before anything runs), sends the case list, and reads
the worker's events. If the worker dies during a case, that case gets the verdict ``crashed``;
if a case runs past its time limit, the worker is killed and the case gets ``timeout``; either
way a fresh worker continues with the next case.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from conformance.adapters import BackendError
from conformance.judge.deviations import Deviation, find, record_behaviour
from conformance.judge.verdicts import broken
from conformance.results.records import broken_record
from conformance.run.environments import ensure_env, parse_spec
from conformance.vocabulary import Behaviour, Verdict

STARTUP_TIMEOUT_S = 120.0
#: How much of a worker's stderr is kept (its end: where a crash explains itself).
STDERR_TAIL_BYTES = 4096


@dataclass(frozen=True)
class Job:
    """What every worker is asked to do."""

    profiles: tuple[str, ...]
    cases: tuple[dict[str, Any], ...]
    case_timeout_s: float
    shrink: bool = True


class Worker:
    """One worker process, a thread that turns its stdout into a queue of events, and one
    that drains its stderr into a bounded tail."""

    #: Every worker not yet closed, so an interrupted run can stop them all (they run in
    #: sessions of their own, where the terminal's Ctrl-C does not reach).
    live: ClassVar[set[Worker]] = set()

    #: Set once the run is being stopped: no worker starts after that (a backend's thread
    #: that sees its worker die must not start a fresh one).
    stopping: ClassVar[bool] = False

    #: The interpreter new environments of versioned backends are made with (``--python``).
    python: ClassVar[str | None] = None

    def __init__(self, backend: str) -> None:
        if Worker.stopping:
            raise BackendError(f"backend {backend!r}: the run is stopping")
        self.backend = backend
        self._tail = bytearray()
        interpreter, name, cwd = sys.executable, backend, None
        try:
            spec = parse_spec(backend)
        except ValueError as exc:
            raise BackendError(str(exc)) from None
        #: ``numpy==1.26.4`` for a versioned backend: the name its results are filed under.
        self.label: str | None = None if spec is None else spec.label
        if spec is not None:  # its own cached environment, made (once) with uv
            try:
                interpreter = str(ensure_env(spec, Worker.python))
            except (RuntimeError, OSError) as exc:
                raise BackendError(str(exc).strip().splitlines()[-1]) from None
            name, cwd = spec.library, str(Path(interpreter).parents[1])
        self.process = subprocess.Popen(
            [interpreter, "-m", "conformance.run.worker", name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            start_new_session=True,  # so a kill reaches anything the library started
        )
        Worker.live.add(self)
        self.events: queue.Queue[dict[str, Any] | None] = queue.Queue()
        #: Cases of the adapter's own operations, as JSON (known once the worker is ready).
        self.library_cases: list[dict[str, Any]] = []
        #: Does the backend run the suite's catalogue cases (the exchange section does not)?
        self.suite_cases = True
        #: The profiles the backend can be judged by (``None``: every profile).
        self.profiles: list[str] | None = None
        #: Lines the worker asks the user to read (a backend whose hand-offs were not run).
        self.notes: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self._drained = threading.Thread(target=self._drain_stderr, daemon=True)
        self._drained.start()

    def _drain_stderr(self) -> None:
        # Read as it comes, so a chatty library never blocks on a full pipe, and keep only the
        # end: a library that writes gigabytes before it dies costs the parent 4 KiB.
        assert self.process.stderr is not None
        fd = self.process.stderr.fileno()
        while chunk := os.read(fd, 65536):
            self._tail += chunk
            del self._tail[:-STDERR_TAIL_BYTES]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                self.events.put(json.loads(line))
            except json.JSONDecodeError:
                continue  # not ours: nothing but events is written to this stream
        self.events.put(None)  # end of stream: the worker exited

    def next(self, timeout: float) -> dict[str, Any] | None:
        """The next event; ``None`` at exit; raises ``queue.Empty`` after ``timeout``."""
        return self.events.get(timeout=timeout)

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write((json.dumps(message) + "\n").encode())
            self.process.stdin.close()
        except BrokenPipeError:
            pass  # it died already; the event stream will say so

    def ready(self) -> dict[str, Any]:
        """The backend record from the ``ready`` event, or :class:`BackendError`."""
        try:
            event = self.next(STARTUP_TIMEOUT_S)
        except queue.Empty:
            self.kill()
            raise BackendError(
                f"backend {self.backend!r} did not start within {STARTUP_TIMEOUT_S:.0f} s; "
                "check that its library imports on its own"
            ) from None
        if event is None:
            raise BackendError(
                f"backend {self.backend!r} exited while loading: "
                f"{self.stderr_tail() or 'no message'}"
            )
        if event["event"] == "fatal":
            raise BackendError(event["message"])
        self.library_cases = event.get("library_cases", [])
        self.suite_cases = event.get("suite_cases", True)
        self.profiles = event.get("profiles")
        self.notes = event.get("notes", [])
        return event["backend"]

    def stderr_tail(self, lines: int = 3) -> str:
        """The last ``lines`` lines of the worker's stderr (at most :data:`STDERR_TAIL_BYTES`)."""
        self._drained.join(timeout=5)  # the process has exited: let the drain catch up
        text = bytes(self._tail).decode(errors="replace").strip().splitlines()
        return " | ".join(text[-lines:])[-STDERR_TAIL_BYTES:]

    def kill(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def close(self) -> None:
        self.kill()
        Worker.live.discard(self)

    @classmethod
    def stop_all(cls) -> int:
        """Kill every live worker's process group (and start no more); how many there were."""
        cls.stopping = True
        workers = list(cls.live)
        for worker in workers:
            worker.close()
        return len(workers)


Progress = Callable[[str, int, int], None]


def run_backend(
    worker: Worker, job: Job, deviations: list[list[str]], progress: Progress
) -> list[dict[str, Any]]:
    """All records of one backend, in case order (shrunk cases right after their origin)."""
    total = len(job.cases)
    known = tuple(Deviation(pattern, reason) for pattern, reason in deviations)
    records: dict[int, list[dict[str, Any]]] = {}
    headers: list[dict[str, Any]] = []  # every case's header, from the first worker
    start = 0
    while start < total:
        worker.send(
            {
                "profiles": list(job.profiles),
                "cases": list(job.cases),
                "start": start,
                "deviations": deviations,
                "shrink": job.shrink,
                "headers": not headers,
            }
        )
        start = _drain(worker, job, records, progress, total, known, headers)
        if start < total:  # the worker crashed or was killed: continue in a fresh one
            worker.close()
            try:
                worker = Worker(worker.backend)
                worker.ready()
            except BackendError as exc:
                reason = f"not run: the worker did not restart after a crash ({exc})"
                for index in range(start, total):
                    header = headers[index] if headers else _bare_header(job.cases[index])
                    records[index] = [_broken(header, Behaviour.NOT_RUN, reason, job, known)]
                progress(worker.backend, total, total)
                break
    worker.close()
    ordered = [record for index in sorted(records) for record in records[index]]
    unique: dict[str, dict[str, Any]] = {}
    for record in ordered:  # a restarted worker may shrink to a case it already reported
        unique.setdefault(record["id"], record)
    return list(unique.values())


def _drain(
    worker: Worker,
    job: Job,
    records: dict[int, list[dict[str, Any]]],
    progress: Progress,
    total: int,
    known: tuple[Deviation, ...] = (),
    headers: list[dict[str, Any]] | None = None,
) -> int:
    """Read events until the job ends (returns ``total``) or breaks (returns where to resume).

    A ``headers`` event (every case's header, sent once) fills ``headers``."""
    current: tuple[int, dict[str, Any]] | None = None
    deadline_s = job.case_timeout_s
    while True:
        try:
            event = worker.next(deadline_s if current else STARTUP_TIMEOUT_S)
        except queue.Empty:
            worker.kill()
            if current is None:  # stuck outside a case (shrinking): resume after the last
                return max(records, default=-1) + 1
            index, header = current
            message = f"ran past {job.case_timeout_s:g} s; the worker was killed"
            records[index] = [_broken(header, Behaviour.TIMEOUT, message, job, known)]
            progress(worker.backend, index + 1, total)
            return index + 1
        if event is None:
            if current is None:
                resume = max(records, default=-1) + 1
                return total if resume >= total else resume
            index, header = current
            code = worker.process.wait()
            message = f"the worker died (exit status {code}): {worker.stderr_tail() or '-'}"
            records[index] = [_broken(header, Behaviour.CRASHED, message, job, known)]
            progress(worker.backend, index + 1, total)
            return index + 1
        kind = event["event"]
        if kind == "headers" and headers is not None:
            headers[:] = event["headers"]
        elif kind == "start":
            current = (event["index"], event["header"])
        elif kind == "done":
            records[event["index"]] = [event["record"]]
            current = None
            progress(worker.backend, event["index"] + 1, total)
        elif kind == "shrunk":
            records[event["index"]].append(event["record"])
        elif kind == "end":
            return total


def _broken(
    header: dict[str, Any], cls: Behaviour, message: str, job: Job, known: tuple[Deviation, ...]
) -> dict[str, Any]:
    """The record of a case that crashed its worker, ran past its time limit, or was not run."""
    verdict = {
        Behaviour.CRASHED: Verdict.CRASHED,
        Behaviour.TIMEOUT: Verdict.TIMEOUT,
        Behaviour.NOT_RUN: Verdict.NOT_RUN,
    }[cls]
    verdicts = broken(
        verdict, message, job.profiles, find(known, header["id"], record_behaviour(header))
    )
    return broken_record(header, cls, message, verdicts)


def case_id(case: dict[str, Any]) -> str:
    """The id of a case in its JSON form (as ``Case.id``, without resolving operations)."""
    if "id" in case:  # the exchange section's cases carry their id
        return str(case["id"])
    return f"{'+'.join(case['chain'])}[{case['input']['id']}]"


def _bare_header(case: dict[str, Any]) -> dict[str, Any]:
    """A header made from the case alone, for a case no worker ever described."""
    inp = case.get("input")
    if not isinstance(inp, dict):  # an exchange case names its input
        inp = {"id": str(inp or "")}
    return {
        "id": case_id(case),
        "operation": "+".join(case.get("chain", [])) or case_id(case),
        "category": "unknown",
        "expression": "",
        "input": {
            "id": inp.get("id", ""),
            "expression": "",
            "dtype": inp.get("dtype", ""),
            "shape": list(inp.get("shape", [])),
            "strides": None,
            "itemsize": None,
        },
        "case": case,
        "repro": "",
    }


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
