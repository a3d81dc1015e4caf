"""The ``copyview`` command: exit codes, one-line errors, per-case isolation, delegation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import cli

TESTS = Path(__file__).parents[1]  # tests/


def copyview(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(TESTS)}  # the test-only backends live in tests/
    return subprocess.run(
        [sys.executable, "-m", "conformance.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_passing_run_exits_zero_and_prints_a_summary_table(tmp_path: Path) -> None:
    done = copyview(
        "run",
        "numpy",
        "--select",
        "reshape*[contiguous-2d-float64]",
        "--max-examples",
        "0",
        "--json",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "backend" in done.stdout and "consistency" in done.stdout
    doc = json.loads((tmp_path / "numpy.json").read_text())
    assert [c["id"] for c in doc["cases"]] == [
        "reshape-same[contiguous-2d-float64]",
        "reshape-flat[contiguous-2d-float64]",
        "reshape-flat-F[contiguous-2d-float64]",
        "reshape-column[contiguous-2d-float64]",
        "reshape-flat-copy-false[contiguous-2d-float64]",
    ]


def test_non_conformance_of_a_promised_profile_exits_one() -> None:
    done = copyview(
        "run",
        "mutants.numpy_mutants:AsarrayCopyTrueAliases",
        "--select",
        "asarray-copy-true[contiguous-2d-float64]",
        "--max-examples",
        "0",
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAIL" in done.stdout


@pytest.mark.parametrize("backend", ["no_such_library_xyz", "numpy:no_such_attribute"])
def test_unknown_backend_exits_two_with_one_line_and_no_traceback(backend: str) -> None:
    done = copyview("run", backend, "--max-examples", "0", "--select", "T[*")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_unknown_profile_is_a_usage_error() -> None:
    assert copyview("run", "numpy", "--profile", "pandas").returncode == 2


def test_an_aborting_case_costs_one_case_not_the_run(tmp_path: Path) -> None:
    done = copyview(
        "run",
        "mutants.broken:aborting",
        "--select",
        "*[contiguous-1d-float64]",
        "--max-examples",
        "0",
        "--json",
        str(tmp_path),
    )
    assert done.returncode == 1
    doc = json.loads((tmp_path / "aborting.json").read_text())
    by_class = {c["id"]: c["observed"]["class"] for c in doc["cases"]}
    # Exactly the cases that call the poisoned flip crash: flip itself and its no-op form.
    crashed = [c for c in doc["cases"] if c["observed"]["class"] == "crashed"]
    assert {c["id"] for c in crashed} == {
        "flip[contiguous-1d-float64]",
        "flip-no-axes[contiguous-1d-float64]",
    }
    assert all("import numpy" in c["repro"] for c in crashed)
    after = list(by_class).index("flip[contiguous-1d-float64]") + 1
    assert after < len(by_class) and by_class[list(by_class)[after]] != "crashed"


def test_a_hanging_case_times_out_and_the_run_continues(tmp_path: Path) -> None:
    done = copyview(
        "run",
        "mutants.broken:hanging",
        "--select",
        "*[reversed-1d-float64]",
        "--max-examples",
        "0",
        "--timeout",
        "3",
        "--json",
        str(tmp_path),
    )
    assert done.returncode == 1
    doc = json.loads((tmp_path / "hanging.json").read_text())
    verdicts = {c["id"]: c["verdicts"]["consistency"]["verdict"] for c in doc["cases"]}
    timed_out = {case_id for case_id, v in verdicts.items() if v == "timeout"}
    assert timed_out == {"flip[reversed-1d-float64]", "flip-no-axes[reversed-1d-float64]"}
    assert doc["summary"]["consistency"]["pass"] > 10


def test_known_deviations_unmatched_entries_and_unexpected_passes(tmp_path: Path) -> None:
    (tmp_path / "mutant-copies-views.txt").write_text(
        "# transpose copies on purpose\n"
        "transpose[*] copies: the fault this mutant injects\n"
        "T[contiguous-2d-float64] listed, but passes\n"
        "no-such-operation[*] matches nothing\n"
    )
    done = copyview(
        "run",
        "mutants.numpy_mutants:CopiesWhereNumpyViews",
        "--select",
        "*[contiguous-2d-float64]",
        "--max-examples",
        "0",
        "--deviations",
        str(tmp_path),
        "--json",
        str(tmp_path),
    )
    doc = json.loads((tmp_path / "mutant-copies-views.json").read_text())
    case = next(c for c in doc["cases"] if c["id"] == "transpose[contiguous-2d-float64]")
    assert case["verdicts"]["numpy"]["verdict"] == "known"
    assert "the fault this mutant injects" in case["verdicts"]["numpy"]["message"]
    assert doc["deviations"]["unmatched"] == ["no-such-operation[*]"]
    assert doc["deviations"]["unexpected_passes"] == ["T[contiguous-2d-float64]"]
    assert "matches no case" in done.stderr and "listed as a known deviation" in done.stderr
    assert done.returncode == 0, done.stdout


def test_library_operations_run_as_cases_of_their_own_backend(tmp_path: Path) -> None:
    done = copyview(
        "run",
        "memoryview",
        "--select",
        "memoryview-*[contiguous-1d-float64]",
        "--max-examples",
        "0",
        "--json",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    doc = json.loads((tmp_path / "memoryview.json").read_text())
    by_id = {c["id"]: c for c in doc["cases"]}
    assert "memoryview-toreadonly[contiguous-1d-float64]" in by_id
    case = by_id["memoryview-toreadonly[contiguous-1d-float64]"]
    assert case["expected"] is None and case["observed"]["class"] == "read-only-view"


def test_a_select_matching_no_case_of_any_backend_is_a_usage_error() -> None:
    done = copyview("run", "numpy", "--select", "memoryview-*", "--max-examples", "0")
    assert done.returncode == 2 and "matches no case id" in done.stderr


def test_a_crash_listed_as_a_known_deviation_stays_crashed_but_counts_as_known(
    tmp_path: Path,
) -> None:
    (tmp_path / "aborting.txt").write_text("flip[contiguous-1d-float64] the mutant aborts\n")
    done = copyview(
        "run",
        "mutants.broken:aborting",
        "--select",
        "flip[contiguous-1d-float64]",
        "--max-examples",
        "0",
        "--deviations",
        str(tmp_path),
        "--json",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    doc = json.loads((tmp_path / "aborting.json").read_text())
    (case,) = doc["cases"]
    assert case["observed"]["class"] == "crashed"
    verdict = case["verdicts"]["consistency"]
    assert verdict["verdict"] == "known" and "the mutant aborts" in verdict["message"]
    assert doc["deviations"]["unmatched"] == []


def test_run_exchange_writes_the_exchange_section_in_the_results_format(tmp_path: Path) -> None:
    done = copyview("run", "exchange", "--select", "numpy->numpy:*", "--json", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    doc = json.loads((tmp_path / "exchange.json").read_text())
    assert doc["backend"]["name"] == "exchange" and doc["cases"]
    assert all(c["id"].startswith("numpy->numpy:") for c in doc["cases"])
    assert "exchange" in done.stdout and "consistency" in done.stdout
    # A backend whose hand-offs could not run (cupy without a GPU) is named in the results.
    from conformance.run.exchange import Exchange

    assert doc["run"].get("notes", []) == Exchange().notes
    pytest.importorskip("jsonschema")
    from conformance.results.document import validate

    validate(doc)


def test_site_subcommand_delegates_to_the_site_generator(monkeypatch) -> None:
    import conformance.site

    seen = []
    monkeypatch.setattr(conformance.site, "main", lambda argv: seen.append(argv) or 7)
    assert cli.main(["site", "results/", "--out", "x"]) == 7
    assert seen == [["results/", "--out", "x"]]


def _verdicts(directory: Path, name: str) -> dict[str, tuple[str, dict[str, str]]]:
    doc = json.loads((directory / f"{name}.json").read_text())
    return {
        c["id"]: (c["observed"]["class"], {p: v["verdict"] for p, v in c["verdicts"].items()})
        for c in doc["cases"]
    }


def test_backends_run_side_by_side_with_the_same_results_and_order(tmp_path: Path) -> None:
    names = ("reference_impl", "numpy", "array_api_strict")
    common = ("--select", "*[strided-1d-float64]", "--ci", "--max-examples", "5")
    one, three = tmp_path / "one", tmp_path / "three"
    serial = copyview("run", *names, *common, "-j", "1", "--json", str(one))
    parallel = copyview("run", *names, *common, "-j", "3", "--json", str(three))
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    for name in names:
        assert _verdicts(one, name) == _verdicts(three, name)
    rows = [line.split()[0] for line in parallel.stdout.splitlines()[-9:]]
    assert rows == [n for n in names for _ in range(3)]


@pytest.mark.parametrize("jobs", ["0", "-2", "two"])
def test_jobs_must_be_a_positive_whole_number(jobs: str) -> None:
    done = copyview("run", "numpy", "-j", jobs)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "-j" in done.stderr
