"""Reading results files: the site's only input.

A results file (docs/reference/results-format.md) is parsed into frozen values, keeping just the
fields the site shows. Anything the site relies on is checked here, so a malformed or
wrong-version file fails before a single page is written, with one line naming the file and the
problem.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.vocabulary import Verdict as VerdictWord

SCHEMA_NAME = "copyview-results"
SUPPORTED_SCHEMA_VERSIONS = frozenset({1})


class ResultsError(Exception):
    """A results file that cannot be read; ``str()`` is the one-line message for people."""

    def __init__(self, path: str | Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        # Raised in a worker process and re-raised here: rebuilt from its two parts.
        return (type(self), (self.path, self.problem))


@dataclass(frozen=True)
class Verdict:
    """One profile's judgement of one case."""

    verdict: str
    message: str = ""


@dataclass(frozen=True)
class Case:
    """One operation applied to one input, as a backend run saw it.

    ``expected`` and ``observed`` keep the nested JSON objects as read (frozen by convention:
    nothing in the site mutates them), because the site only displays and inspects them.
    """

    id: str
    operation: str
    category: str
    expression: str
    input: Mapping[str, Any]
    expected: Mapping[str, Any] | None
    observed: Mapping[str, Any]
    verdicts: Mapping[str, Verdict]
    repro: str
    #: What kind of operation the case runs (``vocabulary.Tag`` words); ``None`` in results
    #: written before the catalogue tagged its cases.
    tags: frozenset[str] | None = None
    #: The repro on the input's twin off the 64-byte boundary (alignment witness), or "".
    repro_misaligned: str = ""

    @property
    def observed_class(self) -> str:
        return str(self.observed.get("class") or "unknown")

    @property
    def unbuilt(self) -> bool:
        """Not run because the library cannot make the input (read-only, placed buffers)."""
        if self.observed.get("unbuilt") is True:  # a slim case says so itself (store.py)
            return True
        return self.observed_class == "not-applicable" and str(
            self.observed.get("error_message") or ""
        ).startswith("could not build the input")

    @property
    def expected_class(self) -> str | None:
        if not self.expected:
            return None
        value = self.expected.get("class")
        return None if value is None else str(value)

    @property
    def witnesses(self) -> Mapping[str, Any]:
        return self.observed.get("witnesses") or {}

    @property
    def claims(self) -> Mapping[str, Any]:
        return self.observed.get("claims") or {}

    def verdict(self, profile: str) -> str:
        """The verdict under ``profile``; ``not-applicable`` when the run did not judge it."""
        found = self.verdicts.get(profile)
        return found.verdict if found else VerdictWord.NOT_APPLICABLE


@dataclass(frozen=True)
class Run:
    """One backend run: who ran what, where, and its cases in file order."""

    source: str
    backend: str
    library: str
    version: str
    adapter: str
    promised_profiles: tuple[str, ...]
    capabilities: Mapping[str, Any]
    platform: str
    python: str
    device: str
    profiles: tuple[str, ...]
    started: str
    finished: str
    suite_version: str
    cases: tuple[Case, ...]
    unmatched_deviations: tuple[str, ...]
    unexpected_passes: tuple[str, ...]

    @property
    def label(self) -> str:
        """A short description telling two runs of one backend apart."""
        return f"{self.library} {self.version} on {self.platform} ({self.finished or 'undated'})"


def _require(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], owner: str) -> Any:
    if key not in data:
        raise ValueError(f"{owner} has no field {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ValueError(f"field {key!r} of {owner} should be {names}, not {type(value).__name__}")
    return value


def _optional_str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)


def _parse_case(raw: Any, index: int) -> Case:
    if not isinstance(raw, dict):
        raise ValueError(f"cases[{index}] should be an object")
    case_id = _require(raw, "id", str, f"cases[{index}]")
    where = f"case {case_id!r}"
    observed = _require(raw, "observed", dict, where)
    _require(observed, "class", str, f"the observed part of {where}")
    raw_verdicts = _require(raw, "verdicts", dict, where)
    verdicts = {}
    for profile, judged in raw_verdicts.items():
        if not isinstance(judged, dict) or not isinstance(judged.get("verdict"), str):
            raise ValueError(f"verdicts[{profile!r}] of {where} should be an object with a verdict")
        verdicts[str(profile)] = Verdict(judged["verdict"], str(judged.get("message") or ""))
    expected = raw.get("expected")
    if expected is not None and not isinstance(expected, dict):
        raise ValueError(f"field 'expected' of {where} should be an object or null")
    raw_input = raw.get("input") or {}
    if not isinstance(raw_input, dict):
        raise ValueError(f"field 'input' of {where} should be an object")
    return Case(
        id=case_id,
        operation=_require(raw, "operation", str, where),
        category=_require(raw, "category", str, where),
        expression=_optional_str(raw, "expression"),
        input=raw_input,
        expected=expected,
        observed=observed,
        verdicts=verdicts,
        repro=_optional_str(raw, "repro"),
        tags=_tags(raw.get("tags"), where),
        repro_misaligned=_optional_str(raw, "repro_misaligned"),
    )


def _tags(raw: Any, where: str) -> frozenset[str] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        raise ValueError(f"field 'tags' of {where} should be a list of strings")
    return frozenset(raw)


def parse_results(data: Any, source: str) -> Run:
    """Check a decoded results document and turn it into a :class:`Run`.

    Raises :class:`ResultsError` naming ``source`` and the first problem found.
    """
    try:
        if not isinstance(data, dict):
            raise ValueError("not a results document (the top level is not an object)")
        if data.get("schema") != SCHEMA_NAME:
            raise ValueError(
                f"not a results document (schema is {data.get('schema')!r}, "
                f"expected {SCHEMA_NAME!r})"
            )
        version = data.get("schema_version")
        if version not in SUPPORTED_SCHEMA_VERSIONS:
            supported = ", ".join(str(v) for v in sorted(SUPPORTED_SCHEMA_VERSIONS))
            raise ValueError(
                f"schema_version {version!r} is not supported (this copyview reads "
                f"{supported}); rerun the suite with a matching copyview"
            )
        backend = _require(data, "backend", dict, "the document")
        environment = data.get("environment") or {}
        run = data.get("run") or {}
        suite = data.get("suite") or {}
        raw_cases = _require(data, "cases", list, "the document")
        cases = tuple(_parse_case(raw, i) for i, raw in enumerate(raw_cases))
        seen: set[str] = set()
        for case in cases:
            if case.id in seen:
                raise ValueError(f"case id {case.id!r} appears twice")
            seen.add(case.id)
        deviations = data.get("deviations") or {}
        return Run(
            source=source,
            backend=_require(backend, "name", str, "backend"),
            library=_optional_str(backend, "library") or backend["name"],
            version=_optional_str(backend, "version") or "unknown",
            adapter=_optional_str(backend, "adapter"),
            promised_profiles=tuple(str(p) for p in backend.get("promised_profiles") or ()),
            capabilities=dict(backend.get("capabilities") or {}),
            platform=_optional_str(environment, "platform") or "unknown platform",
            python=_optional_str(environment, "python"),
            device=_optional_str(environment, "device") or "cpu",
            profiles=tuple(str(p) for p in run.get("profiles") or ()),
            started=_optional_str(run, "started"),
            finished=_optional_str(run, "finished"),
            suite_version=_optional_str(suite, "version"),
            cases=cases,
            unmatched_deviations=tuple(str(d) for d in deviations.get("unmatched") or ()),
            unexpected_passes=tuple(str(d) for d in deviations.get("unexpected_passes") or ()),
        )
    except (ValueError, TypeError, AttributeError) as exc:
        raise ResultsError(source, str(exc)) from None


def load_results(path: str | Path) -> Run:
    """Read and check one results file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResultsError(
            path,
            "no such file or directory (results are written by `copyview run BACKEND --json DIR`)",
        ) from None
    except OSError as exc:
        raise ResultsError(path, f"cannot read it ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ResultsError(path, "not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResultsError(
            path, f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    return parse_results(data, str(path))


def _is_endpoint(path: Path) -> bool:
    """A shields.io endpoint badge (``copyview badge`` writes them), not a results file."""
    with path.open("rb") as handle:
        return b'"schemaVersion"' in handle.read(256)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Results files named directly, plus every ``*.json`` inside named directories."""
    found: list[Path] = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.glob("*.json") if p.is_file() and not _is_endpoint(p))
            )
        else:
            found.append(path)
    return found


def load_many(paths: Iterable[str | Path]) -> list[Run]:
    """Read every results file named (directories expand to their ``*.json``)."""
    return [load_results(path) for path in expand_paths(paths)]
