"""Merging runs from many files into one view per backend.

Results arrive from many machines and CI jobs. Runs are grouped by backend name; within a group
the newest library version is shown (ties broken by when the run finished), and the older runs
are kept so that library pages can list them and diff pages can compare consecutive ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from conformance.site.results import Run


def version_key(version: str) -> tuple[tuple[float, int, str], ...]:
    """Order version strings the way people read them: ``2.10 > 2.9 > 2.9rc1``.

    A local suffix (``+cpu``) is ignored. Numbers compare as numbers; a text token such as
    ``rc`` sorts before the end of the version, so a pre-release precedes its release.
    """
    public = version.split("+", 1)[0].lower()
    tokens: list[tuple[float, int, str]] = []
    for token in re.findall(r"\d+|[a-z]+", public):
        tokens.append((1, int(token), "") if token.isdigit() else (0, 0, token))
    tokens.append((0.5, 0, ""))
    return tuple(tokens)


@dataclass(frozen=True)
class Library:
    """Every run of one backend, oldest first; the last one is the one the site shows."""

    backend: str
    runs: tuple[Run, ...]
    #: The run the site shows (an index into ``runs``); ``None``: the newest.
    shown: int | None = None

    @property
    def current(self) -> Run:
        return self.runs[-1 if self.shown is None else self.shown]

    @property
    def older(self) -> tuple[Run, ...]:
        """The runs not shown (oldest first)."""
        return tuple(run for run in self.runs if run is not self.current)


def _run_order(run: Run) -> tuple[object, ...]:
    return (version_key(run.version), run.finished, run.source)


def merge_runs(runs: list[Run], shown: Mapping[str, str] | None = None) -> tuple[Library, ...]:
    """Group runs by backend name, ordered by backend name; runs oldest first. ``shown`` maps a
    backend to the version the site shows instead of the newest (its last run of that version);
    :class:`ValueError` when there is no run of that backend at that version."""
    groups: dict[str, list[Run]] = {}
    for run in runs:
        groups.setdefault(run.backend, []).append(run)
    libraries = []
    for backend, group in sorted(groups.items()):
        ordered = tuple(sorted(group, key=_run_order))
        index = None
        if shown and backend in shown:
            matches = [i for i, run in enumerate(ordered) if run.version == shown[backend]]
            if not matches:
                have = ", ".join(run.version for run in ordered)
                raise ValueError(f"no run of {backend} {shown[backend]} (runs: {have})")
            index = matches[-1]
        libraries.append(Library(backend, ordered, index))
    unknown = sorted(set(shown or {}) - set(groups))
    if unknown:
        raise ValueError(f"no results of {unknown[0]!r} to show")
    return tuple(libraries)
