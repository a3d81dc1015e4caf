"""Named functions against NumPy: elementwise copies (floor, clip, positive, ...), out=, the
view ``flip``, ``real``/``imag`` functions, and the reductions ``sum`` and ``max``."""

from __future__ import annotations

from typing import Any

import pytest
from numpy_compare import assert_same_behaviour


def floats(xp: Any) -> tuple[Any, ...]:
    return ((xp.arange(24.0).reshape(2, 3, 4) * 0.5 - 3).transpose(2, 0, 1),)


def ints(xp: Any) -> tuple[Any, ...]:
    return ((xp.arange(6, dtype=xp.int8) - 3).reshape(2, 3).T,)


CASES = {
    "floor of floats": (floats, lambda xp, a: xp.floor(a), "copy"),
    "floor of ints keeps the type": (ints, lambda xp, a: xp.floor(a), "copy"),
    "ceil": (floats, lambda xp, a: xp.ceil(a[:, ::-1]), "copy"),
    "trunc": (floats, lambda xp, a: xp.trunc(a), "copy"),
    "round half to even": (floats, lambda xp, a: xp.round(a), "copy"),
    "round of ints": (ints, lambda xp, a: xp.round(a), "copy"),
    "positive copies": (ints, lambda xp, a: xp.positive(a), "copy"),
    "negative": (floats, lambda xp, a: xp.negative(a), "copy"),
    "conj of real copies": (floats, lambda xp, a: xp.conj(a), "copy"),
    "conj of complex": (floats, lambda xp, a: xp.conj(a.astype(xp.complex64) * 1j), "copy"),
    "real function of a real array is the array": (floats, lambda xp, a: xp.real(a),
                                                   "same-object"),
    "imag function of a real array": (floats, lambda xp, a: xp.imag(a), "copy"),
    "clip": (floats, lambda xp, a: xp.clip(a, -1, 2), "copy"),
    "clip of ints with float bounds": (ints, lambda xp, a: xp.clip(a, -1.5, 1), "copy"),
    "minimum": (floats, lambda xp, a: xp.minimum(a, a[::-1]), "copy"),
    "maximum with a scalar": (ints, lambda xp, a: xp.maximum(a, 0), "copy"),
    "add": (ints, lambda xp, a: xp.add(a, a), "copy"),
    "add into out": (floats, lambda xp, a: xp.add(a, 1, out=a), "same-object"),
    "multiply": (ints, lambda xp, a: xp.multiply(a, 3), "copy"),
    "subtract": (floats, lambda xp, a: xp.subtract(1, a), "copy"),
    "flip all axes": (floats, lambda xp, a: xp.flip(a), "view"),
    "flip one axis": (floats, lambda xp, a: xp.flip(a, 1), "view"),
    "flip negative axis": (ints, lambda xp, a: xp.flip(a, -1), "view"),
    "flip an empty axis": (floats, lambda xp, a: xp.flip(a[:0], 0), "copy"),
    "sum over no axes copies": (floats, lambda xp, a: xp.sum(a, axis=()), "copy"),
    "sum over one axis": (floats, lambda xp, a: xp.sum(a, axis=1), "copy"),
    "sum over two axes": (floats, lambda xp, a: xp.sum(a, axis=(0, 2)), "copy"),
    "sum keepdims": (floats, lambda xp, a: xp.sum(a, axis=1, keepdims=True), "copy"),
    "sum of small ints widens": (ints, lambda xp, a: xp.sum(a, axis=0), "copy"),
    "sum of everything is a scalar": (ints, lambda xp, a: xp.sum(a), "scalar"),
    "max keepdims": (floats, lambda xp, a: xp.max(a, axis=0, keepdims=True), "copy"),
    "max of everything": (floats, lambda xp, a: xp.max(a), "scalar"),
    "max of an empty array": (floats, lambda xp, a: xp.max(a[:0]), "error"),
    "sum of an empty axis": (floats, lambda xp, a: xp.sum(a[:, :0], axis=1), "copy"),
}


@pytest.mark.parametrize("case", CASES)
def test_functions_match_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, op, case).kind == kind
