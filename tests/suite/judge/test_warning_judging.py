"""The numpy profile holds warning categories to NumPy's in both directions: a warning NumPy
raises and the backend drops fails, as does one the backend adds (the mutant CopyWarns)."""

from __future__ import annotations

import dataclasses

import pytest

from conformance.adapters.numpy_adapter import adapter as numpy_adapter
from conformance.judge.numpy_profile import judge
from conformance.model.cases import Case, curated_cases
from conformance.observe.observer import observe
from conformance.run.engine import oracle_adapter

CASE = "astype-other[contiguous-2d-complex128]"


@pytest.fixture(scope="module")
def case() -> Case:
    return next(c for c in curated_cases() if c.id == CASE)


def test_numpy_and_oracle_warn_alike(case: Case) -> None:
    expected, observed = observe(oracle_adapter(), case), observe(numpy_adapter, case)
    assert [c for c, _ in expected.warnings] == ["ComplexWarning"]
    assert [c for c, _ in observed.warnings] == ["ComplexWarning"]
    assert judge(case, expected, observed).verdict == "pass"


def test_dropped_warning_fails(case: Case) -> None:
    expected = observe(oracle_adapter(), case)
    silent = dataclasses.replace(observe(numpy_adapter, case), warnings=())
    judgement = judge(case, expected, silent)
    assert judgement.verdict == "fail"
    assert "warnings" in judgement.message and "ComplexWarning" in judgement.message
