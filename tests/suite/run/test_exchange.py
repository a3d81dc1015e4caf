"""The cross-library exchange section: both sides observed through their own adapters."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import numpy as np
import pytest

from conformance.adapters import load
from conformance.judge.handoff_profile import judge
from conformance.model.handoffs import Handoff
from conformance.observe.observer import PairObservation
from conformance.observe.witnesses import Mutation
from conformance.run.exchange import INPUTS, Exchange, ExchangeCase
from conformance.vocabulary import Behaviour, Declared

VECTOR = "contiguous-1d-float64"


@pytest.fixture(scope="module")
def section() -> Exchange:
    return Exchange()


def _record(section: Exchange, sender: str, source: str) -> dict[str, Any]:
    """The record of the hand-off, or a skip saying which library is missing."""
    handoff = next(
        (h for h in section.handoffs.values() if h.sender == sender and h.source == source), None
    )
    if handoff is None:
        pytest.skip(f"no hand-off {sender} -> {source}: {section.notes}")
    record = section.run(ExchangeCase(handoff.id, VECTOR))
    if record["observed"]["class"] == "not-applicable":
        pytest.skip(record["observed"]["error_message"])
    return record


def test_handoff_ids_are_unique_and_every_case_names_a_known_input(section: Exchange) -> None:
    cases = section.cases()
    assert len({c.id for c in cases}) == len(cases)
    assert {c.input_id for c in cases} <= set(INPUTS)


@pytest.mark.parametrize(
    ("sender", "source", "expected"),
    [
        ("numpy", "np.asarray(x)", "same-object"),
        ("numpy", "np.asarray(x, copy=True)", "copy"),
        ("numpy", "memoryview(x)", "view"),
        ("numpy", "torch.from_numpy(x)", "view"),
        ("numpy", "torch.tensor(x)", "copy"),
        ("numpy", "pd.Series(x)", "copy"),
        ("numpy", "pd.Series(x, copy=False)", "view"),
        ("numpy", "xr.DataArray(x)", "view"),
        ("pandas", "x.to_numpy()", "read-only-view"),
        ("jax", "np.asarray(x)", "read-only-view"),
        ("array-no-copy-kw", "np.asarray(x)", "view"),
        ("array-no-copy-kw", "np.array(x, copy=None)", "view"),
        ("array-interface-only", "np.asarray(x)", "view"),
        ("array-interface-only", "np.array(x, copy=False)", "view"),
        ("buffer-protocol", "np.frombuffer(x)", "view"),
        ("buffer-protocol", "torch.frombuffer(x, dtype=torch.float64)", "view"),
        ("dlpack-only", "np.from_dlpack(x)", "view"),
        ("dlpack-only", "np.from_dlpack(x, copy=True)", "copy"),
        ("dlpack-only", "torch.from_dlpack(x)", "view"),
        ("numpy", "torch.from_dlpack(x, copy=True)", "copy"),
        ("torch", "x.numpy(force=True)", "view"),
        ("torch", "x.to('cpu', copy=True)", "copy"),
        ("numpy", "jax.device_put(x)", "view"),
    ],
)
def test_known_handoffs_have_their_documented_class(
    section: Exchange, sender: str, source: str, expected: str
) -> None:
    assert _record(section, sender, source)["observed"]["class"] == expected


def test_numpy_writes_show_through_an_immutable_arrow_array(section: Exchange) -> None:
    witnesses = _record(section, "numpy", "pa.array(x)")["observed"]["witnesses"]
    assert witnesses["memory"] is True and witnesses["mutation_forward"] is True


def test_writes_through_torch_reach_an_immutable_jax_array(section: Exchange) -> None:
    witnesses = _record(section, "jax", "torch.from_dlpack(x)")["observed"]["witnesses"]
    assert witnesses["mutation_backward"] is True


def test_a_handoff_to_a_missing_backend_is_not_applicable_with_the_reason() -> None:
    section = Exchange()
    absent = Handoff("numpy", "no_such_backend", "nolib.take({x})", lambda x: x)
    section.handoffs[absent.id] = absent
    record = section.run(ExchangeCase(absent.id, VECTOR))
    assert record["observed"]["class"] == "not-applicable"
    verdict = record["verdicts"]["consistency"]
    assert verdict["verdict"] == "not-applicable" and "no_such_backend" in verdict["message"]


def test_a_handoff_that_raises_is_recorded_as_an_error() -> None:
    section = Exchange()

    def refuse(x: Any) -> Any:
        raise TypeError("no")

    broken = Handoff("numpy", "numpy", "np.refuse({x})", refuse)
    section.handoffs[broken.id] = broken
    record = section.run(ExchangeCase(broken.id, VECTOR))
    assert record["observed"]["class"] == "error" and record["observed"]["error"] == "TypeError"


def test_a_declared_copy_that_shares_fails() -> None:
    handoff = Handoff(
        "numpy", "numpy", "np.array({x}, copy=True)", np.array, declared=Declared.COPY
    )
    seen = PairObservation(Behaviour.VIEW, True, Mutation(True, True, False))
    judgement = judge(handoff, seen)
    assert judgement.verdict == "fail" and "requests a copy" in judgement.message


def test_a_documented_zero_copy_that_copies_fails() -> None:
    handoff = Handoff("numpy", "numpy", "np.asarray({x})", np.asarray, declared=Declared.SHARE)
    judgement = judge(
        handoff, PairObservation(Behaviour.COPY, False, Mutation(False, False, False))
    )
    assert judgement.verdict == "fail" and "zero-copy" in judgement.message


def test_a_read_only_receiver_that_takes_writes_fails() -> None:
    handoff = Handoff("numpy", "numpy", "np.asarray({x})", np.asarray)
    seen = PairObservation(
        Behaviour.VIEW, True, Mutation(True, True, False), receiver_readonly=True
    )
    assert judge(handoff, seen).verdict == "fail"


def test_an_honest_declared_copy_passes() -> None:
    handoff = Handoff(
        "numpy", "numpy", "np.array({x}, copy=True)", np.array, declared=Declared.COPY
    )
    seen = PairObservation(Behaviour.COPY, False, Mutation(False, False, False))
    assert judge(handoff, seen).verdict == "pass"


def test_the_section_uses_the_registered_adapters(section: Exchange) -> None:
    assert section.adapter("numpy") is load("numpy")
    assert isinstance(section.adapter("no_such_backend"), str)


def test_every_handoff_is_declared_by_an_adapter_of_its_sender_or_receiver(
    section: Exchange,
) -> None:
    for name in section.handoffs:
        handoff = section.handoffs[name]
        owners = [
            n
            for n in (handoff.sender, handoff.receiver)
            if not isinstance(section.adapter(n), str) and handoff in section.adapter(n).handoffs
        ]  # type: ignore[union-attr]
        assert owners, f"{name} is declared by neither side"


def test_repro_shows_the_write_reaching_the_receiver(section: Exchange) -> None:
    record = _record(section, "numpy", "xr.DataArray(x)")
    out = subprocess.run(
        [sys.executable, "-c", record["repro"]],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "write through x seen in y: True" in out
    assert record["input"]["strides"] == [8] and record["input"]["itemsize"] == 8


def test_every_protocol_sender_has_receivers_in_several_libraries(section: Exchange) -> None:
    for sender in ("array-no-copy-kw", "array-interface-only", "buffer-protocol", "dlpack-only"):
        receivers = {h.receiver for h in section.handoffs.values() if h.sender == sender}
        assert {"numpy", "torch", "jax"} <= receivers, (sender, receivers)


@pytest.mark.parametrize(
    ("sender", "source"),
    [
        ("array-no-copy-kw", "np.asarray(x)"),
        ("array-interface-only", "np.asarray(x)"),
        ("buffer-protocol", "np.frombuffer(x)"),
        ("dlpack-only", "np.from_dlpack(x)"),
    ],
)
def test_a_protocol_senders_repro_defines_its_object_and_shows_the_write(
    section: Exchange, sender: str, source: str
) -> None:
    record = _record(section, sender, source)
    out = subprocess.run(
        [sys.executable, "-c", record["repro"]],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "write through x seen in y: True" in out


def test_an_empty_sender_leaves_a_zero_copy_promise_unjudged() -> None:
    handoff = Handoff("numpy", "numpy", "np.asarray({x})", np.asarray, declared=Declared.SHARE)
    seen = PairObservation(Behaviour.SAME_OBJECT, False)
    assert judge(handoff, seen).verdict == "fail"
    assert judge(handoff, seen, empty=True).verdict == "not-applicable"  # no bytes to share


def test_the_sender_inputs_are_every_layout_input() -> None:
    from conformance.model.inputs import LAYOUT_INPUTS

    assert list(INPUTS) == [s.id for s in LAYOUT_INPUTS]
    assert {s.ndim for s in INPUTS.values()} >= {0, 1, 2}


def test_a_write_to_numpy_after_da_from_array_does_not_reach_what_dask_computes(
    section: Exchange,
) -> None:
    witnesses = _record(section, "numpy", "da.from_array(x, asarray=False)")["observed"]
    assert witnesses["class"] == "unknown"  # a lazy receiver: silence says nothing of bytes
    assert witnesses["witnesses"]["mutation_forward"] is False


def _aligned_only(x: Any) -> Any:
    """Aliases the sender's buffer only on a 64-byte boundary, copies elsewhere (as
    ``jax.device_put`` does with host memory)."""
    return x[...] if x.ctypes.data % 64 == 0 else np.array(x, copy=True)


def test_a_handoff_that_shares_only_aligned_buffers_fails_with_both_repros() -> None:
    section = Exchange()
    flapping = Handoff("numpy", "numpy", "np.aligned_only({x})", _aligned_only)
    honest = Handoff("numpy", "numpy", "np.asarray({x})", np.asarray)
    for handoff in (flapping, honest):
        section.handoffs[handoff.id] = handoff
    bad = section.run(ExchangeCase(flapping.id, "aligned-2d-float64"))
    assert bad["observed"]["class"] == "view"
    assert bad["observed"]["alignment"] == {
        "shift": 8,
        "class": "copy",
        "error": None,
        "stable": False,
    }
    verdict = bad["verdicts"]["consistency"]
    assert verdict["verdict"] == "fail"
    assert "on a 64-byte boundary view, 8 bytes past it copy" in verdict["message"]
    assert (
        "_k = ((8 - " in bad["repro_misaligned"] and "np.aligned_only(x)" in bad["repro_misaligned"]
    )
    good = section.run(ExchangeCase(honest.id, "aligned-2d-float64"))
    assert good["observed"]["alignment"]["stable"] is True
    assert good["verdicts"]["consistency"]["verdict"] == "pass"
    # Inputs without a placement are not run twice.
    plain = section.run(ExchangeCase(honest.id, "contiguous-2d-float64"))
    assert "alignment" not in plain["observed"] and "repro_misaligned" not in plain
