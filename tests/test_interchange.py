"""reference_impl.interchange against NumPy: ``from_dlpack`` returns a new array on the
producer's memory whose ``.base`` is the capsule (never the input), or on a fresh 'K'-ordered
copy for ``copy=True``; read-only stays read-only; producers that pass their own ``copy=``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st
from layout_strategies import Recipe, recipes
from numpy_compare import LIBRARIES, Outcome, differences, known_arrays, outcome, run

import reference_impl
from reference_impl import interchange


def ns(xp: Any) -> Any:
    """The namespace under test: NumPy itself, or reference_impl.interchange."""
    return numpy if xp is numpy else interchange


class Producer:
    """A producer that forces its own ``copy=`` on ``__dlpack__``, whatever the consumer asks."""

    def __init__(self, array: Any, copy: bool | None) -> None:
        self.array, self.copy = array, copy

    def __dlpack__(self, **kwargs: Any) -> Any:
        return self.array.__dlpack__(**{**kwargs, "copy": self.copy})

    def __dlpack_device__(self) -> Any:
        return self.array.__dlpack_device__()


def _capsule_as_numpys(o: Outcome) -> Outcome:
    """reference_impl's stand-in capsule, labelled as the ``PyCapsule`` it models."""
    if o.base == "object:Capsule":
        o = replace(o, base="object:PyCapsule")
    return replace(o, items=o.items and tuple(_capsule_as_numpys(i) for i in o.items))


def assert_same_behaviour(build: Any, op: Any, label: str) -> Outcome:
    """`numpy_compare.assert_same_behaviour`, with the capsule's type name aside."""
    __tracebackhide__ = True
    expected, actual = (
        _capsule_as_numpys(outcome(xp, result, known_arrays(xp, inputs)))
        for xp in LIBRARIES
        for result, inputs in [run(xp, build, op)]
    )
    problems = differences(expected, actual)
    assert not problems, f"{label}: " + "; ".join(problems)
    return expected


def matrix(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(12.0).reshape(3, 4)[:, ::-2],)


def read_only(xp: Any) -> tuple[Any, ...]:
    return (xp.broadcast_to(xp.arange(3, dtype=xp.int16), (2, 3)),)


CASES = {
    "from_dlpack is a new view with the capsule as base": (
        matrix,
        lambda m, a: m.from_dlpack(a),
        "view",
    ),
    "from_dlpack copy=False is a view": (matrix, lambda m, a: m.from_dlpack(a, copy=False), "view"),
    "from_dlpack copy=True copies in K order": (
        matrix,
        lambda m, a: m.from_dlpack(a, copy=True),
        "copy",
    ),
    "from_dlpack of a read-only view stays read-only": (
        read_only,
        lambda m, a: m.from_dlpack(a),
        "view",
    ),
    "from_dlpack copy=True of a read-only view is writeable": (
        read_only,
        lambda m, a: m.from_dlpack(a, copy=True),
        "copy",
    ),
    "from_dlpack of a 0-d array": (
        lambda xp: (xp.asarray(2.5),),
        lambda m, a: m.from_dlpack(a),
        "view",
    ),
    "from_dlpack on the cpu device": (matrix, lambda m, a: m.from_dlpack(a, device="cpu"), "view"),
    "from_dlpack on another device raises": (
        matrix,
        lambda m, a: m.from_dlpack(a, device="gpu"),
        "error",
    ),
    "from_dlpack of a list raises": (matrix, lambda m, a: m.from_dlpack([1.0]), "error"),
    "a producer forcing a copy": (matrix, lambda m, a: m.from_dlpack(Producer(a, True)), "copy"),
    "a producer refusing a copy": (matrix, lambda m, a: m.from_dlpack(Producer(a, False)), "view"),
    "a view of the result has the result as base": (
        matrix,
        lambda m, a: m.from_dlpack(a)[1:],
        "view",
    ),
    "__dlpack__ with a stream raises": (matrix, lambda m, a: a.__dlpack__(stream=1), "error"),
    "__dlpack__ to another device raises": (
        matrix,
        lambda m, a: a.__dlpack__(dl_device=(2, 0)),
        "error",
    ),
    "__dlpack_device__ is the cpu": (matrix, lambda m, a: list(a.__dlpack_device__()), "sequence"),
}


@pytest.mark.parametrize("case", CASES)
def test_interchange_matches_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, lambda xp, a: op(ns(xp), a), case).kind == kind


def test_result_base_is_the_capsule_holding_the_exported_array() -> None:
    x = reference_impl.arange(3.0)
    y = interchange.from_dlpack(x)
    assert isinstance(y.base, interchange.Capsule) and y.base.array is x
    assert interchange.from_dlpack(x, copy=True).base.array is not x


@given(recipe=recipes(), copy=st.sampled_from([None, True, False]))
def test_from_dlpack_of_any_layout_matches_numpy(recipe: Recipe, copy: bool | None) -> None:
    assert_same_behaviour(
        recipe.build,
        lambda xp, a: ns(xp).from_dlpack(a, copy=copy),
        f"from_dlpack({recipe!r}, copy={copy})",
    )
