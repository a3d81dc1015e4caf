"""reference_impl.flip against NumPy: views with negated strides, ``.base`` collapsed to the
owner, a scalar for a 0-d input, NumPy's errors for bad axes."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from hypothesis import given
from layout_strategies import Recipe, recipes
from numpy_compare import assert_same_behaviour

from reference_impl import flipping


def ns(xp: Any) -> Any:
    """The namespace under test: NumPy itself, or reference_impl.flipping."""
    return numpy if xp is numpy else flipping


def matrix(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(12.0).reshape(3, 4)[:, 1:],)


CASES = {
    "flip all axes is a view": (matrix, lambda m, a: m.flip(a), "view"),
    "flip one axis": (matrix, lambda m, a: m.flip(a, 1), "view"),
    "flip a negative axis": (matrix, lambda m, a: m.flip(a, -2), "view"),
    "flip a tuple of axes": (matrix, lambda m, a: m.flip(a, (0, 1)), "view"),
    "flip no axes is a new view": (matrix, lambda m, a: m.flip(a, ()), "view"),
    "flip a flipped view": (matrix, lambda m, a: m.flip(a[::-1]), "view"),
    "flip an empty axis": (matrix, lambda m, a: m.flip(a[:0], 0), "copy"),
    "flip a repeated axis raises": (matrix, lambda m, a: m.flip(a, (0, 0)), "error"),
    "flip an axis out of bounds raises": (matrix, lambda m, a: m.flip(a, 2), "error"),
    "flip a 0-d array gives its scalar": (
        lambda xp: (xp.asarray(3.0),),
        lambda m, a: m.flip(a),
        "scalar",
    ),
    "flip a list": (matrix, lambda m, a: m.flip([1, 2, 3]), "copy"),
    "fliplr": (matrix, lambda m, a: m.fliplr(a), "view"),
    "fliplr of 1-d raises": (matrix, lambda m, a: m.fliplr(a[0]), "error"),
    "flipud": (matrix, lambda m, a: m.flipud(a), "view"),
    "flipud of 0-d raises": (lambda xp: (xp.asarray(3.0),), lambda m, a: m.flipud(a), "error"),
}


@pytest.mark.parametrize("case", CASES)
def test_flip_matches_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, lambda xp, a: op(ns(xp), a), case).kind == kind


@given(recipe=recipes(dtypes=("float64", "int8")))
def test_flip_of_any_layout_matches_numpy(recipe: Recipe) -> None:
    assert_same_behaviour(recipe.build, lambda xp, a: ns(xp).flip(a), f"flip({recipe!r})")
