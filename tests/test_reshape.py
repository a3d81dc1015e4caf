"""reshape, ravel and flatten against NumPy: when each is a view, a view of a fresh
intermediate, or a fresh copy; ``copy=`` handling; strides of the results."""

from __future__ import annotations

from typing import Any

import pytest
from numpy_compare import assert_same_behaviour


def matrix(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(12.0).reshape(3, 4),)


def matrix_view(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(24.0).reshape(4, 6)[::2, 1:5],)


CASES = {
    "same shape of a strided view keeps its strides": (
        matrix_view,
        lambda xp, a: a.reshape(2, 4),
        "view",
    ),
    "C-contiguous to new shape": (matrix, lambda xp, a: a.reshape(2, 6), "view"),
    "minus one": (matrix, lambda xp, a: a.reshape(-1, 2), "view"),
    "regroupable strided axes": (
        lambda xp: (xp.arange(12.0).reshape(3, 4)[:, ::2],),
        lambda xp, a: a.reshape(6),
        "view",
    ),
    "transposed in F order": (matrix, lambda xp, a: a.T.reshape(12, order="F"), "view"),
    "transposed in C order copies": (matrix, lambda xp, a: a.T.reshape(12), "copy"),
    "C-contiguous in F order copies": (matrix, lambda xp, a: a.reshape(4, 3, order="F"), "copy"),
    "order A of a transposed array": (matrix, lambda xp, a: a.T.reshape(2, 6, order="A"), "view"),
    "copy=True always copies": (matrix, lambda xp, a: a.reshape(12, copy=True), "copy"),
    "copy=False that needs a copy": (matrix, lambda xp, a: a.T.reshape(12, copy=False), "error"),
    "copy=False that does not": (matrix, lambda xp, a: a.reshape(12, copy=False), "view"),
    "function form": (matrix, lambda xp, a: xp.reshape(a, (6, 2)), "view"),
    "order K is refused": (matrix, lambda xp, a: a.reshape(12, order="K"), "error"),
    "wrong size": (matrix, lambda xp, a: a.reshape(5), "error"),
    "two unknowns": (matrix, lambda xp, a: a.reshape(-1, -1), "error"),
    "to 0-d": (lambda xp: (xp.arange(1.0),), lambda xp, a: a.reshape(()), "view"),
    "trailing unit axes": (matrix_view, lambda xp, a: a.reshape(2, 4, 1, 1), "view"),
    "empty array": (lambda xp: (xp.zeros((0, 3)),), lambda xp, a: a.reshape(3, 0), "copy"),
    "ravel of C-contiguous": (matrix, lambda xp, a: a.ravel(), "view"),
    "ravel of a strided view copies": (matrix, lambda xp, a: a[::2].ravel(), "copy"),
    "ravel F of a transposed array": (matrix, lambda xp, a: a.T.ravel("F"), "view"),
    "ravel K of a transposed array": (matrix, lambda xp, a: a.T.ravel("K"), "view"),
    "ravel K of a reversed vector copies in memory order": (
        lambda xp: (xp.arange(3.0),),
        lambda xp, a: a[::-1].ravel("K"),
        "copy",
    ),
    "ravel K of a dense permuted 3-d array": (
        lambda xp: (xp.arange(24.0).reshape(2, 3, 4),),
        lambda xp, a: a.transpose(1, 0, 2).ravel("K"),
        "view",
    ),
    "ravel A": (matrix, lambda xp, a: a.T.ravel("A"), "view"),
    "flatten always copies": (matrix, lambda xp, a: a.flatten(), "copy"),
    "flatten F": (matrix, lambda xp, a: a.flatten("F"), "copy"),
    "flatten K": (matrix_view, lambda xp, a: a.T.flatten("K"), "copy"),
    "ravel function": (matrix, lambda xp, a: xp.ravel(a.T), "copy"),
}


@pytest.mark.parametrize("case", CASES)
def test_reshape_family_matches_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, op, case).kind == kind


def test_copying_reshape_returns_a_view_of_a_fresh_intermediate() -> None:
    import reference_impl as ref

    a = ref.arange(12.0).reshape(3, 4)
    r = a.T.reshape(12)
    assert r.base is not None and r.base is not a.base
    assert not r.flags.owndata and r.base.base is None
    assert not ref.shares_memory(r, a)
