"""Known deviations: per-backend files of case-id globs, each with the reason it is accepted.

``conformance/judge/known/<backend>.txt``, one entry a line: ``GLOB  REASON`` (``#`` starts a
comment; in the glob only ``*`` and ``?`` are wildcards). A failing case matched by an entry
gets the verdict ``known``, and so does one that crashed or timed out (its observed class stays
``crashed`` / ``timeout``); an entry that matches no case, and a matched case that passed, are
reported so the file cannot rot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Deviation:
    pattern: str
    reason: str

    def matches(self, case_id: str) -> bool:
        return id_matches(self.pattern, case_id)


def id_matches(pattern: str, case_id: str) -> bool:
    """Glob match where only ``*`` and ``?`` are wildcards.

    Note: unlike ``fnmatch``, brackets are literal, because case ids contain them
    (``reshape-flat[transposed-2d-float64]``).
    """
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, case_id) is not None


class DeviationFileError(ValueError):
    """A deviations file line has no reason."""


def parse(text: str, source: str = "<deviations>") -> tuple[Deviation, ...]:
    entries = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        pattern, _, reason = line.partition(" ")
        if not reason.strip():
            raise DeviationFileError(f"{source}:{number}: {pattern!r} has no reason; add one")
        entries.append(Deviation(pattern, reason.strip()))
    return tuple(entries)


def load(backend: str, directory: Path | None = None) -> tuple[Deviation, ...]:
    """The deviations for ``backend``: from ``directory`` if given, else the packaged files."""
    name = f"{backend}.txt"
    if directory is not None:
        path = directory / name
        return parse(path.read_text(), str(path)) if path.exists() else ()
    packaged = resources.files("conformance.judge") / "known" / name
    return parse(packaged.read_text(), name) if packaged.is_file() else ()


def find(entries: tuple[Deviation, ...], case_id: str) -> Deviation | None:
    return next((d for d in entries if d.matches(case_id)), None)
