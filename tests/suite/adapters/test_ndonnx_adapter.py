"""The ndonnx adapter: graph arrays export no memory, so sharing is unknown, never guessed."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

with warnings.catch_warnings():  # without onnxruntime, ndonnx warns on import
    warnings.simplefilter("ignore")
    ndx = pytest.importorskip("ndonnx")

from conformance.adapters.base import Adapter
from conformance.adapters.ndonnx_adapter import adapter
from conformance.model.inputs import InputSpec
from conformance.run.exchange import INPUTS, observe_pair

VECTOR = InputSpec("contiguous-1d-float64", "float64", (6,))


def test_dlpack_export_raises_and_memory_is_unknown() -> None:
    x = adapter.build(VECTOR.recipe())
    with pytest.raises(BufferError):
        x.__dlpack__()
    assert adapter.memory(x) is None


def test_slice_is_unknown_because_writes_rebind_the_graph() -> None:
    x = adapter.build(VECTOR.recipe())
    seen = observe_pair(adapter, x, adapter, x[::2])
    assert (seen.mutation.forward, seen.mutation.backward) == (False, False)
    assert seen.cls == "unknown"


def test_asarray_without_copy_returns_a_new_object() -> None:
    x = adapter.build(VECTOR.recipe())
    assert ndx.asarray(x, copy=False) is not x


def test_to_host_is_a_private_copy_of_the_values() -> None:
    x = adapter.build(VECTOR.recipe())
    host = adapter.to_host(x)
    host[0] = 42.0
    assert adapter.to_host(x)[0] == 0.0


def test_unwrap_numpy_hands_out_the_arrays_own_writable_values() -> None:
    """ndonnx 0.23: ``unwrap_numpy()`` "Return[s] the propagated value as a NumPy array"; it is
    the node's own array, writable, so a write to it changes the ndonnx array."""
    x = adapter.build(VECTOR.recipe())
    values = x.unwrap_numpy()
    assert values.flags.writeable
    values[0] = 42.0
    assert adapter.to_host(x)[0] == 42.0


def test_asarray_of_an_ndarray_with_copy_false_refuses_as_the_standard_says() -> None:
    import numpy as np

    with pytest.raises(ValueError):
        ndx.asarray(np.arange(3.0), copy=False)


@pytest.mark.parametrize("shape", [(3, 4), (5,), (0,), ()])
def test_the_witness_writes_change_what_a_plain_write_would(shape: tuple[int, ...]) -> None:
    host = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape)
    x = adapter.from_host(host)
    adapter.fill(x, -1.0)
    assert (adapter.to_host(x) == -1.0).all() and adapter.shape(x) == shape
    adapter.assign(x, host)
    np.testing.assert_array_equal(adapter.to_host(x), host)
    if host.size:
        x, index = adapter.from_host(host), tuple(n - 1 for n in shape)
        adapter.write(x, index, 99.0)
        expected = host.copy()
        expected[index] = 99.0
        np.testing.assert_array_equal(adapter.to_host(x), expected)


def test_a_write_of_minus_zero_is_not_a_write_of_zero() -> None:
    # The witnesses' values are made once per value's bytes: -0.0 and 0.0 compare equal.
    x = adapter.from_host(np.ones(3))
    adapter.fill(x, 0.0)
    adapter.write(x, (1,), -0.0)
    assert list(np.signbit(adapter.to_host(x))) == [False, True, False]


@pytest.mark.parametrize("input_id", ["reversed-1d-float64", "transposed-2d-float64"])
def test_inputs_built_twice_are_two_arrays_and_a_write_to_one_stays_there(input_id: str) -> None:
    # The graph of an input is built once per recipe; each case gets its own array over it.
    recipe = INPUTS[input_id].recipe()
    first, second = adapter.build(recipe), adapter.build(recipe)
    assert first is not second
    np.testing.assert_array_equal(adapter.to_host(first), adapter.to_host(second))
    before = adapter.to_host(second)
    adapter.fill(first, -7.0)
    adapter.write(first, (0,) * first.ndim, 5.0)
    np.testing.assert_array_equal(adapter.to_host(second), before)
    np.testing.assert_array_equal(adapter.to_host(adapter.build(recipe)), before)
    # The same values as building through the view steps afresh (the base class's build).
    np.testing.assert_array_equal(before, adapter.to_host(Adapter.build(adapter, recipe)))
