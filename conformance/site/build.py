"""Building the site into a directory, all or nothing.

Results are read and checked before mkdocs starts; the site is built in a temporary directory
next to the target and moved into place only when the build succeeded, so a failed build
leaves the previous site untouched.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conformance.site.config import site_config
from conformance.site.merge import merge_runs
from conformance.site.results import expand_paths, load_many

# Written into every built site; an existing directory without it is never replaced.
MARKER = ".copyview-site"
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


def _check_target(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir}: exists and is not a directory")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise BuildError(
            f"{out_dir}: not empty and not a copyview site; choose another directory with -o"
        )


def build_site(
    results: list[str | Path],
    out_dir: str | Path,
    config_file: str | Path | None = None,
    *,
    strict: bool = True,
) -> BuildReport:
    """Build the site from results files (or directories of them) into ``out_dir``.

    ``config_file`` is an mkdocs.yml that uses the copyview hook; None builds the generated
    pages alone with :func:`conformance.site.config.site_config`. Raises
    :class:`conformance.site.results.ResultsError` for a bad results file and
    :class:`BuildError` (or an mkdocs exception) when the site cannot be built.
    """
    started = time.perf_counter()
    files = expand_paths(results)
    runs = load_many(files)
    out_dir = Path(out_dir).resolve()
    _check_target(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=f".{out_dir.name}.tmp-") as tmp:
        staging = Path(tmp) / "site"
        if config_file is None:
            docs = Path(tmp) / "docs"
            docs.mkdir()
            config_file = Path(tmp) / "mkdocs.yml"
            config_file.write_text(yaml.safe_dump(site_config(docs, staging)), encoding="utf-8")
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        # As given (relative to this process's directory): pages show them as the user named them.
        config.extra["copyview_results_files"] = [str(f) for f in files]
        build(config)
        (staging / MARKER).write_text("built by copyview site\n", encoding="utf-8")
        pages = sum(1 for _ in staging.rglob("*.html")) - (
            1 if (staging / "404.html").exists() else 0
        )
        if out_dir.exists():
            out_dir.rename(Path(tmp) / "previous")
        staging.rename(out_dir)
    return BuildReport(
        out_dir, len(files), len(merge_runs(runs)), pages, time.perf_counter() - started
    )
