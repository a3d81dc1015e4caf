"""Known deviations: per-backend files of behaviour globs, each with the reason it is accepted.

``conformance/judge/known/<backend>.txt``, UTF-8, one entry a line: ``GLOB  REASON`` (``#``
starts a comment; in the glob only ``*`` and ``?`` are wildcards). A glob names a *behaviour*:
an operation (or ``+``-joined chain) and an input kind, ``OPERATION[INPUT-KIND]``. A curated
input's kind is its id (``contiguous-2d-float64``); a generated input's kind is
``gen-<ndim>d-<dtype>`` (``gen-2d-float32``), never its hash, so an entry matches the same
cases whatever the seed, and an entry naming one generated case (``[gen-4a488b7b78]``) is
refused. A failing case matched by an entry gets the verdict ``known``, and so does one that
crashed, timed out or was not run (its observed class stays); an entry that matches no case,
and a matched case that passed, are reported so the file cannot rot.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from conformance.model.cases import Case

#: The input part of a generated case's id: a hash that changes with the seed.
_GENERATED_ID = re.compile(r"\[gen-[0-9a-f]{10}\]")


def behaviour(chain: str, input_id: str, ndim: int, dtype: str, generated: bool) -> str:
    """The behaviour a case exercises: ``chain[kind]``, the same for every seed."""
    kind = f"gen-{ndim}d-{dtype}" if generated and input_id.startswith("gen-") else input_id
    return f"{chain}[{kind}]"


def case_behaviour(case: Case) -> str:
    return behaviour(
        "+".join(case.chain), case.input.id, case.input.ndim, case.input.dtype, case.generated
    )


def record_behaviour(record: Mapping[str, Any]) -> str:
    """The behaviour of a case record (or header); its id when it is no suite case."""
    chain = record.get("case", {}).get("chain") if isinstance(record.get("case"), dict) else None
    inp = record.get("input") or {}
    if not chain or not isinstance(inp, dict):
        return str(record["id"])
    return behaviour(
        "+".join(chain),
        str(inp.get("id", "")),
        len(inp.get("shape") or ()),
        str(inp.get("dtype", "")),
        bool(record.get("generated")),
    )


@dataclass(frozen=True)
class Deviation:
    pattern: str
    reason: str

    def matches(self, case_id: str, behaviour: str | None = None) -> bool:
        """Does the entry name this case: its behaviour, or its id (curated cases)?"""
        if behaviour is not None and id_matches(self.pattern, behaviour):
            return True
        return not _GENERATED_ID.search(case_id) and id_matches(self.pattern, case_id)

    def matches_record(self, record: Mapping[str, Any]) -> bool:
        return self.matches(str(record["id"]), record_behaviour(record))


def id_matches(pattern: str, case_id: str) -> bool:
    """Glob match where only ``*`` and ``?`` are wildcards.

    Note: unlike ``fnmatch``, brackets are literal, because case ids contain them
    (``reshape-flat[transposed-2d-float64]``).
    """
    return _regex(pattern).fullmatch(case_id) is not None


@functools.cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    )


class DeviationFileError(ValueError):
    """A deviations file cannot be used (not UTF-8, a line without a reason...)."""


def parse(text: str, source: str = "<deviations>") -> tuple[Deviation, ...]:
    entries = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        pattern, _, reason = line.partition(" ")
        if not reason.strip():
            raise DeviationFileError(f"{source}:{number}: {pattern!r} has no reason; add one")
        if _GENERATED_ID.search(pattern):
            raise DeviationFileError(
                f"{source}:{number}: {pattern!r} names one generated case, which changes with "
                "the seed; name the behaviour instead, e.g. OP[gen-2d-float64] or OP[gen-*]"
            )
        entries.append(Deviation(pattern, reason.strip()))
    return tuple(entries)


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DeviationFileError(
            f"{source}: not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None


def load(backend: str, directory: Path | None = None) -> tuple[Deviation, ...]:
    """The deviations for ``backend``: from ``directory`` if given, else the packaged files."""
    name = f"{backend}.txt"
    if directory is not None:
        if not directory.is_dir():
            raise DeviationFileError(f"{directory}: no such directory of deviation files")
        path = directory / name
        if not path.exists():
            return ()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DeviationFileError(f"{path}: cannot be read ({exc.strerror})") from None
        return parse(_decode(data, str(path)), str(path))
    packaged = resources.files("conformance.judge") / "known" / name
    if not packaged.is_file():
        return ()
    return parse(_decode(packaged.read_bytes(), name), name)


def find(
    entries: tuple[Deviation, ...], case_id: str, behaviour: str | None = None
) -> Deviation | None:
    return next((d for d in entries if d.matches(case_id, behaviour)), None)
