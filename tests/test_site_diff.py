"""Diffs between two runs of one library: added, removed, fixed, broken, behaviour changes."""

from __future__ import annotations

import json
from pathlib import Path

from conformance.site import diff_main, main
from conformance.site.diff import diff_runs
from conformance.site.results import load_results

FIXTURES = Path(__file__).parent / "fixtures" / "results"
OLD, NEW = FIXTURES / "numpy-2.3.0.json", FIXTURES / "numpy.json"


def test_diff_finds_added_removed_fixed_and_class_change():
    diff = diff_runs(load_results(OLD), load_results(NEW))
    assert diff.added == ("bool-mask[contig-2d-float64]",)
    assert diff.removed == ("ravel[strided-cols-2d-float64]",)
    assert [(c.case_id, c.profile, c.old, c.new) for c in diff.fixed] == [
        ("reshape-flat[strided-cols-2d-float64]", "numpy", "fail", "pass")
    ]
    assert diff.broken == ()
    assert [(c.old, c.new) for c in diff.class_changes] == [("view", "copy")]


def test_reversed_diff_reports_the_fix_as_broken():
    diff = diff_runs(load_results(NEW), load_results(OLD))
    assert [(c.case_id, c.old, c.new) for c in diff.broken] == [
        ("reshape-flat[strided-cols-2d-float64]", "pass", "fail")
    ]


def test_diff_of_a_run_with_itself_is_empty():
    run = load_results(NEW)
    assert diff_runs(run, run).unchanged


def test_diff_main_prints_changes_and_exit_code_follows_breakage(capsys):
    assert diff_main([str(OLD), str(NEW)]) == 0
    out = capsys.readouterr().out
    assert "fixed (1):" in out
    assert "reshape-flat[strided-cols-2d-float64] [numpy] fail -> pass" in out
    assert main(["--diff", str(NEW), str(OLD)]) == 1
    assert "broken (1):" in capsys.readouterr().out


def test_diff_of_two_backends_is_refused(capsys):
    assert diff_main([str(NEW), str(FIXTURES / "torch.json")]) == 2
    assert "two runs of one backend" in capsys.readouterr().err


def test_diff_of_malformed_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "copyview-results", "schema_version": 7}))
    assert diff_main([str(OLD), str(bad)]) == 2
    assert str(bad) in capsys.readouterr().err
