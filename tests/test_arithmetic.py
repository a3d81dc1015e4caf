"""Computation against NumPy: operators (new arrays laid out like NumPy's iterator does),
NEP 50 promotion with Python scalars, in-place operators (same object), where, take, sort,
fill."""

from __future__ import annotations

import operator
from typing import Any

import pytest
from numpy_compare import assert_same_behaviour


def matrix(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(12.0).reshape(3, 4) - 5,)


def ints(xp: Any) -> tuple[Any, ...]:
    return ((xp.arange(6) - 2).astype(xp.int8),)


def two(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(6, dtype=xp.int16).reshape(2, 3), xp.arange(3, dtype=xp.uint8))


CASES = {
    "add a Python int": (matrix, lambda xp, a: a + 1, "copy"),
    "transposed input gives an F-ordered result": (matrix, lambda xp, a: a.T * 2, "copy"),
    "reversed input gives positive strides": (matrix, lambda xp, a: a[::-1, ::-2] - 1, "copy"),
    "broadcast operands": (two, lambda xp, a, b: a + b, "copy"),
    "broadcast against a transposed operand": (matrix, lambda xp, a: a.T[:, :1] + a.T, "copy"),
    "int8 with out-of-range Python int": (ints, lambda xp, a: a + 300, "error"),
    "int8 with Python float gives float64": (ints, lambda xp, a: a * 1.5, "copy"),
    "int8 overflow wraps": (ints, lambda xp, a: a * 100, "copy"),
    "uint8 and int16 promote": (two, lambda xp, a, b: b - a, "copy"),
    "true division of ints": (ints, lambda xp, a: a / 4, "copy"),
    "true division by a big Python int": (ints, lambda xp, a: a / 300, "copy"),
    "floor division by zero": (ints, lambda xp, a: a // 0, "copy"),
    "float division by zero": (matrix, lambda xp, a: a / 0, "copy"),
    "modulo negative": (ints, lambda xp, a: a % -3, "copy"),
    "comparison": (matrix, lambda xp, a: a > 0, "copy"),
    "comparison with out-of-range int": (ints, lambda xp, a: a < 1000, "copy"),
    "float32 equals a Python float": (
        lambda xp: (xp.asarray([0.1, 0.2], dtype=xp.float32),),
        lambda xp, a: a == 0.1,
        "copy",
    ),
    "bitwise and": (ints, lambda xp, a: a & 6, "copy"),
    "bitwise on floats": (matrix, lambda xp, a: a & 1, "error"),
    "bool plus bool stays bool": (
        lambda xp: (xp.asarray([True, False]),),
        lambda xp, a: a + a,
        "copy",
    ),
    "bool minus bool": (lambda xp: (xp.asarray([True, False]),), lambda xp, a: a - a, "error"),
    "negative": (ints, lambda xp, a: -a, "copy"),
    "abs of complex": (lambda xp: (xp.asarray([3 + 4j]),), lambda xp, a: abs(a), "copy"),
    "invert bool": (lambda xp: (xp.asarray([True, False]),), lambda xp, a: ~a, "copy"),
    "0-d operands give a scalar": (lambda xp: (xp.asarray(2.0),), lambda xp, a: a * 3, "scalar"),
    "reflected": (ints, lambda xp, a: 10 - a, "copy"),
    "power": (ints, lambda xp, a: a**2, "copy"),
    "negative integer power": (ints, lambda xp, a: a**-1, "error"),
    "in-place add is the same object": (matrix, lambda xp, a: operator.iadd(a, 1), "same-object"),
    "in-place with an overlapping view": (
        matrix,
        lambda xp, a: operator.iadd(a, a[::-1]),
        "same-object",
    ),
    "in-place that needs an unsafe cast": (ints, lambda xp, a: operator.iadd(a, 1.5), "error"),
    "in-place into a read-only view": (
        matrix,
        lambda xp, a: operator.iadd(xp.broadcast_to(a, (2, 3, 4)), 1),
        "error",
    ),
    "in-place that would broadcast the target": (
        matrix,
        lambda xp, a: operator.iadd(a[:1], a),
        "error",
    ),
    "where": (matrix, lambda xp, a: xp.where(a > 0, a, 0), "copy"),
    "where keeps a transposed layout": (matrix, lambda xp, a: xp.where(a.T > 0, a.T, -a.T), "copy"),
    "where promotes": (ints, lambda xp, a: xp.where(a > 0, a, 0.5), "copy"),
    "take flat": (matrix, lambda xp, a: xp.take(a, [0, 5, -1]), "copy"),
    "take along an axis": (matrix, lambda xp, a: xp.take(a.T, [1, 1], axis=1), "copy"),
    "take a scalar": (matrix, lambda xp, a: xp.take(a, 3), "scalar"),
    "take out of bounds": (matrix, lambda xp, a: xp.take(a, [12]), "error"),
    "take method": (matrix, lambda xp, a: a.take([2, 0], axis=0), "copy"),
    "sort function copies in K order": (matrix, lambda xp, a: xp.sort(a.T[:, ::-1]), "copy"),
    "sort function along axis 0": (matrix, lambda xp, a: xp.sort(-a, axis=0), "copy"),
    "sort function flattened": (matrix, lambda xp, a: xp.sort(a.T, axis=None), "copy"),
    "sort method works in place": (matrix, lambda xp, a: a[::-1].sort(), "none"),
    "sort method on a read-only view": (matrix, lambda xp, a: a.diagonal().sort(), "error"),
    "sort with NaN": (
        lambda xp: (xp.asarray([3.0, float("nan"), 1.0]),),
        lambda xp, a: xp.sort(a),
        "copy",
    ),
    "fill": (matrix, lambda xp, a: a[:, 1::2].fill(7), "none"),
    "fill out of range": (ints, lambda xp, a: a.fill(1000), "error"),
}


@pytest.mark.parametrize("case", CASES)
def test_computation_matches_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, op, case).kind == kind


def test_repeated_fancy_increment_adds_once() -> None:
    def op(xp: Any, a: Any) -> None:
        a[[0, 0, 1]] += 10

    assert assert_same_behaviour(ints, op, "a[[0, 0, 1]] += 10").kind == "none"
