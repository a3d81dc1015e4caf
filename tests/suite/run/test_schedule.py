"""Backends side by side: the one whose last run took longest starts first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conformance.cli import previous_duration


def run(out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "conformance.cli",
            "run",
            "numpy",
            "reference_impl",
            "--select",
            "T[contiguous-2d-float64]",
            "--max-examples",
            "0",
            "-j",
            "1",
            "--progress",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )


def first_progress(done: subprocess.CompletedProcess[str]) -> list[str]:
    """The backends in the order their progress lines first appear."""
    seen: list[str] = []
    for line in done.stderr.splitlines():
        name = line.split(":")[0]
        if line.endswith("cases") and name not in seen:
            seen.append(name)
    return seen


def test_previous_duration_reads_the_run_line_only(tmp_path: Path) -> None:
    assert previous_duration(tmp_path / "missing.json") is None
    (tmp_path / "bad.json").write_text("not json at all\n")
    assert previous_duration(tmp_path / "bad.json") is None
    done = run(tmp_path)
    assert done.returncode == 0, done.stderr
    recorded = json.loads((tmp_path / "numpy.json").read_text())["run"]["duration_s"]
    assert previous_duration(tmp_path / "numpy.json") == recorded


def test_the_backend_that_took_longest_last_time_starts_first(tmp_path: Path) -> None:
    first = run(tmp_path)
    assert first.returncode == 0, first.stderr
    # No earlier results: the order given, one at a time with -j 1.
    assert first_progress(first) == ["numpy", "reference_impl"]
    slow = tmp_path / "reference_impl.json"
    lines = slow.read_text().splitlines()
    lines = [
        '"run":' + json.dumps({**json.loads(line[6:].rstrip(",")), "duration_s": 999.0}) + ","
        if line.startswith('"run":')
        else line
        for line in lines
    ]
    slow.write_text("\n".join(lines) + "\n")
    done = run(tmp_path)
    assert done.returncode == 0, done.stderr
    assert first_progress(done) == ["reference_impl", "numpy"]
    # The summary keeps the order given on the command line.
    rows = [line.split()[0] for line in done.stdout.splitlines() if line.endswith(("0", "1"))]
    assert rows.index("numpy") < rows.index("reference_impl")
