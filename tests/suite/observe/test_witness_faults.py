"""Results that break the witnesses: never a pass, never an unbounded read, whose fault it was."""

from __future__ import annotations

import time
import tracemalloc

import numpy as np
from mutants.witness_mutants import GarbageCopy, HugeDLPackClaim, OneWayCopy
from mutants.xp_mutants import CONTROL, Namespace

from conformance.adapters.generic import GenericArrayAPIAdapter
from conformance.judge.profiles import JUDGES
from conformance.model.cases import Case, curated_cases
from conformance.observe.observer import observe
from conformance.observe.witnesses import MAX_RESULT_BYTES
from conformance.run.engine import oracle_adapter
from conformance.vocabulary import Behaviour, Verdict


def copy_case() -> Case:
    return next(c for c in curated_cases() if c.id == "asarray-copy-true[contiguous-2d-float64]")


def adapter(namespace: Namespace) -> GenericArrayAPIAdapter:
    return GenericArrayAPIAdapter(namespace, namespace.name)


def test_garbage_fails_every_profile_with_a_rule_and_blames_the_library() -> None:
    case = copy_case()
    observed = observe(adapter(GarbageCopy()), case)
    assert observed.cls == Behaviour.UNKNOWN and observed.fault == "library"
    expected = observe(oracle_adapter(), case)
    for name, judge in JUDGES.items():
        judgement = judge(case, expected, observed)
        assert judgement.verdict == Verdict.FAIL, name
        assert "library fault" in judgement.message


def test_a_lying_dlpack_layout_is_refused_before_anything_is_read() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    observed = observe(adapter(HugeDLPackClaim()), copy_case())
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert observed.fault == "library"
    assert "exported layout has shape (134217728,)" in observed.message
    assert peak < 8 << 20 and seconds < 5, (peak, seconds)


class HugeShape(Namespace):
    """The result's own shape agrees with its 1 GiB zero-stride export."""

    name = "xp-huge-shape"

    def asarray(self, obj, /, *, dtype=None, device=None, copy=None):  # type: ignore[no-untyped-def]
        result = super().asarray(obj, dtype=dtype, device=device, copy=copy)
        if copy:
            result._a = np.lib.stride_tricks.as_strided(result._a, shape=(1 << 27,), strides=(0,))
        return result


def test_a_result_claiming_more_than_the_cap_is_refused() -> None:
    tracemalloc.start()
    observed = observe(adapter(HugeShape()), copy_case())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert observed.fault == "library" and str(MAX_RESULT_BYTES) in observed.message
    assert peak < 8 << 20


def test_writes_that_go_one_way_are_their_own_class() -> None:
    observed = observe(adapter(OneWayCopy()), copy_case())
    assert observed.cls == Behaviour.ONE_WAY_FROM_INPUT
    assert observed.mutation.forward is True and observed.mutation.backward is False
    judgement = JUDGES["consistency"](copy_case(), None, observed)
    assert judgement.verdict == Verdict.FAIL and "one way" in judgement.message


class BrokenAdapter(GenericArrayAPIAdapter):
    def flags(self, x):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug in the adapter")


def test_a_fault_in_copyview_on_a_sound_result_blames_the_adapter() -> None:
    observed = observe(BrokenAdapter(CONTROL, "broken"), copy_case())
    assert observed.fault == "adapter" and "a bug in the adapter" in observed.message
