"""The results document: valid against its JSON Schema, written atomically, and identical for
the same seed except for timestamps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conformance.results.document import schema, validate, write_atomic


def run_json(out: Path, *args: str) -> dict:
    subprocess.run(
        [sys.executable, "-m", "conformance.cli", "run", *args, "--json", str(out), "--quiet"],
        check=False,
        capture_output=True,
        timeout=240,
    )
    return {p.stem: json.loads(p.read_text()) for p in out.glob("*.json")}


@pytest.fixture(scope="module")
def small_run(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("results")
    return run_json(
        out,
        "numpy",
        "array-api-strict",
        "--select",
        "*[*-2d-float64]",
        "--max-examples",
        "15",
        "--seed",
        "4",
    )


def test_every_backend_document_follows_the_schema(small_run: dict) -> None:
    assert set(small_run) == {"numpy", "array_api_strict"}
    for doc in small_run.values():
        validate(doc)


def test_case_ids_are_unique_in_a_document(small_run: dict) -> None:
    for doc in small_run.values():
        ids = [case["id"] for case in doc["cases"]]
        assert len(ids) == len(set(ids))


def test_schema_rejects_an_unknown_verdict(small_run: dict) -> None:
    doc = json.loads(json.dumps(small_run["numpy"]))
    first = doc["cases"][0]
    first["verdicts"]["numpy"]["verdict"] = "probably-fine"
    with pytest.raises(jsonschema.ValidationError):
        validate(doc)


def test_summary_counts_every_case_once_per_profile(small_run: dict) -> None:
    doc = small_run["numpy"]
    for profile, counts in doc["summary"].items():
        assert sum(counts.values()) == len(doc["cases"]), profile


def test_expected_comes_from_the_oracle_and_claims_are_null_when_unsupported(small_run) -> None:
    strict = small_run["array_api_strict"]
    assert strict["backend"]["promised_profiles"] == ["array-api", "consistency"]
    case = next(c for c in strict["cases"] if c["id"] == "permute-dims[transposed-2d-float64]")
    assert case["expected"]["class"] == "view" and case["expected"]["base"] == "input-base"
    assert case["observed"]["claims"]["base"] is None
    assert case["observed"]["claims"]["shares_memory"] is None


def test_same_seed_gives_identical_results_except_timestamps(tmp_path: Path) -> None:
    args = ("numpy", "--select", "*gen-*", "--max-examples", "25", "--seed", "11")
    first = run_json(tmp_path / "a", *args)["numpy"]
    second = run_json(tmp_path / "b", *args)["numpy"]
    assert len(first["cases"]) > 10
    for doc in (first, second):
        for key in ("started", "finished", "duration_s"):
            doc["run"].pop(key)
    assert first == second
    other = run_json(
        tmp_path / "c", "numpy", "--select", "*gen-*", "--max-examples", "25", "--seed", "12"
    )["numpy"]
    assert [c["id"] for c in other["cases"]] != [c["id"] for c in first["cases"]]


def test_ci_mode_is_derandomized(tmp_path: Path) -> None:
    args = ("numpy", "--select", "*gen-*", "--max-examples", "10", "--ci")
    first = run_json(tmp_path / "a", *args, "--seed", "1")["numpy"]
    second = run_json(tmp_path / "b", *args, "--seed", "2")["numpy"]
    assert [c["id"] for c in first["cases"]] == [c["id"] for c in second["cases"]]


def test_atomic_write_leaves_the_old_file_when_serialisation_fails(tmp_path: Path) -> None:
    path = tmp_path / "numpy.json"
    write_atomic(path, {"ok": 1})
    with pytest.raises(TypeError):
        write_atomic(path, {"not json": object()})
    assert json.loads(path.read_text()) == {"ok": 1}
    assert os.listdir(tmp_path) == ["numpy.json"]


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_written_document_has_one_case_a_line_and_reads_back_equal(tmp_path: Path) -> None:
    cases = [
        {"id": "a[x]", "observed": {"class": "view", "digest": None}},
        {"id": "b[x]", "observed": {"class": "copy", "digest": "0123abcd"}},
    ]
    doc = {"schema": "copyview-results", "cases": cases, "summary": {"numpy": {"pass": 2}}}
    path = tmp_path / "numpy.json"
    write_atomic(path, doc)
    text = path.read_text()
    assert json.loads(text) == doc
    lines = text.splitlines()
    assert [json.loads(line.rstrip(",")) for line in lines[3:5]] == cases
    assert " " not in lines[3] and "  " not in text  # compact: no indentation
