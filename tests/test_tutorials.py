"""The tutorial notebooks run cleanly, as the site build will run them.

Their cells assert that NumPy and the reference implementation agree, so executing them is a
test of `reference_impl` as much as of the prose. The site build executes them too (with
errors fatal); running them here finds a broken notebook before the docs job does.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

TUTORIALS = Path(__file__).resolve().parent.parent / "docs" / "tutorials"
EXPECTED = ["base", "copies-and-views", "indexing", "reshape-and-ravel", "shares-memory"]
NOTEBOOKS = sorted(TUTORIALS.glob("*.ipynb"))
SECONDS_PER_NOTEBOOK = 20  # each should take a few seconds; generous for a busy CI machine


def test_every_planned_tutorial_is_present() -> None:
    assert sorted(p.stem for p in NOTEBOOKS) == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_tutorial_is_stored_without_outputs(path: Path) -> None:
    # The site executes notebooks at build time; stored outputs would only go stale.
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a tutorial without code"
    assert all(not c.outputs and c.execution_count is None for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_tutorial_imports_installed_packages_only(path: Path) -> None:
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    assert "sys.path" not in source
    assert "import reference_impl as ref" in source and "import numpy as np" in source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_tutorial_executes_without_errors(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=SECONDS_PER_NOTEBOOK,
        kernel_name="python3",
        resources={"metadata": {"path": str(TUTORIALS)}},
    )
    start = time.perf_counter()
    client.execute()  # raises CellExecutionError, naming the cell, on the first failing cell
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS_PER_NOTEBOOK, f"{path.name} took {elapsed:.1f} s"
