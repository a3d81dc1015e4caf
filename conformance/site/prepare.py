"""Results files to generated pages on disk, one results file in memory at a time.

Each file is read, its full cases go to disk (:class:`store.Spilled`) and a slim run stays;
once every file is read the site model is built from the slim runs and every page is written
as soon as it is rendered. What mkdocs then holds is the pages' Markdown without their large
HTML blocks, which the hook reads back page by page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from conformance.site.fanout import fan_out
from conformance.site.generate import write_files
from conformance.site.model import SiteData, build_model
from conformance.site.results import ResultsError, expand_paths, load_results
from conformance.site.store import Spill, Spilled


@dataclass(frozen=True)
class Prepared:
    """The generated files of a site: the model, and where each file lies."""

    site: SiteData
    #: The generated files lie here, each at its path in docs.
    directory: Path
    files: tuple[str, ...]
    results_files: tuple[Path, ...]


def _spill(store: Spilled, path: Path) -> Spill | ResultsError:
    try:
        return store.spill(load_results(path))
    except ResultsError as problem:
        return problem


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # load_results says what is wrong with it
        return 0


def prepare(
    results: Iterable[str | Path],
    directory: Path,
    shown: Mapping[str, str] | None = None,
    jobs: int = 1,
) -> Prepared:
    """Read the results (files or directories of them) and write the site's generated files
    under ``directory`` (which it fills with scratch files too; the caller removes it), with
    up to ``jobs`` worker processes.

    Raises :class:`results.ResultsError` for a bad results file and :class:`ValueError` when
    ``shown`` names a run that is not there.
    """
    files = tuple(expand_paths(results))
    store = Spilled(directory / "cases")
    # One file at a time per worker: the full run is dropped as soon as its slim run is made.
    # Largest first, so that no worker is left with a big file when the others are done.
    order = sorted(range(len(files)), key=lambda i: -_size(files[i]))
    spills = fan_out(lambda i: _spill(store, files[i]), order, jobs)
    by_file = dict(zip(order, spills, strict=True))
    runs = []
    # Of several bad files, the first named is reported, whatever order they were read in.
    for i in range(len(files)):
        if isinstance(done := by_file[i], ResultsError):
            raise done
        runs.append(store.adopt(done))
    site = build_model(runs, shown, store)
    docs = directory / "docs"
    return Prepared(site, docs, write_files(site, docs, jobs), files)
