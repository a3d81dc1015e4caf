"""Witnesses and classification: byte overlap, sentinel writes both ways, keep-alive."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.adapters import load
from conformance.observe.observer import classify
from conformance.observe.witnesses import (
    Mutation,
    keeps_alive,
    memory_witness,
    mutation_witness,
    sentinels,
)

numpy_adapter = load("numpy")


@pytest.mark.parametrize(
    ("memory", "mutation", "lazy", "expected"),
    [
        (True, Mutation(True, True, False), False, "view"),
        (True, Mutation(True, None, True), False, "read-only-view"),
        (False, Mutation(False, None, True), False, "copy"),
        (False, Mutation(False, False, False), False, "copy"),
        (True, Mutation(False, False, False), False, "copy-on-write"),
        (None, Mutation(False, False, False), False, "copy"),
        (None, Mutation(False, False, False), True, "unknown"),
        (None, Mutation(None, None, None), False, "unknown"),
        (None, Mutation(True, True, False), False, "view"),
    ],
)
def test_classification_from_witnesses(memory, mutation, lazy, expected) -> None:
    assert classify(memory, mutation, lazy) == expected


@pytest.mark.parametrize("dtype", ["float64", "float16", "int8", "uint64", "complex64", "bool"])
def test_sentinels_differ_in_every_byte(dtype: str) -> None:
    first, second = (np.array(v, dtype=dtype).tobytes() for v in sentinels(dtype))
    assert all(a != b for a, b in zip(first, second, strict=True))


def test_memory_witness_is_byte_exact() -> None:
    a = np.arange(6.0)
    interleaved = a.view(np.int8)[1::8]  # one byte of each element
    disjoint = np.arange(6.0)
    assert memory_witness(numpy_adapter.memory(a), numpy_adapter.memory(interleaved)) is True
    assert memory_witness(numpy_adapter.memory(a[::2]), numpy_adapter.memory(a[1::2])) is False
    assert memory_witness(numpy_adapter.memory(a), numpy_adapter.memory(disjoint)) is False
    assert memory_witness(None, numpy_adapter.memory(a)) is None


def test_mutation_sees_a_view_both_ways_and_restores_values() -> None:
    x = np.arange(12.0).reshape(3, 4)
    y = x[:, 1::2]
    before = x.copy()
    assert mutation_witness(numpy_adapter, x, y) == Mutation(True, True, False)
    np.testing.assert_array_equal(x, before)


def test_mutation_sees_a_reinterpreting_view() -> None:
    x = np.arange(4.0)
    assert mutation_witness(numpy_adapter, x, x.view(np.int8)[0::8]).forward is True


def test_mutation_of_a_copy_propagates_nowhere() -> None:
    x = np.arange(5)
    assert mutation_witness(numpy_adapter, x, x.copy()) == Mutation(False, False, False)


def test_mutation_of_a_read_only_view_is_refused() -> None:
    x = np.arange(3.0)
    result = mutation_witness(numpy_adapter, x, np.broadcast_to(x, (2, 3)))
    assert result.forward is True and result.write_refused is True


def test_a_numpy_view_keeps_its_memory_alive() -> None:
    holder = [np.arange(1000.0)]
    view = holder[0][10:20]
    assert keeps_alive(numpy_adapter, holder, view) is True
    assert holder == []


def test_interleaved_halves_share_no_byte_unless_the_array_aliases_itself() -> None:
    from conformance.observe.witnesses import interleaved_halves, interleaved_witness

    plain = np.arange(12.0).reshape(4, 3)
    assert interleaved_witness(numpy_adapter, interleaved_halves(numpy_adapter, plain)) is False
    broadcast = np.broadcast_to(np.arange(3.0), (4, 3))
    assert interleaved_witness(numpy_adapter, interleaved_halves(numpy_adapter, broadcast)) is True
    assert interleaved_halves(numpy_adapter, np.arange(1.0)) is None


class _RowKeyRefusingArray(np.ndarray):
    """An ndarray that refuses ``a[(::2, :)]``, as DataFrames and Arrow arrays do."""

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        if isinstance(key, tuple) and key and key[0] == slice(None, None, 2):
            raise KeyError(key)
        return super().__getitem__(key)


class _RowKeyRefusingAdapter(type(numpy_adapter)):  # type: ignore[misc]
    name = "row-key-refusing"

    def build(self, recipe):  # type: ignore[no-untyped-def]
        return super().build(recipe).view(_RowKeyRefusingArray)


def test_a_result_refusing_the_interleaved_key_still_gets_a_class() -> None:
    from conformance.model.cases import single
    from conformance.model.catalogue import BY_ID
    from conformance.model.inputs import InputSpec
    from conformance.observe.observer import observe

    spec = InputSpec("contiguous-2d-float64", "float64", (4, 3))
    seen = observe(_RowKeyRefusingAdapter(), single(BY_ID["T"], spec))
    assert seen.cls == "view"
    assert seen.interleaved is None and seen.claims is not None
    assert seen.claims.interleaved is None


def test_an_empty_result_that_accepts_a_fill_of_nothing_has_no_write_refusal_witness() -> None:
    memoryview_adapter = load("memoryview")
    x = memoryview(bytearray(8)).cast("d", shape=[1])[0:0]
    assert mutation_witness(memoryview_adapter, x, x.toreadonly()).write_refused is None
    readonly = np.empty((0, 3))[::-1]
    readonly.flags.writeable = False
    assert mutation_witness(numpy_adapter, np.empty((0, 3)), readonly).write_refused is True
