"""Behaviour across releases, end to end: two versions of a small library (tests/fixtures/libs/
tinyxp-1.0 and -2.0, whose ``reshape`` copies in 1.0 and views in 2.0) run in two cached uv
environments; the results carry each version, and the history on the library's changes page
shows the difference, found from the results."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.site.history import history
from conformance.site.merge import merge_runs
from conformance.site.pages import diffs
from conformance.site.results import load_many

LIBS = Path(__file__).parent / "fixtures" / "libs"


def copyview(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conformance.cli", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COPYVIEW_CACHE": str(cache)},
    )


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("uv", reason="uv makes the environments (the test extra installs it)")
    root = tmp_path_factory.mktemp("history")
    for version in ("tinyxp-1.0", "tinyxp-2.0"):  # building leaves files beside the source
        shutil.copytree(LIBS / version, root / version)
    done = copyview(
        "run",
        f"tinyxp@{root / 'tinyxp-1.0'}",
        f"tinyxp@{root / 'tinyxp-2.0'}",
        "--select",
        "xp-reshape*",
        "--ci",
        "--max-examples",
        "0",
        "--quiet",
        "--json",
        str(root / "results"),
        cache=root / "envs",
    )
    assert done.returncode == 0, done.stderr
    return root


def test_each_version_runs_in_its_own_environment_and_is_filed_by_it(two_versions: Path) -> None:
    results = two_versions / "results"
    assert sorted(p.name for p in results.iterdir()) == [
        "tinyxp@tinyxp-1.0.json",
        "tinyxp@tinyxp-2.0.json",
    ]
    versions = {json.loads(p.read_text())["backend"]["version"] for p in results.glob("*.json")}
    assert versions == {"1.0", "2.0"}
    assert len(list((two_versions / "envs").iterdir())) == 2


def test_history_shows_the_change_and_the_version_it_came_in(two_versions: Path) -> None:
    library = merge_runs(load_many([two_versions / "results"]))[0]
    rows = {row.operation: row for row in history(library)}
    flat = rows["xp-reshape-flat"]
    assert flat.cells[0] == "copy" and "view" in flat.cells[1]
    assert flat.since == "2.0"
    assert "tinyxp" in flat.repro and "reshape" in flat.repro
    page = diffs.render(library)
    assert "<th>1.0</th><th>2.0</th>" in page and 'class="cv-changed"' in page


def test_a_release_that_cannot_be_installed_costs_that_backend_only(tmp_path: Path) -> None:
    pytest.importorskip("uv", reason="uv makes the environments (the test extra installs it)")
    done = copyview(
        "run",
        f"tinyxp@{tmp_path / 'no-such-source'}",
        "numpy",
        "--select",
        "reshape-flat[contiguous-2d-float64]",
        "--max-examples",
        "0",
        "--quiet",
        "--json",
        str(tmp_path / "results"),
        cache=tmp_path / "envs",
    )
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and errors[0].startswith("copyview: error: tinyxp@no-such-source: ")
    assert (tmp_path / "results" / "numpy.json").is_file()
