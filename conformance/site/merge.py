"""Merging runs from many files into one view per backend.

Results arrive from many machines and CI jobs. Runs are grouped by backend name; within a group
the newest library version is shown (ties broken by when the run finished), and the older runs
are kept so that library pages can list them and diff pages can compare consecutive ones.
"""

from __future__ import annotations

import re
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

    @property
    def current(self) -> Run:
        return self.runs[-1]

    @property
    def older(self) -> tuple[Run, ...]:
        return self.runs[:-1]


def _run_order(run: Run) -> tuple[object, ...]:
    return (version_key(run.version), run.finished, run.source)


def merge_runs(runs: list[Run]) -> tuple[Library, ...]:
    """Group runs by backend name, ordered by backend name; runs oldest first."""
    groups: dict[str, list[Run]] = {}
    for run in runs:
        groups.setdefault(run.backend, []).append(run)
    return tuple(
        Library(backend, tuple(sorted(group, key=_run_order)))
        for backend, group in sorted(groups.items())
    )
