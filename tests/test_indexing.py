"""Indexing against NumPy: views for basic indices, copies for advanced ones, scalars for full
integer indices, NumPy's axis placement for mixed indices, and assignment through each kind."""

from __future__ import annotations

from typing import Any

import pytest
from numpy_compare import assert_same_behaviour


def cube(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(24.0).reshape(2, 3, 4),)


def vector(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(6),)


def zero_d(xp: Any) -> tuple[Any, ...]:
    return (xp.asarray(5.0),)


GET = {
    "slice with negative step": (cube, lambda xp, a: a[1:, ::-2], "view"),
    "empty slice": (vector, lambda xp, a: a[5:5], "copy"),  # shares nothing: it is empty
    "integer leaving axes": (cube, lambda xp, a: a[1], "view"),
    "ellipsis and newaxis": (cube, lambda xp, a: a[..., None, 1], "view"),
    "empty tuple on n-d": (cube, lambda xp, a: a[()], "view"),
    "full integer index": (cube, lambda xp, a: a[1, 2, 3], "scalar"),
    "empty tuple on 0-d": (zero_d, lambda xp, a: a[()], "scalar"),
    "ellipsis on 0-d": (zero_d, lambda xp, a: a[...], "view"),
    "integer list": (cube, lambda xp, a: a[[0, 1, 0]], "copy"),
    "list after a slice": (cube, lambda xp, a: a[:, [0, 2]], "copy"),
    "list after two slices": (cube, lambda xp, a: a[:, :, [0, 2]], "copy"),
    "int and list split by a slice": (cube, lambda xp, a: a[0, :, [0, 1]], "copy"),
    "lists split by a slice": (cube, lambda xp, a: a[[0, 1], :, [0, 1]], "copy"),
    "slice then one-element list": (cube, lambda xp, a: a[1:2, [0]], "copy"),
    "broadcast index arrays": (cube, lambda xp, a: a[[[0], [1]], [[1, 2]]], "copy"),
    "boolean mask of all axes": (cube, lambda xp, a: a[a > 3], "copy"),
    "boolean mask after a slice": (cube, lambda xp, a: a[:, a[0] > 3], "copy"),
    "True adds an axis": (cube, lambda xp, a: a[True], "copy"),
    "False adds an empty axis": (cube, lambda xp, a: a[False], "copy"),
    "True after ellipsis": (vector, lambda xp, a: a[..., True], "copy"),
    "0-d integer array copies": (cube, lambda xp, a: a[xp.asarray(1)], "copy"),
    "0-d integer array as full index": (vector, lambda xp, a: a[xp.asarray(1)], "scalar"),
    "empty list": (cube, lambda xp, a: a[[]], "copy"),
    "index array after newaxis": (cube, lambda xp, a: a[None, [0, 1]], "copy"),
    "ellipsis between lists": (cube, lambda xp, a: a[[0], ..., [1]], "copy"),
    "out of bounds integer": (cube, lambda xp, a: a[5], "error"),
    "out of bounds in a list": (cube, lambda xp, a: a[[0, 7]], "error"),
    "too many indices": (vector, lambda xp, a: a[0, 0], "error"),
    "two ellipses": (vector, lambda xp, a: a[..., ...], "error"),
    "float index": (vector, lambda xp, a: a[1.0], "error"),
    "mask of the wrong length": (vector, lambda xp, a: a[[True, False]], "error"),
    "index arrays that do not broadcast": (cube, lambda xp, a: a[[0, 1], [0, 1, 2]], "error"),
}


@pytest.mark.parametrize("case", GET)
def test_getitem_matches_numpy(case: str) -> None:
    build, op, kind = GET[case]
    assert assert_same_behaviour(build, op, case).kind == kind


def _set(index: Any, value: Any) -> Any:
    def op(xp: Any, a: Any) -> None:
        a[index] = value

    return op


def _fancy_increment(xp: Any, a: Any) -> None:
    a[[0, 0, 2]] += 1


SET = {
    "basic slice": (vector, _set(slice(None, None, 2), 7), "none"),
    "broadcast row": (cube, _set((0, slice(None)), [1.0, 2.0, 3.0, 4.0]), "none"),
    "list with too many axes": (vector, _set(slice(0, 2), [[8, 9]]), "error"),
    "array value with leading unit axes": (
        vector,
        lambda xp, a: a.__setitem__(slice(0, 2), xp.asarray([[8, 9]])),
        "none",
    ),
    "advanced repeated: last write wins": (vector, _set([0, 0], [1, 2]), "none"),
    "fancy after a slice": (cube, _set((slice(None), [0, 2]), [[1.0], [2.0]]), "none"),
    "boolean mask": (cube, lambda xp, a: a.__setitem__(a > 10, 0), "none"),
    "overlapping self-assignment": (
        vector,
        lambda xp, a: a.__setitem__(slice(1, None), a[:-1]),
        "none",
    ),
    "repeated index += adds once": (vector, _fancy_increment, "none"),
    "scalar element from a list": (vector, _set(0, [1]), "error"),
    "python int out of range": (lambda xp: (xp.zeros(3, xp.uint8),), _set(0, 300), "error"),
    "float into int truncates": (vector, _set(1, 2.7), "none"),
    "read-only destination": (
        lambda xp: (xp.broadcast_to(xp.arange(3), (2, 3)),),
        _set(0, 1),
        "error",
    ),
    "shape mismatch": (vector, _set(slice(0, 3), [1, 2]), "error"),
}


@pytest.mark.parametrize("case", SET)
def test_setitem_matches_numpy(case: str) -> None:
    build, op, kind = SET[case]
    assert assert_same_behaviour(build, op, case).kind == kind


NONZERO = {
    "nonzero of a 2-d array": (cube, lambda xp, a: xp.nonzero(a[0] % 5)),
    "nonzero method of a transposed array": (cube, lambda xp, a: (a[0] > 3).T.nonzero()),
    "nonzero of a 1-d array": (vector, lambda xp, a: xp.nonzero(a)),
    "nonzero of an empty array": (cube, lambda xp, a: xp.nonzero(a[:, :0])),
    "nonzero of 0-d": (zero_d, lambda xp, a: xp.nonzero(a)),
    "where with one argument": (cube, lambda xp, a: xp.where(a > 20)),
}


@pytest.mark.parametrize("case", NONZERO)
def test_nonzero_matches_numpy(case: str) -> None:
    build, op = NONZERO[case]
    assert assert_same_behaviour(build, op, case).kind in ("sequence", "error")
