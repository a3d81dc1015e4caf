"""The pytest plugin: suite cases as pytest items, only when asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def pytest_in(directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_plugin_does_nothing_without_the_option(tmp_path: Path) -> None:
    (tmp_path / "test_one.py").write_text("def test_one():\n    pass\n")
    done = pytest_in(tmp_path, "-q")
    assert "1 passed" in done.stdout and "copyview" not in done.stdout


def test_cases_are_items_that_k_selects_and_junitxml_reports(tmp_path: Path) -> None:
    done = pytest_in(
        tmp_path,
        "--copyview-backend=numpy",
        "--copyview-max-examples=0",
        "-q",
        "-k",
        "permute-dims and contiguous and not identity",
        "--junitxml",
        "report.xml",
    )
    assert done.returncode == 0, done.stdout
    assert "3 passed" in done.stdout
    assert (
        'testcase classname="" name="copyview[numpy]::permute-dims[contiguous-1d-float64]"'
        in (tmp_path / "report.xml").read_text()
    )


def test_a_failing_item_explains_itself_and_x_stops(tmp_path: Path) -> None:
    tests = Path(__file__).parents[1]
    done = pytest_in(
        tmp_path,
        f"--rootdir={tmp_path}",
        "--copyview-backend=mutants.numpy_mutants:CopiesWhereNumpyViews",
        "--copyview-max-examples=0",
        "-x",
        "-q",
        "-k",
        "transpose and contiguous-2d",
        "-o",
        f"pythonpath={tests}",
    )
    assert done.returncode == 1
    assert "1 failed" in done.stdout
    assert "numpy profile: class='copy', but should be 'view'" in done.stdout
    assert "repro:\nimport numpy as np" in done.stdout


def test_items_run_in_parallel_under_xdist(tmp_path: Path) -> None:
    done = pytest_in(
        tmp_path,
        "--copyview-backend=numpy",
        "--copyview-max-examples=5",
        "-q",
        "-n",
        "2",
        "-k",
        "asarray-copy and contiguous-2d",
    )
    assert done.returncode == 0, done.stdout
    assert "passed" in done.stdout and "failed" not in done.stdout


def test_property_item_reports_the_example_hypothesis_shrank_to(tmp_path: Path) -> None:
    tests = Path(__file__).parents[1]
    done = pytest_in(
        tmp_path,
        f"--rootdir={tmp_path}",
        "--copyview-backend=mutants.numpy_mutants:SharesMemoryFalseNegative",
        "--copyview-max-examples=50",
        "-q",
        "-k",
        "property",
        "-o",
        f"pythonpath={tests}",
    )
    assert done.returncode == 1
    assert "minimal failing case (shrunk by Hypothesis)" in done.stdout
    assert "operation: index-ellipsis" in done.stdout  # the simplest view there is
    assert "shape=() strides=[]" in done.stdout  # on the smallest input


def test_a_negative_max_examples_is_a_usage_error(tmp_path: Path) -> None:
    done = pytest_in(tmp_path, "--copyview-backend=numpy", "--copyview-max-examples=-1")
    assert done.returncode == 4  # pytest's "usage error"
    assert "--copyview-max-examples" in done.stderr and "give 0 or more" in done.stderr
    assert "Traceback" not in done.stderr
