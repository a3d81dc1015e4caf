"""copy, astype, view, .real and .imag against NumPy: orders, copy= rules, itemsize changes."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from numpy_compare import assert_same_behaviour

import reference_impl as rnp


def matrix(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(12.0).reshape(3, 4),)


def complex_matrix(xp: Any) -> tuple[Any, ...]:
    return ((xp.arange(6.0) - 2.5).astype(xp.complex128).reshape(2, 3) * (1 + 2j),)


def zero_d(xp: Any) -> tuple[Any, ...]:
    return (xp.asarray(2.0),)


CASES = {
    "copy method is C order": (matrix, lambda xp, a: a.T.copy(), "copy"),
    "copy method F": (matrix, lambda xp, a: a.copy(order="F"), "copy"),
    "copy method A of transposed": (matrix, lambda xp, a: a.T.copy(order="A"), "copy"),
    "copy method K keeps a permuted order": (
        lambda xp: (xp.arange(24.0).reshape(2, 3, 4),),
        lambda xp, a: a.transpose(1, 2, 0)[:, ::-1].copy(order="K"),
        "copy",
    ),
    "copy function is K order": (matrix, lambda xp, a: xp.copy(a.T), "copy"),
    "astype other dtype": (matrix, lambda xp, a: a.astype(xp.int32), "copy"),
    "astype same dtype copies by default": (matrix, lambda xp, a: a.astype(a.dtype), "copy"),
    "astype same dtype copy=False is the input": (
        matrix,
        lambda xp, a: a.astype(xp.float64, copy=False),
        "same-object",
    ),
    "astype copy=False with order C on transposed copies": (
        matrix,
        lambda xp, a: a.T.astype(xp.float64, copy=False, order="C"),
        "copy",
    ),
    "astype keeps a transposed layout": (matrix, lambda xp, a: a.T.astype(xp.float32), "copy"),
    "astype by string": (matrix, lambda xp, a: a.astype("i2"), "copy"),
    "astype float to unsigned wraps": (
        lambda xp: (xp.arange(-2.0, 2.0),),
        lambda xp, a: a.astype(xp.uint8),
        "copy",
    ),
    "astype complex to real": (complex_matrix, lambda xp, a: a.astype(xp.float64), "copy"),
    "astype to bool": (matrix, lambda xp, a: a.astype(bool), "copy"),
    "view with no dtype": (matrix, lambda xp, a: a.view(), "view"),
    "view same itemsize": (matrix, lambda xp, a: a.view(xp.int64), "view"),
    "view smaller itemsize": (matrix, lambda xp, a: a.view(xp.int32), "view"),
    "view larger itemsize": (
        lambda xp: (xp.arange(8, dtype=xp.int16).reshape(2, 4),),
        lambda xp, a: a.view(xp.int64),
        "view",
    ),
    "view larger itemsize not dividing": (
        lambda xp: (xp.arange(6, dtype=xp.int16),),
        lambda xp, a: a.view(xp.int64),
        "error",
    ),
    "view itemsize change on non-contiguous last axis": (
        matrix,
        lambda xp, a: a[:, ::2].view(xp.int32),
        "error",
    ),
    "view itemsize change of a transposed array": (
        matrix,
        lambda xp, a: a.T.view(xp.float32),
        "error",
    ),
    "view itemsize change of 0-d": (zero_d, lambda xp, a: a.view(xp.int32), "error"),
    "view itemsize change with unit last axis": (
        matrix,
        lambda xp, a: a[:, :1].view(xp.int32),
        "view",
    ),
    "real of complex": (complex_matrix, lambda xp, a: a.real, "view"),
    "imag of complex": (complex_matrix, lambda xp, a: a.imag, "view"),
    "real of a complex view": (complex_matrix, lambda xp, a: a.T[::-1].real, "view"),
    "real of real is the input": (matrix, lambda xp, a: a.real, "same-object"),
    "imag of real is read-only zeros": (matrix, lambda xp, a: a.imag, "copy"),
    "imag of transposed real": (matrix, lambda xp, a: a.T.imag, "copy"),
    "complex64 parts": (lambda xp: (xp.ones(3, dtype=xp.complex64),), lambda xp, a: a.imag, "view"),
}


@pytest.mark.parametrize("case", CASES)
def test_conversion_matches_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, op, case).kind == kind


def test_writing_through_real_view_changes_the_complex_array() -> None:
    def op(xp: Any, a: Any) -> None:
        a.real[0, 0] = 42.0
        a.imag[1] = -1.0

    assert assert_same_behaviour(complex_matrix, op, "write parts").kind == "none"


@pytest.mark.parametrize("target", ["bool", "int8", "uint16", "float32", "float64", "complex64"])
def test_complex_to_real_casts_warn_as_numpy_does(target: str) -> None:
    import warnings

    def categories(module: object) -> list[str]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            module.ones(3, dtype="complex128").astype(target)  # type: ignore[attr-defined]
        return [w.category.__name__ for w in caught]

    assert categories(rnp) == categories(np)
    assert issubclass(rnp.exceptions.ComplexWarning, RuntimeWarning)
