"""Through the real CLI: a hand-off that kills the process is ``crashed`` for that case only,
and the exchange section goes on with the next case in a fresh worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.run.exchange import INPUTS

BACKENDS = Path(__file__).parents[2] / "exchange_backends"  # registers the `crashy` backend


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("exchange-crash")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(BACKENDS), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "conformance.cli",
            "run",
            "exchange",
            "--select",
            "numpy->crashy:*",
            "--ci",
            "--json",
            str(out),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]  # crashed fails
    doc = json.loads((out / "exchange.json").read_text())
    return {case["id"]: case for case in doc["cases"]}


def verdict(case: dict) -> str:
    return case["verdicts"]["consistency"]["verdict"]


def test_a_handoff_that_aborts_is_crashed_for_that_case_only(cases: dict[str, dict]) -> None:
    crashed = {i for i, c in cases.items() if verdict(c) == "crashed"}
    reversed_inputs = {i for i in cases if "abort_if_reversed" in i and "[reversed-" in i}
    always = {i for i in cases if "crashy.abort(x)" in i}
    reversed_layouts = [s for s in INPUTS.values() if s.id.startswith("reversed-") and s.ndim <= 2]
    zero_d = [s for s in INPUTS.values() if s.ndim == 0]
    assert len(reversed_inputs) == len(reversed_layouts) >= 2
    assert len(always) == len(zero_d) >= 1
    assert crashed == reversed_inputs | always
    for case_id in crashed:
        assert cases[case_id]["observed"]["class"] == "crashed"
        assert "crashy" in cases[case_id]["repro"]  # the repro survives the crash


def test_the_section_goes_on_after_each_crash(cases: dict[str, dict]) -> None:
    ran = [c for c in cases.values() if verdict(c) not in ("crashed", "not-run")]
    assert {verdict(c) for c in ran} <= {"pass", "not-applicable"}
    same_call = [i for i in cases if "abort_if_reversed" in i and "[reversed-" not in i]
    assert same_call and all(verdict(cases[i]) == _undeclared(cases[i]) for i in same_call)
    assert all(verdict(c) == _undeclared(c) for i, c in cases.items() if "crashy.view" in i)


def _undeclared(case: dict) -> str:
    """The verdict of an undeclared hand-off that keeps to every rule: an empty input leaves
    nothing to judge."""
    return "not-applicable" if INPUTS[case["input"]["id"]].size == 0 else "pass"
