"""Reading results files: good fixtures parse; bad ones fail with one line naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.site import main
from conformance.site.merge import merge_runs, version_key
from conformance.site.results import ResultsError, expand_paths, load_many, load_results

FIXTURES = Path(__file__).parent / "fixtures" / "results"
BAD = FIXTURES / "bad"


def test_directory_expands_to_its_json_files_only():
    names = sorted(p.name for p in expand_paths([FIXTURES]))
    assert names == ["jax.json", "numpy-2.3.0.json", "numpy.json", "torch.json"]


def test_fixture_runs_parse_with_backend_version_and_cases():
    run = load_results(FIXTURES / "numpy.json")
    assert (run.backend, run.library, run.version) == ("numpy", "numpy", "2.4.6")
    assert run.profiles == ("numpy", "array-api", "consistency")
    assert len(run.cases) == 18
    case = next(c for c in run.cases if c.id == "reshape-flat[strided-cols-2d-float64]")
    assert case.observed_class == "copy"
    assert case.claims["base"] == "intermediate"
    assert case.verdict("numpy") == "pass"
    assert case.verdict("no-such-profile") == "not-applicable"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("malformed.json", "malformed JSON at line 2"),
        ("wrong-version.json", "schema_version 99 is not supported"),
        ("missing-field.json", "has no field 'verdicts'"),
    ],
)
def test_bad_file_error_names_file_and_problem(name, problem):
    with pytest.raises(ResultsError) as info:
        load_results(BAD / name)
    message = str(info.value)
    assert message.startswith(str(BAD / name) + ": ")
    assert problem in message
    assert "\n" not in message


def test_document_of_another_kind_is_rejected(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"schema": "something-else", "schema_version": 1}))
    with pytest.raises(ResultsError, match="not a results document"):
        load_results(path)


def test_duplicate_case_ids_are_rejected(tmp_path):
    data = json.loads((FIXTURES / "numpy.json").read_text())
    data["cases"].append(data["cases"][0])
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ResultsError, match="appears twice"):
        load_results(path)


def test_missing_file_is_a_results_error(tmp_path):
    with pytest.raises(ResultsError, match="no such file or directory"):
        load_results(tmp_path / "absent.json")


@pytest.mark.parametrize("name", ["malformed.json", "wrong-version.json", "missing-field.json"])
def test_cli_bad_file_exits_2_with_one_line_and_builds_nothing(name, tmp_path, capsys):
    out = tmp_path / "site"
    status = main([str(FIXTURES / "numpy.json"), str(BAD / name), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1
    assert err.startswith("copyview site: error: ") and name in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_version_key_orders_releases_numerically():
    versions = ["2.10.0", "2.9.1", "2.9.0rc1", "2.9.0", "2.13.0+cpu"]
    assert sorted(versions, key=version_key) == [
        "2.9.0rc1",
        "2.9.0",
        "2.9.1",
        "2.10.0",
        "2.13.0+cpu",
    ]


def test_merge_shows_newest_run_and_keeps_older():
    libraries = merge_runs(load_many([FIXTURES]))
    assert [lib.backend for lib in libraries] == ["jax", "numpy", "torch"]
    numpy = libraries[1]
    assert numpy.current.version == "2.4.6"
    assert [run.version for run in numpy.older] == ["2.3.0"]


def test_fixtures_follow_the_suites_json_schema():
    # The fixtures stand in for the suite's output: they must keep to its contract.
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(__file__).parents[1] / "conformance/results/schema/results.schema.json"
    validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text()))
    for path in [*expand_paths([FIXTURES]), FIXTURES / "hostile" / "hostile.json"]:
        errors = [e.message for e in validator.iter_errors(json.loads(path.read_text()))]
        assert errors == [], path.name


def test_same_version_from_two_machines_shows_the_later_run(tmp_path):
    data = json.loads((FIXTURES / "numpy.json").read_text())
    data["environment"]["platform"] = "macOS-15-arm64"
    data["run"]["finished"] = "2026-11-26T08:00:00Z"
    (tmp_path / "numpy-mac.json").write_text(json.dumps(data))
    (numpy,) = merge_runs(load_many([FIXTURES / "numpy.json", tmp_path / "numpy-mac.json"]))
    assert numpy.current.platform == "macOS-15-arm64"
    assert [run.platform for run in numpy.older] == ["Linux-6.1-x86_64"]


def test_the_site_can_show_a_chosen_version_instead_of_the_newest(tmp_path, capsys):
    from conformance.site.model import build_model
    from conformance.site.pages import matrix

    runs = load_many([FIXTURES / "numpy-2.3.0.json", FIXTURES / "numpy.json"])
    newest = build_model(runs)
    chosen = build_model(runs, {"numpy": "2.3.0"})
    assert [r.version for r in newest.runs] == ["2.4.6"]
    assert [r.version for r in chosen.runs] == ["2.3.0"]
    assert [r.version for r in chosen.libraries[0].older] == ["2.4.6"]
    assert "2.3.0</small>" in matrix.render(chosen)
    out = str(tmp_path / "site")
    assert main([str(FIXTURES / "numpy.json"), "-o", out, "--show", "numpy==9.9"]) == 2
    assert "no run of numpy 9.9 (runs: 2.4.6)" in capsys.readouterr().err
    assert main([str(FIXTURES / "numpy.json"), "-o", out, "--show", "numpy"]) == 2
    assert "give NAME==VERSION" in capsys.readouterr().err


def test_case_rows_show_the_result_strides_and_the_warnings_raised():
    from dataclasses import replace

    from conformance.site.model import build_model
    from conformance.site.pages import operation

    run = load_results(FIXTURES / "numpy.json")
    case = run.cases[0]
    observed = {
        **case.observed,
        "layout": {"shape": [3], "strides": [-16], "itemsize": 8, "offset_from_input": 40},
        "warnings": [{"category": "ComplexWarning", "message": "discards the imaginary part"}],
    }
    expected = {**(case.expected or {"class": "view"}), "warnings": []}
    changed = replace(case, observed=observed, expected=expected)
    site = build_model([replace(run, cases=(changed, *run.cases[1:]))])
    op = next(o for o in site.operations if o.id == case.operation)
    page = operation.render(op, site)
    assert '<th title="warnings the operation raised">warnings</th>' in page
    assert "ComplexWarning" in page and "-16" in page
    assert "warnings none" in page.replace("<code>", "").replace("</code>", "")


def test_case_rows_show_what_the_alignment_witness_saw_with_both_repros():
    from dataclasses import replace

    from conformance.site.model import build_model
    from conformance.site.pages import operation

    run = load_results(FIXTURES / "numpy.json")
    case, other = run.cases[0], run.cases[1]
    unstable = replace(
        case,
        observed={
            **case.observed,
            "alignment": {"shift": 8, "class": "copy", "error": None, "stable": False},
        },
        repro_misaligned="x = off_the_boundary()\ny = x.reshape(-1)",
    )
    stable = replace(
        other,
        observed={
            **other.observed,
            "alignment": {"shift": 8, "class": other.observed_class, "error": None, "stable": True},
        },
    )
    site = build_model([replace(run, cases=(unstable, stable, *run.cases[2:]))])
    op = next(o for o in site.operations if o.id == case.operation)
    page = operation.render(op, site)
    assert "off-boundary</th>" in page
    assert "copy 8 B off" in page
    assert "x = off_the_boundary()" in page and "one element off the 64-byte boundary" in page
    if other.operation == case.operation:
        assert ">same<" in page
