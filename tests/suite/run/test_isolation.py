"""Per-case isolation through the real CLI: an abort and a hang cost exactly their own cases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from isolation_backends.faulty import ABORTING_OPERATION, HANGING_OPERATION

TESTS = Path(__file__).parents[2]  # tests/
SELECT = "*[*-3d-float64]"  # four 3-d inputs, so each poisoned operation runs (and fails) 4 times
POISONED_PER_OPERATION = 4
CASE_TIMEOUT_S = 3


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("isolation")
    env = {**os.environ, "PYTHONPATH": str(TESTS)}  # the test-only backends live in tests/
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "conformance.cli",
            "run",
            "numpy",
            "isolation_backends.faulty:aborting",
            "isolation_backends.faulty:hanging",
            "--select",
            SELECT,
            "--max-examples",
            "0",
            "--timeout",
            str(CASE_TIMEOUT_S),
            "--json",
            str(out),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    return done, out


def records(out: Path, name: str) -> dict[str, dict]:
    doc = json.loads((out / f"{name}.json").read_text())
    return {case["id"]: case for case in doc["cases"]}


def lost(cases: dict[str, dict], verdict: str) -> set[str]:
    return {i for i, c in cases.items() if c["observed"]["class"] == verdict}


def test_run_reports_non_conformance_and_writes_every_results_file(run) -> None:
    done, out = run
    assert done.returncode == 1, done.stdout + done.stderr
    assert sorted(p.name for p in out.glob("*.json")) == [
        "aborting.json",
        "hanging.json",
        "numpy.json",
    ]


def test_an_aborting_operation_loses_exactly_its_own_cases(run) -> None:
    _, out = run
    healthy, aborting = records(out, "numpy"), records(out, "aborting")
    assert list(aborting) == list(healthy)  # complete, in the same order
    poisoned = {i for i, c in healthy.items() if ABORTING_OPERATION in c["case"]["chain"]}
    assert len(poisoned) == POISONED_PER_OPERATION
    assert lost(aborting, "crashed") == poisoned
    for case_id in poisoned:
        record = aborting[case_id]
        assert set(v["verdict"] for v in record["verdicts"].values()) == {"crashed"}
        assert "moveaxis" in record["repro"]  # the repro survives the crash
    for case_id in set(healthy) - poisoned:
        assert aborting[case_id]["verdicts"] == healthy[case_id]["verdicts"], case_id


def test_a_hanging_operation_times_out_exactly_its_own_cases(run) -> None:
    _, out = run
    healthy, hanging = records(out, "numpy"), records(out, "hanging")
    assert list(hanging) == list(healthy)
    poisoned = {i for i, c in healthy.items() if HANGING_OPERATION in c["case"]["chain"]}
    assert len(poisoned) == POISONED_PER_OPERATION
    assert lost(hanging, "timeout") == poisoned
    assert not lost(hanging, "crashed")
    for case_id in set(healthy) - poisoned:
        assert hanging[case_id]["verdicts"] == healthy[case_id]["verdicts"], case_id


def test_the_summary_table_counts_the_lost_cases(run) -> None:
    done, _ = run
    rows = [
        line.split()
        for line in done.stdout.splitlines()
        if line.startswith(("aborting", "hanging"))
    ]
    assert rows, done.stdout
    header = next(line.split() for line in done.stdout.splitlines() if line.startswith("backend"))
    crashed, timeout = header.index("crashed"), header.index("timeout")
    # Every profile of a poisoned case is lost: those cases, per backend, in each profile row.
    lost_cases = str(POISONED_PER_OPERATION)
    assert {row[crashed] for row in rows if row[0] == "aborting"} == {lost_cases}
    assert {row[timeout] for row in rows if row[0] == "hanging"} == {lost_cases}
