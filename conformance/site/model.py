"""The site's view of the merged results: libraries, operations, profiles and page paths.

Built once from the merged runs; every page renderer reads this value, so page names, the
order of columns and the set of profiles are decided in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from conformance.site.markup import slug
from conformance.site.merge import Library, merge_runs
from conformance.site.results import Case, Run
from conformance.site.store import CaseSource, InMemory

# The suite's own profiles come first, in this order; any others follow alphabetically.
KNOWN_PROFILES = ("numpy", "array-api", "consistency")


@dataclass(frozen=True)
class Operation:
    """One operation id, as every library ran it: the cases of each backend's current run
    (slim ones in a streamed build: the full ones come from ``SiteData.source``)."""

    id: str
    category: str
    expressions: tuple[str, ...]
    cases: tuple[tuple[str, tuple[Case, ...]], ...]

    def cases_of(self, backend: str) -> tuple[Case, ...]:
        return dict(self.cases).get(backend, ())

    @property
    def case_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for _, cases in self.cases:
            for case in cases:
                seen.setdefault(case.id, None)
        return tuple(seen)


@dataclass(frozen=True)
class SiteData:
    libraries: tuple[Library, ...]
    operations: tuple[Operation, ...]
    profiles: tuple[str, ...]
    #: Where pages find the full cases of a run and the myths' findings.
    source: CaseSource = field(default_factory=InMemory)

    @property
    def runs(self) -> tuple[Run, ...]:
        """The run shown for each library, in column order."""
        return tuple(library.current for library in self.libraries)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(sorted({op.category for op in self.operations}))


def _profiles(runs: Iterable[Run]) -> tuple[str, ...]:
    found: set[str] = set()
    for run in runs:
        found.update(run.profiles)
        for case in run.cases:
            found.update(case.verdicts)
    known = [p for p in KNOWN_PROFILES if p in found]
    return tuple(known + sorted(found - set(known)))


def build_model(
    runs: list[Run], shown: Mapping[str, str] | None = None, source: CaseSource | None = None
) -> SiteData:
    """The site's data; ``shown`` picks the version shown for a library (default: newest).

    ``source`` serves the full cases when ``runs`` are slim (:class:`store.Spilled`).
    """
    libraries = merge_runs(runs, shown)
    current = [library.current for library in libraries]
    by_operation: dict[str, dict[str, list[Case]]] = {}
    category: dict[str, str] = {}
    expressions: dict[str, dict[str, None]] = {}
    for run in current:
        for case in run.cases:
            by_operation.setdefault(case.operation, {}).setdefault(run.backend, []).append(case)
            category.setdefault(case.operation, case.category)
            expressions.setdefault(case.operation, {}).setdefault(case.expression, None)
    operations = tuple(
        Operation(
            id=op_id,
            category=category[op_id],
            expressions=tuple(expressions[op_id]),
            cases=tuple((backend, tuple(cases)) for backend, cases in per_backend.items()),
        )
        for op_id, per_backend in sorted(
            by_operation.items(), key=lambda item: (category[item[0]], item[0])
        )
    )
    return SiteData(libraries, operations, _profiles(current), source or InMemory())


# Page sources, relative to the docs directory. Names from results go through slug().
HOME = "index.md"
MATRIX = "matrix.md"
MYTHS = "myths.md"
ASSETS_CSS = "assets/copyview.css"
ASSETS_JS = "assets/copyview.js"


def library_page(backend: str) -> str:
    return f"libraries/{slug(backend)}.md"


def operation_page(operation: str) -> str:
    return f"operations/{slug(operation)}.md"


def diff_page(backend: str) -> str:
    return f"diffs/{slug(backend)}.md"


def badge_file(backend: str, profile: str, extension: str) -> str:
    return f"badges/{slug(backend)}-{slug(profile)}.{extension}"
