"""Meta-tests on the exchange section: each hand-off with one injected fault
(``tests/mutants/handoff_mutants.py``) is failed by the hand-off profile, with the message its
fault earns, on exactly the sender inputs where its fault-free control passes on an array that
has bytes (an empty array has none to share or to copy); the control fails nowhere.
"""

from __future__ import annotations

import importlib.util

import pytest
from mutants.handoff_mutants import MUTANTS, SENDERS, HandoffMutant

from conformance.model.handoffs import Handoff
from conformance.run.exchange import INPUTS, Exchange, ExchangeCase
from conformance.vocabulary import Profile, Verdict


@pytest.fixture(scope="module")
def section() -> Exchange:
    section = Exchange()
    for name, sender in SENDERS.items():
        section._adapters[name] = sender  # the mutant senders are not registered backends
    return section


def verdicts(section: Exchange, handoff: Handoff) -> dict[str, tuple[str, str]]:
    """Input id -> (verdict, message) of ``handoff`` on every sender input it can take."""
    section.handoffs[handoff.id] = handoff
    out = {}
    for spec in INPUTS.values():
        if spec.ndim in handoff.ndims:
            recorded = section.run(ExchangeCase(handoff.id, spec.id))["verdicts"]
            judged = recorded[Profile.CONSISTENCY]
            out[spec.id] = (judged["verdict"], judged["message"])
    return out


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_the_handoff_profile_flags_the_fault_exactly_where_the_control_passes(
    section: Exchange, mutant: HandoffMutant
) -> None:
    if importlib.util.find_spec(mutant.needs) is None:
        pytest.skip(f"{mutant.needs} is not installed")
    control = verdicts(section, mutant.control)
    faulty = verdicts(section, mutant.faulty)
    assert not [i for i, (v, _) in control.items() if v == Verdict.FAIL], control
    with_bytes = {i for i, (v, _) in control.items() if v == Verdict.PASS and INPUTS[i].size}
    flagged = {i for i, (v, _) in faulty.items() if v == Verdict.FAIL}
    assert with_bytes, f"the control of {mutant.name} passes on no input with bytes"
    assert flagged == with_bytes, (mutant.name, sorted(flagged ^ with_bytes))
    assert all(mutant.says in faulty[i][1] for i in flagged), faulty
