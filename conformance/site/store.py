"""Where the pages find full cases: the runs themselves, or files on disk.

Most pages need only each case's id, operation, class and verdicts; the operation pages, the
failures of a library page and the myths page need everything (witnesses, claims, layouts,
repros). Holding every case of every results file in memory made the site build grow to 11x
the size of the files, so :class:`Spilled` reads one file at a time: it writes the file's
cases to disk grouped by operation, works out the myths' findings while the file is in
memory, and hands back a *slim* run, whose cases keep what the other pages read. Pages ask a
:class:`CaseSource` for full cases; :class:`InMemory` serves runs read whole (the tests, and
``copyview badge``).
"""

from __future__ import annotations

import hashlib
import operator
import pickle
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Protocol

from conformance.site.myths import CLAIMS, Claim, Finding, check_claim
from conformance.site.results import Case, Run, Verdict

#: The observed fields a slim case keeps (its class; the exception of an error, for history).
SLIM_OBSERVED = ("class", "error")
# Cases are pickled as tuples of their fields: several times faster to write than the objects.
_case_row = operator.attrgetter(*(field.name for field in fields(Case)))


class CaseSource(Protocol):
    def cases(self, run: Run, operation: str) -> tuple[Case, ...]:
        """The full cases of ``operation`` in ``run``, in file order."""
        ...

    def finding(self, claim: Claim, run: Run) -> Finding:
        """The claim on the run (its counterexamples may be only the ones shown)."""
        ...


def full_cases(source: CaseSource, run: Run, cases: Iterable[Case]) -> list[Case]:
    """The full form of each of ``cases`` (cases of ``run``), in order."""
    by_operation: dict[str, dict[str, Case]] = {}
    found = []
    for case in cases:
        if case.operation not in by_operation:
            by_operation[case.operation] = {c.id: c for c in source.cases(run, case.operation)}
        found.append(by_operation[case.operation][case.id])
    return found


class InMemory:
    """Runs read whole: a run's cases are its own."""

    def cases(self, run: Run, operation: str) -> tuple[Case, ...]:
        return tuple(case for case in run.cases if case.operation == operation)

    def finding(self, claim: Claim, run: Run) -> Finding:
        return check_claim(claim, run)


class _Interned:
    """One shared object per distinct value, for the many equal small values of slim cases.

    Slim cases are never mutated (the site reads results, nothing more), so equal verdict
    maps, observed parts and names can be one object each.
    """

    def __init__(self) -> None:
        self._values: dict[Any, Any] = {}

    def mapping(self, items: tuple[tuple[str, Any], ...]) -> Mapping[str, Any]:
        return self._values.setdefault(("map", items), dict(items))

    def verdict(self, verdict: Verdict) -> Verdict:
        return self._values.setdefault(("verdict", verdict.verdict, verdict.message), verdict)

    def tags(self, tags: frozenset[str] | None) -> frozenset[str] | None:
        return tags if tags is None else self._values.setdefault(("tags", tags), tags)


@dataclass(frozen=True)
class Spill:
    """One run written to disk: its slim run, where each operation's cases lie in ``path``
    (offset, length) and the (shortened) finding of every claim on it, by claim number."""

    run: Run
    path: Path
    index: dict[str, tuple[int, int]]
    findings: dict[int, Finding]


class Spilled:
    """Cases on disk under ``directory``, one file per run holding a pickle per operation,
    and the findings of every claim on every run added."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._findings: dict[tuple[str, int], Finding] = {}
        # (run source, operation) -> (file, offset, length) of the operation's cases.
        self._index: dict[tuple[str, str], tuple[Path, int, int]] = {}
        self._interned = _Interned()

    def add(self, run: Run) -> Run:
        """Keep ``run``'s full cases on disk and its findings; the slim run to hold instead."""
        return self.adopt(self.spill(run))

    def spill(self, run: Run) -> Spill:
        """Write ``run``'s full cases to disk and judge the myths on it, keeping nothing here:
        a worker process can do it and hand the :class:`Spill` to :meth:`adopt`."""
        self.directory.mkdir(parents=True, exist_ok=True)
        # A run is known by its file: the same file named twice gives the same cases.
        path = self.directory / hashlib.sha1(run.source.encode("utf-8")).hexdigest()[:16]
        groups: dict[str, list[tuple[Any, ...]]] = {}
        for case in run.cases:
            groups.setdefault(case.operation, []).append(_case_row(case))
        index = {}
        with path.open("wb") as out:
            for operation, rows in groups.items():
                data = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
                index[operation] = (out.tell(), len(data))
                out.write(data)
        findings = {claim.number: check_claim(claim, run).shortened() for claim in CLAIMS}
        slim = replace(run, cases=tuple(self._slim(case) for case in run.cases))
        return Spill(slim, path, index, findings)

    def adopt(self, spill: Spill) -> Run:
        """Serve the cases and findings of ``spill``; its slim run."""
        source = spill.run.source
        for operation, (offset, length) in spill.index.items():
            self._index[source, operation] = (spill.path, offset, length)
        for number, finding in spill.findings.items():
            self._findings[source, number] = finding
        return spill.run

    def _slim(self, case: Case) -> Case:
        interned = self._interned
        observed = tuple((key, case.observed.get(key)) for key in SLIM_OBSERVED)
        if case.unbuilt:
            observed += (("unbuilt", True),)
        verdicts = tuple((p, interned.verdict(v)) for p, v in case.verdicts.items())
        return Case(
            id=sys.intern(case.id),
            operation=sys.intern(case.operation),
            category=sys.intern(case.category),
            expression=sys.intern(case.expression),
            input=interned.mapping(()),
            expected=None,
            observed=interned.mapping(observed),
            verdicts=interned.mapping(verdicts),
            repro="",
            tags=interned.tags(case.tags),
        )

    def cases(self, run: Run, operation: str) -> tuple[Case, ...]:
        where = self._index.get((run.source, operation))
        if where is None:
            return ()
        path, offset, length = where
        with path.open("rb") as data:
            data.seek(offset)
            rows = pickle.loads(data.read(length))
        return tuple(Case(*row) for row in rows)

    def finding(self, claim: Claim, run: Run) -> Finding:
        return self._findings[run.source, claim.number]
