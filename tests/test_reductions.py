"""reference_impl.reductions against NumPy: a fresh result even over no axes or length-1 axes,
laid out in the input's axis order, small integers widened, NaN and empty reductions, and a
scalar for a 0-d result."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st
from layout_strategies import Recipe, recipes
from numpy_compare import assert_same_behaviour

from reference_impl import reductions


def ns(xp: Any) -> Any:
    """The namespace under test: NumPy itself, or reference_impl's reductions module."""
    return numpy if xp is numpy else reductions


def floats(xp: Any) -> tuple[Any, ...]:
    return ((xp.arange(24.0).reshape(2, 3, 4) * 0.5 - 3.25).transpose(2, 0, 1),)


def unit(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(6.0).reshape(3, 1, 2)[::-1],)


def ints(xp: Any) -> tuple[Any, ...]:
    return ((xp.arange(6, dtype=xp.int8) * 50).reshape(2, 3).T,)


def specials(xp: Any) -> tuple[Any, ...]:
    nan = float("nan")
    return (xp.asarray([[1.0, nan, 3.0], [4.0, 5.0, -6.0]]),)


def complexes(xp: Any) -> tuple[Any, ...]:
    return (xp.asarray([[1 + 2j, 1 - 3j], [-1 + 9j, 1 + 2j]]),)


def empty(xp: Any) -> tuple[Any, ...]:
    return (xp.zeros((0, 3)),)


CASES = {
    "sum over no axes copies": (floats, lambda m, a: m.sum(a, axis=()), "copy"),
    "sum over a length-1 axis with keepdims copies": (
        unit,
        lambda m, a: m.sum(a, axis=1, keepdims=True),
        "copy",
    ),
    "max over a length-1 axis with keepdims copies": (
        unit,
        lambda m, a: m.max(a, axis=1, keepdims=True),
        "copy",
    ),
    "sum over one axis": (floats, lambda m, a: m.sum(a, axis=1), "copy"),
    "sum over a negative axis": (floats, lambda m, a: m.sum(a, axis=-1), "copy"),
    "sum over two axes keeps the input's order": (
        floats,
        lambda m, a: m.sum(a, axis=(0, 2), keepdims=True),
        "copy",
    ),
    "sum of everything is a scalar": (floats, lambda m, a: m.sum(a), "scalar"),
    "sum with keepdims of everything": (floats, lambda m, a: m.sum(a, keepdims=True), "copy"),
    "sum of int8 widens to int64": (ints, lambda m, a: m.sum(a, axis=0), "copy"),
    "sum of int8 over no axes widens": (ints, lambda m, a: m.sum(a, axis=()), "copy"),
    "sum with a dtype wraps": (ints, lambda m, a: m.sum(a, axis=0, dtype="int8"), "copy"),
    "sum of uint8 widens to uint64": (
        lambda xp: (xp.asarray([200, 200], dtype=xp.uint8),),
        lambda m, a: m.sum(a),
        "scalar",
    ),
    "sum of bools counts": (
        lambda xp: (xp.asarray([[True, False], [True, True]]),),
        lambda m, a: m.sum(a, axis=0),
        "copy",
    ),
    "sum of float32 stays float32": (
        lambda xp: (xp.asarray([0.1, 0.2, 0.3], dtype="f4"),),
        lambda m, a: m.sum(a, keepdims=True),
        "copy",
    ),
    "sum of complex": (complexes, lambda m, a: m.sum(a, axis=1), "copy"),
    "sum of an empty axis is zero": (empty, lambda m, a: m.sum(a, axis=0), "copy"),
    "sum along a non-empty axis of an empty array": (
        empty,
        lambda m, a: m.sum(a, axis=1, keepdims=True),
        "copy",
    ),
    "sum over no axes of an empty array": (empty, lambda m, a: m.sum(a, axis=()), "copy"),
    "sum of a 0-d array over no axes is a scalar": (
        lambda xp: (xp.asarray(2.5),),
        lambda m, a: m.sum(a, axis=()),
        "scalar",
    ),
    "sum of a 0-d array over axis 0": (
        lambda xp: (xp.asarray(2.5),),
        lambda m, a: m.sum(a, axis=-1, keepdims=True),
        "scalar",
    ),
    "max of a 0-d array over axis (0,) raises": (
        lambda xp: (xp.asarray(2.5),),
        lambda m, a: m.max(a, axis=(0,)),
        "error",
    ),
    "sum with a repeated axis raises": (floats, lambda m, a: m.sum(a, axis=(0, 0)), "error"),
    "sum with an axis out of bounds raises": (floats, lambda m, a: m.sum(a, axis=3), "error"),
    "prod": (ints, lambda m, a: m.prod(a, axis=1), "copy"),
    "max propagates NaN": (specials, lambda m, a: m.max(a, axis=1), "copy"),
    "min propagates NaN": (specials, lambda m, a: m.min(a, axis=0), "copy"),
    "max of everything is a scalar": (specials, lambda m, a: m.max(a[1]), "scalar"),
    "max of complex is lexicographic": (complexes, lambda m, a: m.max(a, axis=0), "copy"),
    "min of complex is lexicographic": (complexes, lambda m, a: m.min(a), "scalar"),
    "max over an empty axis raises": (empty, lambda m, a: m.max(a, axis=0), "error"),
    "max along a non-empty axis of an empty array": (empty, lambda m, a: m.max(a, axis=1), "copy"),
    "max over no axes of an empty array": (empty, lambda m, a: m.max(a, axis=()), "copy"),
    "amax is max": (floats, lambda m, a: m.amax(a, axis=0), "copy"),
    "sum method over no axes copies": (floats, lambda m, a: a.sum(axis=()), "copy"),
    "sum method with positional keepdims": (unit, lambda m, a: a.sum(1, None, None, True), "copy"),
    "max method": (unit, lambda m, a: a.max(1, keepdims=True), "copy"),
    "min method of everything": (ints, lambda m, a: a.min(), "scalar"),
    "prod method": (ints, lambda m, a: a.prod(axis=0), "copy"),
}


@pytest.mark.parametrize("case", CASES)
def test_reduction_matches_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, lambda xp, a: op(ns(xp), a), case).kind == kind


@given(recipe=recipes(), data=st.data())
def test_reductions_on_any_layout_match_numpy(recipe: Recipe, data: st.DataObject) -> None:
    ndim = len(recipe.build(numpy)[0].shape)
    n = max(ndim, 1)  # a lone integer axis 0 or -1 is allowed on 0-d input too
    axes = data.draw(
        st.one_of(
            st.none(),
            st.integers(-n, n - 1),
            st.lists(st.integers(-ndim, max(ndim - 1, 0)), max_size=ndim, unique=True).map(tuple),
        ),
        label="axis",
    )
    keepdims = data.draw(st.booleans(), label="keepdims")
    name = data.draw(st.sampled_from(["sum", "max"]), label="reduction")

    def op(xp: Any, a: Any) -> Any:
        return getattr(ns(xp), name)(a, axis=axes, keepdims=keepdims)

    assert_same_behaviour(recipe.build, op, f"{name}({recipe!r}, axis={axes}, {keepdims=})")
