"""The memoryview adapter: slices are views, .obj is the base claim, no multi-d slicing."""

from __future__ import annotations

import builtins

import numpy as np
import pytest

from conformance.adapters.memoryview_adapter import OPERATIONS, adapter
from conformance.model.inputs import InputSpec
from conformance.model.operations import Operation, Shape
from conformance.observe.witnesses import base_target
from conformance.run.exchange import observe_pair

VECTOR = InputSpec("contiguous-1d-float64", "float64", (6,))
STRIDED = InputSpec("strided-1d-float64", "float64", (12,), (("index", (slice(1, None, 3),)),))


@pytest.mark.parametrize("key", [slice(None, None, 2), slice(None, None, -1), slice(1, 4)])
def test_slices_are_views(key: slice) -> None:
    m = adapter.build(VECTOR.recipe())
    assert observe_pair(adapter, m, adapter, m[key]).cls == "view"


def test_strided_input_has_the_slice_layout() -> None:
    m = adapter.build(STRIDED.recipe())
    layout = adapter.memory(m).layout
    assert (layout.shape, layout.strides) == ((4,), (24,))
    assert adapter.to_host(m).tolist() == [1.0, 4.0, 7.0, 10.0]


def test_obj_of_a_slice_is_the_exporting_bytearray() -> None:
    m = adapter.build(VECTOR.recipe())
    assert base_target(adapter, m, adapter.base(m), m[1:]) == "input-base"
    assert isinstance(m[1:].obj, bytearray)


def test_toreadonly_is_a_read_only_view() -> None:
    m = adapter.build(VECTOR.recipe())
    seen = observe_pair(adapter, m, adapter, m.toreadonly())
    assert seen.cls == "read-only-view" and seen.receiver_readonly is True


def test_cast_to_bytes_is_a_view_and_tobytes_a_copy() -> None:
    m = adapter.build(VECTOR.recipe())
    assert observe_pair(adapter, m, adapter, m.cast("B")).cls == "view"
    copied = observe_pair(adapter, m, adapter, memoryview(m.tobytes()))
    assert (copied.cls, copied.receiver_readonly) == ("copy", True)


def test_true_indexes_element_one() -> None:
    m = adapter.build(VECTOR.recipe())
    assert m[True] == m[1] == 1.0


def test_two_d_slicing_steps_are_not_built() -> None:
    spec = InputSpec(
        "offset-block-2d-float64", "float64", (5, 6), (("index", (slice(1, 4), slice(2, 5))),)
    )
    with pytest.raises(NotImplementedError):
        adapter.build(spec.recipe())


def test_complex_has_no_memoryview_format() -> None:
    with pytest.raises(NotImplementedError):
        adapter.from_host(np.zeros(2, dtype=complex))


MEMORYVIEW_CLASSES = {
    "memoryview-cast-bytes": "view",
    "memoryview-toreadonly": "read-only-view",
    "memoryview-of-memoryview": "view",
    "memoryview-tobytes": "copy",
    "memoryview-tolist": "scalar",
    "memoryview-cast-round-trip": "view",
    "memoryview-slice-first-axis": "view",
}


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.id)
def test_memoryview_operations_have_their_known_class(operation: Operation) -> None:
    m = adapter.build(VECTOR.recipe())
    y = operation.run(builtins, m, Shape(VECTOR.shape, VECTOR.dtype))
    assert observe_pair(adapter, m, adapter, y).cls == MEMORYVIEW_CLASSES[operation.id]


def test_rows_of_a_matrix_slice_along_the_first_axis() -> None:
    spec = InputSpec(
        "reversed-rows-2d-float64",
        "float64",
        (3, 4),
        (("index", (slice(None, None, -1), slice(None))),),
    )
    m = adapter.build(spec.recipe())
    assert adapter.memory(m).layout.strides == (-32, 8)
    assert adapter.to_host(m).tolist()[0] == [8.0, 9.0, 10.0, 11.0]
