"""Known deviations name behaviours (operation and input kind), never one generated case."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.judge.deviations import (
    Deviation,
    DeviationFileError,
    case_behaviour,
    load,
    parse,
    record_behaviour,
)
from conformance.model.cases import Case, curated_cases
from conformance.run.engine import oracle_adapter
from conformance.run.generate import generated_cases

TESTS = Path(__file__).parents[2]


def generated(seed: int, n: int = 30) -> list[Case]:
    return generated_cases(oracle_adapter(), n, seed, ci=False)


def test_a_generated_case_is_known_by_its_kind_not_its_hash() -> None:
    case = next(c for c in generated(0) if len(c.chain) == 1)
    kind = f"gen-{case.input.ndim}d-{case.input.dtype}"
    assert case_behaviour(case) == f"{case.chain[0]}[{kind}]"
    entry = Deviation(f"{case.chain[0]}[gen-*]", "why")
    assert entry.matches(case.id, case_behaviour(case))
    # The hash itself is no behaviour: a glob reaching it through the id does not match.
    assert not Deviation(case.id.replace("gen-", "gen-*"), "why").matches(case.id)


def test_a_curated_case_is_known_by_its_input_id() -> None:
    case = next(c for c in curated_cases() if c.id == "T[contiguous-2d-float64]")
    assert case_behaviour(case) == case.id
    assert Deviation("T[*-2d-*]", "why").matches(case.id, case_behaviour(case))


def test_the_behaviour_of_a_record_is_that_of_its_case() -> None:
    for case in [*curated_cases()[:50], *generated(3)]:
        record = {
            "id": case.id,
            "generated": case.generated,
            "input": {"id": case.input.id, "dtype": case.input.dtype, "shape": case.input.shape},
            "case": case.to_json(),
        }
        assert record_behaviour(record) == case_behaviour(case)


def test_the_same_entries_match_the_same_behaviours_whatever_the_seed() -> None:
    entry = Deviation("*[gen-2d-float64]", "why")
    for seed in range(5):
        for case in generated(seed):
            two_d = case.input.ndim == 2 and case.input.dtype == "float64" and case.generated
            assert entry.matches(case.id, case_behaviour(case)) == two_d


def test_an_entry_naming_one_generated_case_is_refused() -> None:
    with pytest.raises(DeviationFileError, match="names one generated case"):
        parse("T+T[gen-4a488b7b78] seed-dependent\n", "x.txt")


def test_a_file_that_is_not_utf8_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "lib.txt").write_bytes(b"T[*] \xff\n")
    with pytest.raises(DeviationFileError, match=r"lib\.txt: not UTF-8"):
        load("lib", tmp_path)


@pytest.mark.slow
def test_numpy_ma_generated_cases_exit_the_same_for_20_seeds() -> None:
    """numpy.ma's generated cases (the only part of a run that changes with ``--seed``) are all
    conforming or known for 20 seeds: its exit status does not depend on the seed (~3 s a
    seed here)."""
    codes = {}
    for seed in range(20):
        args = ["numpy.ma", "--seed", str(seed), "--select", "*[gen-*]", "--quiet"]
        done = subprocess.run(
            [sys.executable, "-m", "conformance.cli", "run", *args],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "PYTHONPATH": str(TESTS)},
        )
        codes[seed] = done.returncode
        assert done.returncode == 0, (seed, done.stdout[-3000:])
    assert set(codes.values()) == {0}
