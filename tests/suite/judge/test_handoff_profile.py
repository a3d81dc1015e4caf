"""The hand-off ``consistency`` profile: an immutable receiver must not change under the
sender's writes, and an empty input has no bytes a documented zero-copy could share."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import Capabilities, MemoryReport
from conformance.adapters.numpy_adapter import NumpyAdapter
from conformance.judge.handoff_profile import judge
from conformance.model.handoffs import Handoff
from conformance.observe.observer import PairObservation, observe_pair
from conformance.observe.witnesses import Mutation
from conformance.vocabulary import Behaviour, Declared, Verdict


class FrozenNumpy(NumpyAdapter):
    """NumPy arrays treated as a library whose arrays never change (as Arrow's)."""

    name = "frozen-numpy"
    capabilities: ClassVar[Capabilities] = Capabilities(mutable=False, immutable=True)


class FrozenNoAddress(FrozenNumpy):
    """The same, with no memory report: only the mutation witness speaks."""

    name = "frozen-no-address"

    def memory(self, x: Any) -> MemoryReport | None:
        return None


def _verdict(
    receiver: NumpyAdapter, x: np.ndarray, share: bool, declared: Declared | None = None
) -> tuple[str, str]:
    y = x[:] if share else x.copy()
    y.flags.writeable = False
    handoff = Handoff("numpy", receiver.name, "frozen({x})", lambda v: v, declared=declared)
    judgement = judge(handoff, observe_pair(NumpyAdapter(), x, receiver, y))
    return judgement.verdict, judgement.message


def test_an_immutable_receiver_that_changes_under_a_sender_write_fails() -> None:
    verdict, message = _verdict(FrozenNumpy(), np.arange(6.0), share=True)
    assert verdict == Verdict.FAIL and "never change" in message


def test_an_immutable_receiver_without_a_layout_still_fails_when_it_changes() -> None:
    verdict, _ = _verdict(FrozenNoAddress(), np.arange(6.0), share=True)
    assert verdict == Verdict.FAIL


def test_an_immutable_receiver_with_its_own_bytes_passes() -> None:
    assert _verdict(FrozenNumpy(), np.arange(6.0), share=False)[0] == Verdict.PASS


def test_a_documented_zero_copy_into_an_unaddressable_immutable_copy_fails() -> None:
    verdict, message = _verdict(
        FrozenNoAddress(), np.arange(6.0), share=False, declared=Declared.SHARE
    )
    assert verdict == Verdict.FAIL and "does not reach" in message


def test_a_documented_zero_copy_of_an_empty_input_is_not_applicable() -> None:
    verdict, message = _verdict(FrozenNumpy(), np.arange(0.0), share=False, declared=Declared.SHARE)
    assert verdict == Verdict.NOT_APPLICABLE and "empty" in message


def test_a_documented_zero_copy_of_a_nonempty_input_that_copies_still_fails() -> None:
    handoff = Handoff("numpy", "numpy", "np.asarray({x})", np.asarray, declared=Declared.SHARE)
    seen = PairObservation(Behaviour.COPY, False, Mutation(False, False, False))
    assert judge(handoff, seen).verdict == Verdict.FAIL


def test_a_declared_copy_of_an_empty_input_is_judged_as_usual() -> None:
    handoff = Handoff("numpy", "numpy", "np.array({x})", np.array, declared=Declared.COPY)
    seen = PairObservation(Behaviour.COPY, False, Mutation(False, False, False), empty=True)
    assert judge(handoff, seen).verdict == Verdict.PASS


def test_an_immutable_sender_changed_through_the_receiver_fails() -> None:
    x = np.arange(6.0)
    seen = observe_pair(FrozenNumpy(), x, NumpyAdapter(), x[:])
    judgement = judge(Handoff("frozen-numpy", "numpy", "view({x})", lambda v: v), seen)
    assert judgement.verdict == Verdict.FAIL and "input's library" in judgement.message


def test_an_immutable_sender_with_a_separate_receiver_passes() -> None:
    x = np.arange(6.0)
    seen = observe_pair(FrozenNumpy(), x, NumpyAdapter(), x.copy())
    assert judge(Handoff("frozen-numpy", "numpy", "copy({x})", np.copy), seen).verdict == "pass"


def test_an_empty_input_leaves_the_write_rules_unjudged() -> None:
    # An immutable receiver over an empty sender: no write can cross, so a pass would be empty.
    verdict, message = _verdict(FrozenNumpy(), np.arange(0.0), share=True)
    assert verdict == Verdict.NOT_APPLICABLE and "empty" in message
