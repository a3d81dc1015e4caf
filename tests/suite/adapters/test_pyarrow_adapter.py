"""The pyarrow adapter: immutable arrays whose layout is the values buffer plus offset."""

from __future__ import annotations

import numpy as np
import pytest

pa = pytest.importorskip("pyarrow")

from conformance.adapters.pyarrow_adapter import OPERATIONS, adapter  # noqa: E402
from conformance.model.inputs import ALIGNMENT, InputSpec  # noqa: E402
from conformance.model.operations import Operation, Shape  # noqa: E402
from conformance.observe.witnesses import memory_witness  # noqa: E402
from conformance.run.exchange import INPUTS, observe_pair  # noqa: E402

VECTOR = InputSpec("contiguous-1d-float64", "float64", (6,))


def _shares(x: object, y: object) -> bool | None:
    return memory_witness(adapter.memory(x), adapter.memory(y))


def test_offset_slice_shares_the_buffer_and_is_immutable() -> None:
    a = adapter.build(VECTOR.recipe())
    assert _shares(a, a[1:]) is True
    assert observe_pair(adapter, a, adapter, a[1:]).cls == "immutable"


def test_layout_of_a_slice_starts_offset_elements_in() -> None:
    a = adapter.build(VECTOR.recipe())
    start = adapter.memory(a).layout.offset
    assert adapter.memory(a[2:]).layout.offset == start + 2 * 8


def test_slice_with_a_step_copies() -> None:
    a = adapter.build(VECTOR.recipe())
    assert _shares(a, a[::2]) is False


def test_cast_to_the_same_type_shares_and_take_copies() -> None:
    a = adapter.build(VECTOR.recipe())
    assert _shares(a, a.cast(pa.float64())) is True
    assert _shares(a, a.take([0])) is False


def test_to_numpy_is_a_read_only_view() -> None:
    a = adapter.build(VECTOR.recipe())
    values = a.to_numpy()
    assert _shares(a, values) is True and not values.flags.writeable


def test_boolean_arrays_are_bit_packed_so_have_no_layout() -> None:
    assert adapter.memory(pa.array(np.array([True, False]))) is None


def test_tensor_from_numpy_is_mutable_through_numpy() -> None:
    t = adapter.from_host(np.arange(6.0).reshape(2, 3))
    assert t.is_mutable and adapter.memory(t).readonly is False


SHARES_BUFFER = {
    "pyarrow-slice-method": True,
    "pyarrow-cast-same": True,
    "pyarrow-cast-other": False,
    "pyarrow-take": False,
    "pyarrow-filter": False,
    "pyarrow-to-numpy": True,
    "pyarrow-array-of-array": True,
    "pyarrow-compute-add-zero": False,
    "pyarrow-combine-chunks": False,  # even a single chunk is concatenated into a new buffer
    "pyarrow-slice-offset-length": True,
}


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.id)
def test_arrow_operations_share_the_values_buffer_or_not(operation: Operation) -> None:
    a = adapter.build(VECTOR.recipe())
    y = operation.run(pa, a, Shape(VECTOR.shape, VECTOR.dtype))
    assert _shares(a, y) is SHARES_BUFFER[operation.id]


def test_tensor_from_a_bool_array_silently_becomes_uint8() -> None:
    """pyarrow 26.0.1: Tensor.from_numpy takes NumPy's byte-per-value bools as uint8 (Arrow
    bools are bits; ARROW-1673, apache/arrow#1199), so the adapter builds no bool Tensor."""
    tensor = pa.Tensor.from_numpy(np.array([[True, False]]))
    assert tensor.type == pa.uint8() and tensor.to_numpy().dtype == np.uint8


def test_fixed_shape_tensor_array_refuses_a_transposed_array_its_docs_say_it_copies() -> None:
    """The docstring: "If input array data is not contiguous a copy will be made"; a
    transposed (F-ordered) array raises instead (pyarrow 26.0.1; apache/arrow#37533)."""
    with pytest.raises(ValueError, match="First stride"):
        pa.FixedShapeTensorArray.from_numpy_ndarray(np.arange(6.0).reshape(2, 3).T)


def test_tensor_to_numpy_is_a_writable_view_of_a_tensor_over_a_writable_array() -> None:
    tensor = pa.Tensor.from_numpy(np.arange(4.0).reshape(2, 2))
    values = tensor.to_numpy()
    assert tensor.is_mutable and values.flags.writeable
    values[0, 0] = -1.0
    assert tensor.to_numpy()[0, 0] == -1.0


@pytest.mark.parametrize(
    "input_id", ["readonly-2d-float64", "aligned-1d-float64", "aligned-2d-float64"]
)
def test_placed_and_read_only_inputs_are_arrow_objects_over_such_an_ndarray(input_id: str) -> None:
    # Arrow wraps the ndarray it is given, so the input's placement and read-only flag are that
    # ndarray's, and the repro builds the same object.
    recipe = INPUTS[input_id].recipe()
    x = adapter.build(recipe)
    report = adapter.memory(x)
    assert report is not None
    if recipe.align is not None:
        assert report.layout.offset % ALIGNMENT == recipe.align
    if recipe.readonly:
        assert not x.is_mutable and x.to_numpy().flags.writeable is False
    namespace: dict[str, object] = {}
    exec("\n".join([*adapter.repro_imports(), *adapter.repro_lines(recipe)]), namespace)
    rebuilt = namespace["x"]
    assert type(rebuilt) is type(x)
    np.testing.assert_array_equal(adapter.to_host(rebuilt), adapter.to_host(x))
    if recipe.readonly:
        assert not rebuilt.is_mutable  # type: ignore[attr-defined]
