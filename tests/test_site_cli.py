"""The site's commands at their edges: badge and diff without mkdocs, their help and error
prefixes, badges written beside results, the SVG's spoken label."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from conformance.site import badge_main, diff_main, main
from conformance.site.badges import Badge, svg
from conformance.site.results import expand_paths

FIXTURES = Path(__file__).parent / "fixtures" / "results"

# Runs the copyview command with every mkdocs package unimportable, as where the `site` extra
# is not installed.
WITHOUT_MKDOCS = (
    "import sys\n"
    "for name in ('mkdocs', 'material', 'mkdocs_jupyter'):\n"
    "    sys.modules[name] = None\n"
    "from conformance.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def copyview_without_mkdocs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_MKDOCS, *args], capture_output=True, text=True, timeout=120
    )


def test_diff_and_badge_work_without_the_site_extra(tmp_path):
    diff = copyview_without_mkdocs(
        "diff", str(FIXTURES / "numpy-2.3.0.json"), str(FIXTURES / "numpy.json")
    )
    assert diff.returncode == 0, diff.stderr
    assert "fixed (1):" in diff.stdout
    badge = copyview_without_mkdocs("badge", str(FIXTURES), "-o", str(tmp_path / "b"))
    assert badge.returncode == 0, badge.stderr
    assert (tmp_path / "b" / "numpy-numpy.svg").is_file()
    site = copyview_without_mkdocs("site", str(FIXTURES), "-o", str(tmp_path / "s"))
    assert site.returncode == 2
    assert site.stderr.count("\n") == 1 and "copyview[site]" in site.stderr


def test_diff_has_help_and_its_own_prefix(tmp_path, capsys):
    help_run = subprocess.run(
        [sys.executable, "-m", "conformance", "diff", "--help"], capture_output=True, text=True
    )
    assert help_run.returncode == 0 and "OLD" in help_run.stdout
    assert diff_main([str(FIXTURES / "numpy.json"), str(tmp_path / "missing.json")]) == 2
    assert capsys.readouterr().err.startswith("copyview diff: error: ")


def test_badges_beside_results_are_refused_and_never_read_as_results(tmp_path, capsys):
    results = tmp_path / "R"
    results.mkdir()
    shutil.copy(FIXTURES / "numpy.json", results)
    assert badge_main([str(results), "-o", str(results)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("copyview badge: error: ") and "holds the results file" in err
    # Endpoint JSON that got there some other way is skipped when the directory is read.
    assert badge_main([str(results), "-o", str(tmp_path / "badges")]) == 0
    shutil.copy(tmp_path / "badges" / "numpy-numpy.json", results)
    assert expand_paths([results]) == [results / "numpy.json"]
    assert main([str(results), "-o", str(tmp_path / "site")]) == 0


def test_badge_of_an_empty_directory_is_an_error(tmp_path, capsys):
    assert badge_main([str(tmp_path), "-o", str(tmp_path / "b")]) == 2
    assert "no results files" in capsys.readouterr().err


def test_svg_label_is_escaped_once():
    root = ET.fromstring(svg(Badge('copy & "view"', "1/2", "red", "#e05d44")))
    assert root.get("aria-label") == 'copy & "view": 1/2'
    assert root.find("{http://www.w3.org/2000/svg}title").text == 'copy & "view": 1/2'


def test_every_class_and_verdict_of_the_suite_has_a_look():
    from conformance.site.vocabulary import CLASSES, VERDICT_SEVERITY, VERDICTS
    from conformance.vocabulary import Behaviour, Verdict

    assert set(CLASSES) == set(Behaviour)
    assert set(VERDICTS) == set(Verdict) == set(VERDICT_SEVERITY)


def test_site_jobs_must_be_a_positive_number_and_one_job_builds(tmp_path, capsys):
    for bad in ("0", "-2", "two"):
        try:
            main([str(FIXTURES), "-o", str(tmp_path / "never"), "--standalone", "-j", bad])
        except SystemExit as exc:
            assert exc.code == 2
        else:
            raise AssertionError(f"-j {bad} was accepted")
        assert "is not a positive whole number" in capsys.readouterr().err
    assert not (tmp_path / "never").exists()
    out = tmp_path / "site"
    assert main([str(FIXTURES), "-o", str(out), "--standalone", "-j", "1"]) == 0
    assert (out / "libraries" / "numpy.html").is_file()
