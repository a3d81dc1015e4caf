"""Array creation against NumPy: asarray/array copy= and order= rules, ndmin, scalars and nested
lists, foreign objects (NumPy arrays, buffers), zeros/ones/empty/full, *_like and arange."""

from __future__ import annotations

import array as pyarray
from typing import Any

import numpy
import pytest
from numpy_compare import assert_same_behaviour

import reference_impl as ref


def matrix(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(6.0).reshape(2, 3),)


def zero_d(xp: Any) -> tuple[Any, ...]:
    return (xp.asarray(3.0),)


def nothing(xp: Any) -> tuple[Any, ...]:
    return ()


CASES = {
    "asarray of an array is the input": (matrix, lambda xp, a: xp.asarray(a), "same-object"),
    "asarray copy=False is the input": (
        matrix,
        lambda xp, a: xp.asarray(a, copy=False),
        "same-object",
    ),
    "asarray copy=True copies": (matrix, lambda xp, a: xp.asarray(a, copy=True), "copy"),
    "asarray order C of transposed copies": (
        matrix,
        lambda xp, a: xp.asarray(a.T, order="C"),
        "copy",
    ),
    "asarray order C copy=False of transposed": (
        matrix,
        lambda xp, a: xp.asarray(a.T, order="C", copy=False),
        "error",
    ),
    "asarray order F of transposed is the input": (
        lambda xp: (matrix(xp)[0].T,),
        lambda xp, a: xp.asarray(a, order="F"),
        "same-object",
    ),
    "asarray order A of a strided view": (
        lambda xp: (matrix(xp)[0][:, ::2],),
        lambda xp, a: xp.asarray(a, order="A"),
        "same-object",
    ),
    "asarray new dtype copies": (matrix, lambda xp, a: xp.asarray(a, dtype=xp.float32), "copy"),
    "asarray same dtype by name": (matrix, lambda xp, a: xp.asarray(a, dtype="f8"), "same-object"),
    "array copies by default": (matrix, lambda xp, a: xp.array(a), "copy"),
    "array keeps a transposed layout": (matrix, lambda xp, a: xp.array(a.T), "copy"),
    "array order A keeps a non-contiguous layout": (
        lambda xp: (xp.arange(24.0).reshape(2, 3, 4).transpose(1, 0, 2)[:, ::-1],),
        lambda xp, a: xp.array(a, order="A"),
        "copy",
    ),
    "array order A with a new dtype keeps a non-contiguous layout": (
        lambda xp: (xp.arange(24.0).reshape(2, 3, 4).transpose(1, 0, 2)[:, ::-1],),
        lambda xp, a: xp.array(a, dtype=xp.float32, order="A"),
        "copy",
    ),
    "array order A of an F-contiguous array": (
        matrix,
        lambda xp, a: xp.array(a.T, order="A"),
        "copy",
    ),
    "array copy=None is the input": (matrix, lambda xp, a: xp.array(a, copy=None), "same-object"),
    "array dtype with copy=False": (
        matrix,
        lambda xp, a: xp.array(a, dtype=int, copy=False),
        "error",
    ),
    "array ndmin views": (matrix, lambda xp, a: xp.array(a, copy=None, ndmin=4), "view"),
    "array ndmin of a copy": (matrix, lambda xp, a: xp.array(a.T, ndmin=3), "copy"),
    "array ndmin of F order": (matrix, lambda xp, a: xp.array(a.T, copy=None, ndmin=3), "view"),
    "ascontiguousarray of contiguous": (
        matrix,
        lambda xp, a: xp.ascontiguousarray(a),
        "same-object",
    ),
    "ascontiguousarray of transposed": (matrix, lambda xp, a: xp.ascontiguousarray(a.T), "copy"),
    "ascontiguousarray of 0-d is 1-d": (zero_d, lambda xp, a: xp.ascontiguousarray(a), "view"),
    "asfortranarray": (matrix, lambda xp, a: xp.asfortranarray(a), "copy"),
    "asfortranarray of 0-d": (zero_d, lambda xp, a: xp.asfortranarray(a), "view"),
    "copy function": (matrix, lambda xp, a: xp.copy(a[:, ::-1]), "copy"),
    "from nested lists": (nothing, lambda xp: xp.asarray([[1, 2], [3, 4]]), "copy"),
    "from mixed Python scalars": (nothing, lambda xp: xp.array([1, 2.5, True]), "copy"),
    "from complex and bool": (nothing, lambda xp: xp.array([[1j], [False]]), "copy"),
    "from an empty list": (nothing, lambda xp: xp.asarray([]), "copy"),
    "from a Python scalar": (nothing, lambda xp: xp.asarray(7), "copy"),
    "from a bool scalar": (nothing, lambda xp: xp.asarray(True), "copy"),
    "ragged lists": (nothing, lambda xp: xp.asarray([[1, 2], [3]]), "error"),
    "list with explicit dtype": (nothing, lambda xp: xp.asarray([1, 2], dtype=xp.int8), "copy"),
    "Python int out of range for dtype": (
        nothing,
        lambda xp: xp.asarray([1, 300], dtype=xp.uint8),
        "error",
    ),
    "list with copy=False": (nothing, lambda xp: xp.asarray([1, 2], copy=False), "error"),
    "list in F order": (nothing, lambda xp: xp.array([[1, 2], [3, 4]], order="F"), "copy"),
    "list of arrays": (matrix, lambda xp, a: xp.asarray([a[0], a[1]]), "copy"),
    "zeros": (nothing, lambda xp: xp.zeros((2, 3)), "copy"),
    "zeros F order": (nothing, lambda xp: xp.zeros((2, 3), dtype=xp.int16, order="F"), "copy"),
    "zeros with a 0 axis": (nothing, lambda xp: xp.zeros((0, 3)), "copy"),
    "ones": (nothing, lambda xp: xp.ones(4, dtype=xp.complex64), "copy"),
    "full infers the dtype": (nothing, lambda xp: xp.full((2, 2), 7), "copy"),
    "full with dtype": (nothing, lambda xp: xp.full(3, 1.5, dtype=xp.float32), "copy"),
    "full out of range": (nothing, lambda xp: xp.full(3, 300, dtype=xp.uint8), "error"),
    "zeros_like keeps order": (matrix, lambda xp, a: xp.zeros_like(a.T), "copy"),
    "ones_like with dtype": (matrix, lambda xp, a: xp.ones_like(a, dtype=xp.int8), "copy"),
    "full_like": (matrix, lambda xp, a: xp.full_like(a[:, ::2], 9), "copy"),
    "arange int": (nothing, lambda xp: xp.arange(5), "copy"),
    "arange start stop step": (nothing, lambda xp: xp.arange(2, 11, 3), "copy"),
    "arange negative step": (nothing, lambda xp: xp.arange(5, 0, -2), "copy"),
    "arange float": (nothing, lambda xp: xp.arange(0.0, 1.0, 0.1), "copy"),
    "arange empty": (nothing, lambda xp: xp.arange(3, 1), "copy"),
    "arange with dtype": (nothing, lambda xp: xp.arange(4, dtype=xp.float32), "copy"),
}


@pytest.mark.parametrize("case", CASES)
def test_creation_matches_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, op, case).kind == kind


def test_asarray_of_a_numpy_array_copies_its_values_and_layout_order() -> None:
    source = numpy.arange(12, dtype=numpy.int16).reshape(3, 4)[:, ::-2]
    result = ref.asarray(source)
    assert result.tolist() == source.tolist()
    assert str(result.dtype) == "int16" and result.shape == (3, 2)
    assert result.base is None and not ref.shares_memory(result, ref.asarray(source))


def test_asarray_of_buffer_protocol_objects() -> None:
    assert ref.asarray(pyarray.array("d", [1.5, 2.5])).tolist() == [1.5, 2.5]
    b = ref.asarray(bytearray(b"\x01\x02"))
    assert str(b.dtype) == "uint8" and b.tolist() == [1, 2]


def test_numpy_sees_reference_arrays_without_copying() -> None:
    a = ref.arange(12.0).reshape(3, 4)[:, ::2]
    view = numpy.asarray(a)
    assert view.strides == a.strides and view.tolist() == a.tolist()
    view[0, 0] = 99.0
    assert a[0, 0] == 99.0
    assert numpy.shares_memory(view, numpy.asarray(a.base))
    assert not numpy.asarray(ref.broadcast_to(a, (2, 3, 2))).flags.writeable
