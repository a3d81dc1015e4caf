"""Meta-tests on the generic adapter: each Array API namespace with one injected fault
(``tests/mutants/xp_mutants.py``) fails exactly the profiles its fault violates, and the
fault-free namespace passes the profiles a generic backend promises.

Judged with the profiles' raw judges, so a profile the generic adapter does not promise
(``numpy``) still counts as flagging a fault. Cases the control itself fails under a profile
are left out of the comparison: they say something about wrapping, not about the fault.
"""

from __future__ import annotations

import pytest
from mutants.witness_mutants import WITNESS_MUTANTS
from mutants.xp_mutants import CONTROL, MUTANTS, Namespace

from conformance.adapters.generic import GenericArrayAPIAdapter
from conformance.judge.profiles import JUDGES
from conformance.model.cases import Case, curated_cases
from conformance.observe.observer import Observation, observe
from conformance.run.engine import oracle_adapter
from conformance.vocabulary import Profile, Verdict


@pytest.fixture(scope="module")
def expectations() -> list[tuple[Case, Observation]]:
    oracle = oracle_adapter()
    return [(case, observe(oracle, case)) for case in curated_cases()]


def failing(
    namespace: Namespace, expectations: list[tuple[Case, Observation]]
) -> set[tuple[str, str]]:
    adapter = GenericArrayAPIAdapter(namespace, namespace.name)
    out = set()
    for case, expected in expectations:
        observed = observe(adapter, case)
        for name, judge in JUDGES.items():
            if judge(case, expected, observed).verdict == Verdict.FAIL:
                out.add((name, case.id))
    return out


@pytest.fixture(scope="module")
def control_failures(expectations: list[tuple[Case, Observation]]) -> set[tuple[str, str]]:
    return failing(CONTROL, expectations)


def test_the_fault_free_namespace_meets_what_a_generic_backend_promises(
    control_failures: set[tuple[str, str]],
) -> None:
    promised = {Profile.ARRAY_API, Profile.CONSISTENCY}
    broken = sorted(f for f in control_failures if f[0] in promised)
    assert not broken, broken[:10]


@pytest.mark.parametrize("mutant", MUTANTS + WITNESS_MUTANTS, ids=lambda m: m.name)
def test_mutant_fails_exactly_the_profiles_it_violates(
    mutant: type[Namespace],
    expectations: list[tuple[Case, Observation]],
    control_failures: set[tuple[str, str]],
) -> None:
    own = failing(mutant(), expectations) - control_failures
    profiles = {profile for profile, _ in own}
    assert profiles == set(mutant.violates), f"{mutant.name} failed {profiles}: {sorted(own)[:5]}"
