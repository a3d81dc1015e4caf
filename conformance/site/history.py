"""A library's behaviour across the versions it was run at: operation by version, from results.

For each operation, the behaviours its cases showed in each run (class, and the exception of an
error) make one cell; rows are the operations whose cell is not the same in every run. ``since``
is the first version from which the operation behaves as in the newest run, and the repro is the
newest run's snippet for a case whose behaviour changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conformance.site.merge import Library
from conformance.site.results import Case, Run
from conformance.site.store import CaseSource, InMemory
from conformance.vocabulary import Behaviour


@dataclass(frozen=True)
class HistoryRow:
    operation: str
    #: One cell per run, oldest first: the behaviours seen, ``""`` where the run lacks it.
    cells: tuple[str, ...]
    since: str
    case_id: str
    repro: str


def behaviour(case: Case) -> str:
    """The class, with the exception's type for an error (``error ValueError``)."""
    cls = case.observed_class
    error = case.observed.get("error")
    return f"{cls} {error}" if cls == Behaviour.ERROR and error else cls


def _cells(run: Run) -> dict[str, dict[str, str]]:
    """Per operation: case id -> behaviour."""
    out: dict[str, dict[str, str]] = {}
    for case in run.cases:
        if not case.id.startswith(case.operation) or "[gen-" in case.id:
            continue  # generated chains differ by seed; history compares curated cases
        if case.unbuilt:
            continue  # an input the library cannot make says nothing about the operation
        out.setdefault(case.operation, {})[case.id] = behaviour(case)
    return out


def _cell(behaviours: Iterable[str]) -> str:
    return ", ".join(sorted(set(behaviours)))


def versions(library: Library) -> tuple[str, ...]:
    return tuple(run.version for run in library.runs)


def history(library: Library, source: CaseSource | None = None) -> tuple[HistoryRow, ...]:
    """The operations whose behaviour changed between the library's runs, in name order.

    ``source`` serves the full cases (for the repros) where the runs are slim.
    """
    runs = library.runs
    per_run = [_cells(run) for run in runs]
    labels = versions(library)
    rows = []
    for op in sorted({op for cells in per_run for op in cells}):
        cells = tuple(_cell(cells.get(op, {}).values()) for cells in per_run)
        present = [c for c in cells if c]
        if len(present) < 2 or len(set(present)) == 1:
            continue
        since = len(cells) - 1
        while since > 0 and cells[since - 1] == cells[-1]:
            since -= 1
        newest, before = per_run[-1].get(op, {}), per_run[since - 1].get(op, {}) if since else {}
        changed = next((i for i in sorted(newest) if before.get(i) != newest[i]), None)
        full = (source or InMemory()).cases(runs[-1], op)
        case = next((c for c in full if c.id == changed), None)
        rows.append(HistoryRow(op, cells, labels[since], changed or "", case.repro if case else ""))
    return tuple(rows)
