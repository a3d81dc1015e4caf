"""The ndarray protocol against NumPy: len, iteration, item, tolist, truth value, conversions,
repr, ``__array_interface__``, and the scalar convention (Python values)."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from numpy_compare import assert_same_behaviour

import reference_impl as ref


def matrix(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(6.0).reshape(2, 3),)


def zero_d(xp: Any) -> tuple[Any, ...]:
    return (xp.asarray(7),)


CASES = {
    "len": (matrix, lambda xp, a: len(a), "scalar"),
    "len of 0-d": (zero_d, lambda xp, a: len(a), "error"),
    "iteration yields views": (matrix, lambda xp, a: list(a), "sequence"),
    "iteration over 0-d": (zero_d, lambda xp, a: list(a), "error"),
    "item of size 1": (zero_d, lambda xp, a: a.item(), "scalar"),
    "item of many": (matrix, lambda xp, a: a.item(), "error"),
    "item by flat index": (matrix, lambda xp, a: a.T.item(1), "scalar"),
    "item by multi-index": (matrix, lambda xp, a: a.item(1, 2), "scalar"),
    "tolist": (matrix, lambda xp, a: a.T.tolist(), "sequence"),
    "tolist of 0-d": (zero_d, lambda xp, a: a.tolist(), "scalar"),
    "tolist of empty": (matrix, lambda xp, a: a[:, :0].tolist(), "sequence"),
    "bool of size 1": (zero_d, lambda xp, a: bool(a), "scalar"),
    "bool of many": (matrix, lambda xp, a: bool(a), "error"),
    "int": (zero_d, lambda xp, a: int(a), "scalar"),
    "float of size-1 2-d": (matrix, lambda xp, a: float(a[:1, :1]), "error"),
    "bool of size-1 2-d": (matrix, lambda xp, a: bool(a[:1, 1:2]), "scalar"),
    "index of 0-d int": (zero_d, lambda xp, a: [10, 20, 30, 40, 50, 60, 70, 80][a], "scalar"),
    "shape, strides, ndim, size, itemsize, nbytes": (
        matrix,
        lambda xp, a: (a.T.shape, a.T.strides, a.ndim, a.size, a.itemsize, a.nbytes),
        "sequence",
    ),
    "dtype name": (matrix, lambda xp, a: str(a.astype(xp.uint16).dtype), "scalar"),
    "base of a view of a view": (matrix, lambda xp, a: a[1:][1:].base is a.base, "scalar"),
}


@pytest.mark.parametrize("case", CASES)
def test_protocol_matches_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, op, case).kind == kind


def test_scalars_are_python_values_that_compare_equal_to_numpy_scalars() -> None:
    a, n = ref.arange(6).reshape(2, 3), numpy.arange(6).reshape(2, 3)
    assert type(a[1, 2]) is int and a[1, 2] == n[1, 2]
    assert type(ref.asarray([1.5])[0]) is float and type(ref.asarray([True])[0]) is bool


def test_array_interface_points_at_the_buffer() -> None:
    a = ref.arange(12, dtype=ref.int32).reshape(3, 4)[1:, ::-2]
    iface = a.__array_interface__
    assert iface["typestr"] == numpy.dtype("int32").str and iface["shape"] == (2, 2)
    assert iface["strides"] == (16, -8) and iface["data"] == (a.address, False)
    view = numpy.asarray(a)
    assert view.__array_interface__["data"][0] == a.address and view.tolist() == a.tolist()


def test_array_interface_of_a_c_contiguous_array_has_no_strides() -> None:
    assert ref.zeros((2, 3)).__array_interface__["strides"] is None


def test_repr_shows_values_and_dtype() -> None:
    assert repr(ref.arange(3, dtype=ref.int8)) == "array([0, 1, 2], dtype=int8)"


def test_shape_assignment_reshapes_in_place_only_without_copy() -> None:
    a = ref.arange(6.0)
    a.shape = (2, 3)
    assert a.shape == (2, 3) and a.strides == (24, 8)
    with pytest.raises(ValueError):
        t = a.T
        t.shape = (6,)


def test_the_reference_says_which_numpy_it_models() -> None:
    assert numpy.__version__.startswith(ref.MODELS_NUMPY + ".")
