"""Axis manipulations against NumPy: transpose, swapaxes, moveaxis, squeeze, expand_dims,
atleast_*d, split, broadcast_to and diagonal (views, read-only views, or the input itself)."""

from __future__ import annotations

from typing import Any

import pytest
from numpy_compare import assert_same_behaviour


def cube(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(24.0).reshape(2, 3, 4),)


def matrix(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(12).reshape(3, 4),)


def zero_d(xp: Any) -> tuple[Any, ...]:
    return (xp.asarray(3.0),)


def vector(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(5),)


CASES = {
    ".T": (cube, lambda xp, a: a.T, "view"),
    "transpose with axes": (cube, lambda xp, a: a.transpose(1, 0, 2), "view"),
    "transpose function": (cube, lambda xp, a: xp.transpose(a, (2, 0, 1)), "view"),
    "transpose repeated axis": (cube, lambda xp, a: a.transpose(0, 0, 1), "error"),
    ".T of 0-d": (zero_d, lambda xp, a: a.T, "view"),
    ".mT": (cube, lambda xp, a: a.mT, "view"),
    ".mT of 1-d": (vector, lambda xp, a: a.mT, "error"),
    "swapaxes": (cube, lambda xp, a: a.swapaxes(0, -1), "view"),
    "swapaxes out of range": (cube, lambda xp, a: a.swapaxes(0, 3), "error"),
    "moveaxis": (cube, lambda xp, a: xp.moveaxis(a, 0, -1), "view"),
    "moveaxis several": (cube, lambda xp, a: xp.moveaxis(a, [0, 1], [2, 0]), "view"),
    "squeeze with nothing to squeeze": (matrix, lambda xp, a: a.squeeze(), "same-object"),
    "squeeze unit axes": (matrix, lambda xp, a: a[:, None, :1].squeeze(), "view"),
    "squeeze chosen axis": (matrix, lambda xp, a: xp.squeeze(a[None], axis=0), "view"),
    "squeeze non-unit axis": (matrix, lambda xp, a: a.squeeze(axis=0), "error"),
    "squeeze 0-d with axis 0": (zero_d, lambda xp, a: xp.squeeze(a, axis=0), "same-object"),
    "expand_dims": (matrix, lambda xp, a: xp.expand_dims(a, 1), "view"),
    "expand_dims of strided": (matrix, lambda xp, a: xp.expand_dims(a[:, ::2], (0, -1)), "view"),
    "atleast_1d of 0-d": (zero_d, lambda xp, a: xp.atleast_1d(a), "view"),
    "atleast_1d of 2-d is the input": (matrix, lambda xp, a: xp.atleast_1d(a), "same-object"),
    "atleast_2d of 1-d": (vector, lambda xp, a: xp.atleast_2d(a), "view"),
    "atleast_2d of 0-d": (zero_d, lambda xp, a: xp.atleast_2d(a), "view"),
    "atleast_3d of 1-d": (vector, lambda xp, a: xp.atleast_3d(a), "view"),
    "atleast_3d of 2-d": (matrix, lambda xp, a: xp.atleast_3d(a), "view"),
    "atleast_2d of two arrays": (matrix, lambda xp, a: xp.atleast_2d(a, a[0]), "sequence"),
    "split equal": (matrix, lambda xp, a: xp.split(a, 2, axis=1), "sequence"),
    "split unequal": (matrix, lambda xp, a: xp.split(a, 3, axis=1), "error"),
    "array_split unequal": (matrix, lambda xp, a: xp.array_split(a, 3, axis=1), "sequence"),
    "split at indices": (vector, lambda xp, a: xp.split(a, [1, 3]), "sequence"),
    "broadcast_to new axes": (matrix, lambda xp, a: xp.broadcast_to(a, (2, 3, 4)), "view"),
    "broadcast_to same shape": (matrix, lambda xp, a: xp.broadcast_to(a, (3, 4)), "view"),
    "broadcast_to stretches unit axes": (
        matrix,
        lambda xp, a: xp.broadcast_to(a[:, :1], (3, 5)),
        "view",
    ),
    "broadcast_to incompatible": (matrix, lambda xp, a: xp.broadcast_to(a, (3, 5)), "error"),
    "broadcast_to of a Python scalar": (vector, lambda xp, a: xp.broadcast_to(3.0, (2,)), "copy"),
    "diagonal": (matrix, lambda xp, a: a.diagonal(), "view"),
    "diagonal with offset": (matrix, lambda xp, a: a.diagonal(1), "view"),
    "diagonal with negative offset": (matrix, lambda xp, a: xp.diagonal(a, -2), "view"),
    # Empty, so it shares no byte (still a read-only view with base set, compared too).
    "diagonal past the edge": (matrix, lambda xp, a: a.diagonal(7), "copy"),
    "diagonal of 3-d axes": (cube, lambda xp, a: a.diagonal(0, 1, 2), "view"),
}


@pytest.mark.parametrize("case", CASES)
def test_manipulation_matches_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, op, case).kind == kind


@pytest.mark.parametrize("case", ["broadcast_to", "diagonal"])
def test_read_only_views_refuse_writes(case: str) -> None:
    def op(xp: Any, a: Any) -> None:
        view = xp.broadcast_to(a, (2, 3, 4)) if case == "broadcast_to" else a.diagonal()
        view[...] = 0

    assert assert_same_behaviour(matrix, op, case).kind == "error"
