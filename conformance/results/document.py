"""The results document: one self-describing, versioned JSON file per backend run.

See ``docs/reference/results-format.md``; the JSON Schema is ``schema/results.schema.json``.
Files are written atomically (a temporary file in the same directory, then ``os.replace``), so
readers never see half a document.
"""

from __future__ import annotations

import json
import os
import platform
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from conformance import __version__
from conformance.judge.verdicts import summarise
from reference_impl import MODELS_NUMPY

SCHEMA_NAME = "copyview-results"
SCHEMA_VERSION = 1


def environment(device: str) -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "device": device,
    }


def document(
    backend: dict[str, Any],
    run: dict[str, Any],
    cases: list[dict[str, Any]],
    deviations: dict[str, list[str]],
) -> dict[str, Any]:
    """The whole document for one backend; ``cases`` are final records in run order."""
    return {
        "schema": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "suite": {
            "name": "copyview",
            "version": __version__,
            # The numpy profile is judged against this NumPy, whatever version ran.
            "oracle": {"name": "reference_impl", "models_numpy": MODELS_NUMPY},
        },
        "backend": backend,
        "environment": environment(backend["capabilities"]["device"]),
        "run": run,
        "cases": cases,
        "deviations": deviations,
        "summary": summarise(cases, list(run["profiles"])),
    }


def write_atomic(path: Path, doc: dict[str, Any]) -> None:
    """Write ``doc`` to ``path`` so that the file is either the old one or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; results are for everyone
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(serialise(doc))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def serialise(doc: dict[str, Any]) -> str:
    """The document's text: one top-level field a line, and one compact case record a line.

    Indenting every nested value (``indent=1``) made 30% of a file whitespace. One case a line
    keeps files line-oriented all the same: ``grep`` and ``diff`` show whole, self-contained
    cases.
    """
    lines = []
    for key, value in doc.items():
        if key == "cases" and isinstance(value, list) and value:
            records = ",\n".join(_compact(case) for case in value)
            lines.append(f"{_compact(key)}:[\n{records}\n]")
        else:
            lines.append(f"{_compact(key)}:{_compact(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def schema() -> dict[str, Any]:
    """The results JSON Schema."""
    text = (resources.files("conformance.results") / "schema" / "results.schema.json").read_text()
    return json.loads(text)


def validate(doc: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``doc`` does not follow the schema."""
    import jsonschema  # a test dependency: only validation needs it

    jsonschema.validate(doc, schema())
