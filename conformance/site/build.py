"""Building the site into a directory, all or nothing.

Results are read and checked, and the pages generated, before mkdocs starts (one results file
in memory at a time: conformance.site.prepare); the site is built in a temporary directory
next to the target and moved into place only when the build succeeded, so a failed build
leaves the previous site untouched. A built site lists the files it wrote (its manifest, in
the marker file); a rebuild replaces a directory only when it holds nothing else, and never one
that holds an input.
"""

from __future__ import annotations

import gc
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conformance.site.config import site_config
from conformance.site.fanout import default_jobs
from conformance.site.prepare import prepare
from conformance.site.results import expand_paths

# Written into every built site; an existing directory without it is never replaced. Its first
# line says what it is, the others list every file the build wrote (the manifest).
MARKER = ".copyview-site"
MARKER_HEADER = "built by copyview site; files it wrote:"
HOOK_NAME = "conformance/site/mkdocs_hook.py"


class BuildError(Exception):
    """The site cannot be built; ``str()`` is the one-line message for people."""


@dataclass(frozen=True)
class BuildReport:
    out_dir: Path
    results_files: int
    libraries: int
    pages: int
    seconds: float


def default_config() -> Path | None:
    """``./mkdocs.yml`` when it is copyview's own (it uses the copyview hook), else None."""
    candidate = Path("mkdocs.yml")
    if candidate.is_file() and HOOK_NAME in candidate.read_text(encoding="utf-8"):
        return candidate
    return None


def _check_target(out_dir: Path, inputs: list[Path]) -> None:
    for path in inputs:
        if path.resolve().is_relative_to(out_dir):
            raise BuildError(
                f"{out_dir}: holds the input {path}; choose an output directory outside the "
                "results with -o"
            )
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir}: exists and is not a directory")
    if not out_dir.is_dir() or not any(out_dir.iterdir()):
        return
    marker = out_dir / MARKER
    if not marker.is_file():
        raise BuildError(
            f"{out_dir}: not empty and not a copyview site; choose another directory with -o"
        )
    lines = marker.read_text(encoding="utf-8", errors="replace").splitlines()
    written = set(lines[1:]) if lines and lines[0] == MARKER_HEADER else set()
    for path in sorted(out_dir.rglob("*")):
        name = path.relative_to(out_dir).as_posix()
        if path.is_file() and name != MARKER and name not in written:
            raise BuildError(
                f"{out_dir}: holds {name}, which the site did not write; move it or choose "
                "another directory with -o"
            )


def build_site(
    results: list[str | Path],
    out_dir: str | Path,
    config_file: str | Path | None = None,
    *,
    strict: bool = True,
    shown: dict[str, str] | None = None,
    jobs: int | None = None,
) -> BuildReport:
    """Build the site from results files (or directories of them) into ``out_dir``.

    ``config_file`` is an mkdocs.yml that uses the copyview hook; None builds the generated
    pages alone with :func:`conformance.site.config.site_config`. Raises
    :class:`conformance.site.results.ResultsError` for a bad results file and
    :class:`BuildError` (or an mkdocs exception) when the site cannot be built. Results are
    read and pages rendered by up to ``jobs`` worker processes (None: one per core).
    """
    jobs = default_jobs() if jobs is None else jobs
    started = time.perf_counter()
    files = expand_paths(results)
    if not files:
        raise BuildError(
            f"no results files in {' '.join(str(r) for r in results)} "
            "(write them with `copyview run BACKEND --json DIR`)"
        )
    out_dir = Path(out_dir).resolve()
    _check_target(out_dir, files)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=f".{out_dir.name}.tmp-") as tmp:
        try:
            prepared = prepare(files, Path(tmp) / "generated", shown, jobs)
        except ValueError as exc:
            raise BuildError(str(exc)) from None
        staging = Path(tmp) / "site"
        if config_file is None:
            docs = Path(tmp) / "docs"
            docs.mkdir()
            config_file = Path(tmp) / "mkdocs.yml"
            config_file.write_text(yaml.safe_dump(site_config(docs, staging)), encoding="utf-8")
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        # As given (relative to this process's directory): pages show them as the user named them.
        config.extra["copyview_results_files"] = [str(f) for f in files]
        config.extra["copyview_show"] = dict(shown or {})
        config.extra["copyview_prepared"] = prepared
        # The slim runs live to the end of the build: the cyclic collector need not walk them
        # again at every full collection while mkdocs makes its millions of small objects.
        gc.freeze()
        try:
            build(config)
        finally:
            gc.unfreeze()
        manifest = sorted(
            p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()
        )
        (staging / MARKER).write_text(
            "\n".join([MARKER_HEADER, *manifest]) + "\n", encoding="utf-8"
        )
        pages = sum(1 for _ in staging.rglob("*.html")) - (
            1 if (staging / "404.html").exists() else 0
        )
        if out_dir.exists():
            out_dir.rename(Path(tmp) / "previous")
        staging.rename(out_dir)
    return BuildReport(
        out_dir, len(files), len(prepared.site.libraries), pages, time.perf_counter() - started
    )
