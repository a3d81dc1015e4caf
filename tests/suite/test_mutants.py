"""Meta-tests: each mutant backend (NumPy with one injected fault) fails exactly the profiles
its fault violates, and passes the others.

Cases where plain NumPy itself fails (a gap in the oracle, reported by the numpy profile on
numpy) are left out of the comparison, so the test isolates each mutant's own fault.
"""

from __future__ import annotations

import pytest
from mutants.numpy_mutants import MUTANTS, Mutant

from conformance.adapters.numpy_adapter import adapter as numpy_adapter
from conformance.judge.profiles import JUDGES
from conformance.model.cases import Case, curated_cases
from conformance.observe.observer import Observation, observe
from conformance.run.engine import oracle_adapter


@pytest.fixture(scope="module")
def expectations() -> list[tuple[Case, Observation]]:
    oracle = oracle_adapter()
    return [(case, observe(oracle, case)) for case in curated_cases()]


def failing(adapter: object, expectations: list[tuple[Case, Observation]]) -> set[tuple[str, str]]:
    """(profile, case id) pairs the adapter fails."""
    out = set()
    for case, expected in expectations:
        observed = observe(adapter, case)
        for name, judge in JUDGES.items():
            if judge(case, expected, observed).verdict == "fail":
                out.add((name, case.id))
    return out


@pytest.fixture(scope="module")
def numpy_failures(expectations: list[tuple[Case, Observation]]) -> set[tuple[str, str]]:
    return failing(numpy_adapter, expectations)


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_mutant_fails_exactly_the_profiles_it_violates(
    mutant: type[Mutant],
    expectations: list[tuple[Case, Observation]],
    numpy_failures: set[tuple[str, str]],
) -> None:
    own = failing(mutant(), expectations) - numpy_failures
    profiles = {profile for profile, _ in own}
    examples = sorted(own)[:5]
    assert profiles == set(mutant.violates), f"{mutant.name} failed {profiles}: {examples}"


def test_plain_numpy_fails_no_profile(numpy_failures: set[tuple[str, str]]) -> None:
    """The control: unmutated NumPy meets every profile as reference_impl predicts it."""
    assert not numpy_failures, sorted(numpy_failures)[:10]
