"""Meta-tests on the hand-off consistency profile: each library adapter with one faulty hand-off
(``tests/mutants/library_mutants.py``) fails at exactly that hand-off, by the rule that must
catch it, and the unmutated adapters pass every hand-off not listed in ``known/exchange.txt``.

Hand-offs run as the exchange section runs them (every sender input the receiver can hold,
both sides observed through their own adapters), without its worker process.
"""

from __future__ import annotations

from typing import Any

import pytest
from mutants.library_mutants import MUTANTS, LibraryMutant, control

from conformance.adapters import BackendError, load
from conformance.adapters.base import Adapter
from conformance.judge import deviations
from conformance.judge.handoff_profile import judge
from conformance.model.handoffs import Handoff
from conformance.observe.observer import observe_pair
from conformance.run.exchange import INPUTS
from conformance.vocabulary import Verdict

KNOWN = deviations.load("exchange")


def _adapter(name: str) -> Adapter | None:
    try:
        return load(name)
    except BackendError:  # a partial-protocol sender not merged yet, or no GPU
        return None


def failures(handoffs: tuple[Handoff, ...]) -> dict[str, str]:
    """``{case id: message}`` of every hand-off case the profile fails."""
    out: dict[str, str] = {}
    for handoff in handoffs:
        sender, receiver = _adapter(handoff.sender), _adapter(handoff.receiver)
        if sender is None or receiver is None:
            continue
        for spec in INPUTS.values():
            if spec.ndim not in handoff.ndims:
                continue
            try:
                x = sender.build(spec.recipe())
            except NotImplementedError:
                continue
            try:
                y: Any = handoff.call(x)
            except Exception:  # recorded as an error, which the profile does not judge
                continue
            judgement = judge(handoff, observe_pair(sender, x, receiver, y))
            if judgement.verdict == Verdict.FAIL:
                out[f"{handoff.id}[{spec.id}]"] = judgement.message
    return out


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_the_control_passes_every_handoff_not_listed_as_known(
    mutant: type[LibraryMutant],
) -> None:
    failed = failures(control(mutant).handoffs)
    unlisted = sorted(c for c in failed if deviations.find(KNOWN, c) is None)
    assert not unlisted, [(c, failed[c]) for c in unlisted[:5]]


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_mutant_fails_exactly_its_faulty_handoff_by_the_rule_that_must_flag_it(
    mutant: type[LibraryMutant],
) -> None:
    baseline = failures(control(mutant).handoffs)
    own = {c: m for c, m in failures(mutant.handoffs).items() if c not in baseline}
    assert own, f"{mutant.name}: the fault at {mutant.target} was not flagged"
    wrong = {c: m for c, m in own.items() if not c.startswith(mutant.target + "[")}
    assert not wrong, f"{mutant.name} failed elsewhere: {wrong}"
    assert all(mutant.rule in m for m in own.values()), own
