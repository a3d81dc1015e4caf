"""reference_impl's joining, repeating and no-op-form functions against NumPy: which of them
keep the input's axis order, which are always C-ordered, which return a view of a fresh
intermediate (``roll`` with no axis, ``resize``), which hand back the input itself
(``require``, ``real_if_close``, ``to_device``), and NumPy's errors."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from hypothesis import given
from layout_strategies import Recipe, recipes
from numpy_compare import assert_same_behaviour


def matrix(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(12.0).reshape(3, 4),)


def transposed(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(12.0).reshape(3, 4).T,)


def strided(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(24.0).reshape(4, 6)[:, ::2],)


def unsigned(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(6).astype(xp.uint8).reshape(2, 3),)


def complex_close(xp: Any) -> tuple[Any, ...]:
    return ((xp.arange(4.0) + 0j).astype(xp.complex128),)


def zero_d(xp: Any) -> tuple[Any, ...]:
    return (xp.asarray(3.0),)


CASES = {
    "concatenate one array copies in its axis order": (
        transposed,
        lambda xp, a: xp.concatenate([a]),
        "copy",
    ),
    "concat is concatenate": (strided, lambda xp, a: xp.concat([a]), "copy"),
    "concatenate two along axis 1": (matrix, lambda xp, a: xp.concatenate([a, a], axis=1), "copy"),
    "concatenate flattened": (transposed, lambda xp, a: xp.concatenate([a], axis=None), "copy"),
    "concatenate a 0-d array raises": (zero_d, lambda xp, a: xp.concatenate([a]), "error"),
    "tile by ones copies in its axis order": (transposed, lambda xp, a: xp.tile(a, (1, 1)), "copy"),
    "tile by fewer ones": (matrix, lambda xp, a: xp.tile(a, 1), "copy"),
    "tile twice": (strided, lambda xp, a: xp.tile(a, (2, 1)), "copy"),
    "repeat one is C-ordered": (transposed, lambda xp, a: xp.repeat(a, 1, axis=0), "copy"),
    "repeat flattened": (matrix, lambda xp, a: xp.repeat(a, 2), "copy"),
    "repeat per element": (matrix, lambda xp, a: xp.repeat(a, [1, 0, 2], axis=0), "copy"),
    "repeat negative raises": (matrix, lambda xp, a: xp.repeat(a, -1), "error"),
    "roll zero with no axis is a view of a new array": (
        transposed,
        lambda xp, a: xp.roll(a, 0),
        "copy",
    ),
    "roll along an axis": (strided, lambda xp, a: xp.roll(a, 1, axis=0), "copy"),
    "roll along two axes": (matrix, lambda xp, a: xp.roll(a, (1, -1), axis=(0, 1)), "copy"),
    "resize to the same shape": (transposed, lambda xp, a: xp.resize(a, (4, 3)), "copy"),
    "resize larger": (matrix, lambda xp, a: xp.resize(a, (5, 4)), "copy"),
    "resize to empty": (matrix, lambda xp, a: xp.resize(a, (0, 2)), "copy"),
    "rot90 zero turns is a view": (matrix, lambda xp, a: xp.rot90(a, 0), "view"),
    "rot90 once": (matrix, lambda xp, a: xp.rot90(a), "view"),
    "rot90 twice": (matrix, lambda xp, a: xp.rot90(a, 2), "view"),
    "rot90 three times": (matrix, lambda xp, a: xp.rot90(a, 3, axes=(1, 0)), "view"),
    "rot90 of 1-d raises": (lambda xp: (xp.arange(3.0),), lambda xp, a: xp.rot90(a), "error"),
    "require nothing is the input": (strided, lambda xp, a: xp.require(a), "same-object"),
    "require C of a strided array copies": (
        strided,
        lambda xp, a: xp.require(a, requirements="C"),
        "copy",
    ),
    "require C of a C array is the input": (
        matrix,
        lambda xp, a: xp.require(a, requirements=["C", "W"]),
        "same-object",
    ),
    "require both orders raises": (matrix, lambda xp, a: xp.require(a, requirements="CF"), "error"),
    "absolute of unsigned copies": (unsigned, lambda xp, a: xp.abs(a), "copy"),
    "absolute of complex is real": (complex_close, lambda xp, a: xp.absolute(a), "copy"),
    "nan_to_num of ints copies": (unsigned, lambda xp, a: xp.nan_to_num(a), "copy"),
    "nan_to_num of floats copies": (transposed, lambda xp, a: xp.nan_to_num(a), "copy"),
    "nan_to_num in place": (matrix, lambda xp, a: xp.nan_to_num(a, copy=False), "same-object"),
    "nan_to_num of 0-d is a scalar": (zero_d, lambda xp, a: xp.nan_to_num(a), "scalar"),
    "real_if_close of real is the input": (
        matrix,
        lambda xp, a: xp.real_if_close(a),
        "same-object",
    ),
    "real_if_close of close complex is its real view": (
        complex_close,
        lambda xp, a: xp.real_if_close(a),
        "view",
    ),
    "to_device cpu is the input": (matrix, lambda xp, a: a.to_device("cpu"), "same-object"),
    "to_device elsewhere raises": (matrix, lambda xp, a: a.to_device("gpu"), "error"),
    "asarray on its device is the input": (
        matrix,
        lambda xp, a: xp.asarray(a, device=a.device),
        "same-object",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_matches_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, op, case).kind == kind


def test_nan_to_num_replaces_nan_and_infinities_as_numpy() -> None:
    def build(xp: Any) -> tuple[Any, ...]:
        return (xp.asarray([float("nan"), float("inf"), -float("inf"), 1.5]),)

    assert_same_behaviour(build, lambda xp, a: xp.nan_to_num(a), "nan_to_num values")


@given(recipe=recipes(dtypes=("float64", "int8", "complex128")))
def test_no_op_forms_of_any_layout_match_numpy(recipe: Recipe) -> None:
    for name, op in {
        "roll": lambda xp, a: xp.roll(a, 0),
        "tile": lambda xp, a: xp.tile(a, (1,) * a.ndim),
        "resize": lambda xp, a: xp.resize(a, a.shape),
        "require": lambda xp, a: xp.require(a),
        "nan_to_num": lambda xp, a: xp.nan_to_num(a),
    }.items():
        assert_same_behaviour(recipe.build, op, f"{name}({recipe!r})")


@given(recipe=recipes(dtypes=("float64", "uint8")))
def test_concatenate_and_repeat_of_any_layout_match_numpy(recipe: Recipe) -> None:
    numpy_input = recipe.build(numpy)[0]
    if numpy_input.ndim == 0:
        return
    assert_same_behaviour(recipe.build, lambda xp, a: xp.concatenate([a]), f"concat({recipe!r})")
    assert_same_behaviour(
        recipe.build, lambda xp, a: xp.repeat(a, 1, axis=0), f"repeat({recipe!r})"
    )
