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


def _values_verdict(y: Any, reinterprets: bool = False) -> tuple[str, str]:
    x = np.arange(6.0)
    handoff = Handoff("numpy", "numpy", "f({x})", lambda v: v, reinterprets=reinterprets)
    judgement = judge(handoff, observe_pair(NumpyAdapter(), x, NumpyAdapter(), y(x)))
    return judgement.verdict, judgement.message


def test_a_result_over_the_same_bytes_read_as_another_dtype_fails_on_its_values() -> None:
    # torch.asarray(buffer) without a dtype: float64 bytes read as twice as many float32s.
    verdict, message = _values_verdict(lambda x: x.view(np.float32))
    assert verdict == Verdict.FAIL
    assert "does not keep the input's values" in message and "12 elements of float32" in message


def test_a_result_wrapping_the_input_as_one_object_fails_on_its_values() -> None:
    # pd.Series(obj) of an object pandas does not read as an array: one element, the object.
    def wrap(x: np.ndarray) -> np.ndarray:
        out = np.empty(1, dtype=object)
        out[0] = x
        return out

    verdict, message = _values_verdict(wrap)
    assert verdict == Verdict.FAIL and "1 elements of object" in message


def test_a_same_shape_result_with_other_values_fails_and_a_copy_with_a_new_dtype_passes() -> None:
    verdict, message = _values_verdict(lambda x: x[::-1].copy())
    assert verdict == Verdict.FAIL and "values are not the input's" in message
    assert _values_verdict(lambda x: x.astype(np.int32))[0] == Verdict.PASS


def test_a_hand_off_whose_purpose_is_a_byte_view_is_not_held_to_the_values() -> None:
    # memoryview(x).cast('B'): 48 bytes of a 6-element float64 array, by design.
    assert _values_verdict(lambda x: x.view(np.uint8), reinterprets=True)[0] == Verdict.PASS
    assert _values_verdict(lambda x: x.view(np.uint8))[0] == Verdict.FAIL
