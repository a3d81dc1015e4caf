"""The array object's own syntax: indexing, assignment, operators, ``.T`` and ``.mT``.

The Array API standard spells all of these (its indexing page and the array object's methods),
so they run on every backend whatever namespaces its adapter offers (``Api.SYNTAX``): basic
slicing, ``...`` and ``None``, integer, integer-array and boolean-mask indexing, ``__setitem__``
through each of those, unary and binary operators and in-place operators. Where an expression
indexes the first axis of an array of any rank it is spelt as the standard requires, with
every axis accounted for (``x[::2, ...]``, not ``x[::2]``); NumPy gives both the same meaning,
and :mod:`~conformance.model.ops_numpy` keeps NumPy's shorter spelling, which libraries such as
pandas accept where they refuse the standard's.

Assignments and in-place operators are statements on ``y = x``: the result is the original
itself, so its values (compared with reference_impl's) say whether and how the original
changed. 100 is in no input, so every such assignment changes a value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conformance.model.operations import Operation
from conformance.model.predicates import (
    Pred,
    all_of,
    any_dtype,
    f64,
    first_element,
    has_elements,
    integer,
    nd,
    nonempty,
    numeric,
    one_d,
    op,
    real_numeric,
)
from conformance.vocabulary import Api, Rule

SYN = Api.SYNTAX


def _two_d_with_two_columns(o: Any) -> bool:
    return len(o.shape) == 2 and o.shape[0] >= 1 and o.shape[1] >= 2


def _int_or_bool(o: Any) -> bool:
    return o.dtype == "bool" or integer(o)


def _float(o: Any) -> bool:
    return o.dtype.startswith("float")


# -- statements: assignment and in-place operators rebind or mutate ``y`` ---------------------


def _iadd_one(xp: Any, x: Any) -> Any:
    y = x
    y += 1
    return y


def _isub_one(xp: Any, x: Any) -> Any:
    y = x
    y -= 1
    return y


def _imul_two(xp: Any, x: Any) -> Any:
    y = x
    y *= 2
    return y


def _itruediv_two(xp: Any, x: Any) -> Any:
    y = x
    y /= 2
    return y


def _iadd_self(xp: Any, x: Any) -> Any:
    y = x
    y += y
    return y


def _iadd_shifted(xp: Any, x: Any) -> Any:
    y = x
    y[1:] += y[:-1]
    return y


def _setitem_all(xp: Any, x: Any) -> Any:
    y = x
    y[...] = 1
    return y


def _setitem_first(xp: Any, x: Any, key: tuple[int, ...]) -> Any:
    y = x
    y[key] = 1
    return y


def _setitem_shifted(xp: Any, x: Any) -> Any:
    y = x
    y[1:] = y[:-1]
    return y


def _setitem_step(xp: Any, x: Any) -> Any:
    y = x
    y[::2, ...] = 100
    return y


def _setitem_reversed_self(xp: Any, x: Any) -> Any:
    y = x
    y[...] = y[::-1, ...]
    return y


def _setitem_int_array(xp: Any, x: Any) -> Any:
    y = x
    y[xp.asarray([0, -1])] = 100
    return y


def _setitem_bool_mask(xp: Any, x: Any) -> Any:
    y = x
    y[y == y] = 100
    return y


def _statement(
    id: str,
    category: str,
    source: str,
    apply: Callable[..., Any],
    applies: Pred,
    rule: Rule | None,
    **kw: Any,
) -> Operation:
    """``y = x`` then ``source``: an assignment or in-place operator whose values matter."""
    return Operation(
        id,
        category,
        SYN,
        "{y} = {x}\n" + source,
        apply,
        applies,
        rule=rule,
        statement=True,
        values_matter=True,
        **kw,
    )


#: The array object's syntax, in the order results list it.
OPERATIONS: tuple[Operation, ...] = (
    # basic indexing
    op(
        "xp-index-step",
        "indexing",
        SYN,
        "{x}[::2, ...]",
        lambda xp, x: x[::2, ...],
        all_of(f64, nd(1)),
    ),
    op(
        "xp-index-reverse",
        "indexing",
        SYN,
        "{x}[::-1, ...]",
        lambda xp, x: x[::-1, ...],
        all_of(f64, nd(1)),
    ),
    op(
        "xp-index-empty-slice",
        "indexing",
        SYN,
        "{x}[1:1, ...]",
        lambda xp, x: x[1:1, ...],
        all_of(f64, nd(1)),
    ),
    op(
        "index-first",
        "indexing",
        SYN,
        "{x}[0, ...]",
        lambda xp, x: x[0, ...],
        all_of(f64, nonempty),
    ),
    op(
        "index-int-every-axis",
        "indexing",
        SYN,
        "{x}[{key}]",
        lambda xp, x, key: x[key],
        all_of(f64, nonempty),
        params=first_element,
    ),
    op("index-ellipsis", "indexing", SYN, "{x}[...]", lambda xp, x: x[...]),
    op("xp-index-newaxis", "indexing", SYN, "{x}[None, ...]", lambda xp, x: x[None, ...]),
    op("index-empty-tuple", "indexing", SYN, "{x}[()]", lambda xp, x: x[()]),
    op(
        "index-last-axis",
        "indexing",
        SYN,
        "{x}[..., 1:]",
        lambda xp, x: x[..., 1:],
        all_of(f64, nd(1)),
    ),
    # integer-array and boolean-mask indexing
    op(
        "index-int-array",
        "advanced-indexing",
        SYN,
        "{x}[{xp}.asarray([0])]",
        lambda xp, x: x[xp.asarray([0])],
        all_of(f64, nonempty),
    ),
    op(
        "index-int-arrays-2d",
        "advanced-indexing",
        SYN,
        "{x}[{xp}.asarray([0, 0]), {xp}.asarray([1, 0])]",
        lambda xp, x: x[xp.asarray([0, 0]), xp.asarray([1, 0])],
        all_of(f64, _two_d_with_two_columns),
    ),
    op(
        "index-zero-d-int-array",
        "advanced-indexing",
        SYN,
        "{x}[{xp}.asarray(0)]",
        lambda xp, x: x[xp.asarray(0)],
        all_of(f64, nonempty),
    ),
    op("index-bool-mask", "advanced-indexing", SYN, "{x}[{x} == {x}]", lambda xp, x: x[x == x]),
    # transposes
    op("T", "transpose", SYN, "{x}.T", lambda xp, x: x.T),
    op("mT", "transpose", SYN, "{x}.mT", lambda xp, x: x.mT, all_of(f64, nd(2))),
    # operators: always a new array
    op("add-zero", "arithmetic", SYN, "{x} + 0", lambda xp, x: x + 0, numeric),
    op("sub-zero", "arithmetic", SYN, "{x} - 0", lambda xp, x: x - 0, numeric),
    op("mul-one", "arithmetic", SYN, "{x} * 1", lambda xp, x: x * 1, numeric),
    op("unary-plus", "arithmetic", SYN, "+{x}", lambda xp, x: +x, numeric),
    op("negative", "arithmetic", SYN, "-{x}", lambda xp, x: -x, numeric),
    op("abs", "arithmetic", SYN, "abs({x})", lambda xp, x: abs(x), real_numeric),
    op("invert", "arithmetic", SYN, "~{x}", lambda xp, x: ~x, _int_or_bool),
    op("equal-self", "arithmetic", SYN, "{x} == {x}", lambda xp, x: x == x, any_dtype),
    # in-place operators: the standard's rule on dtype, shape and values
    _statement("iadd-one", "in-place", "{y} += 1", _iadd_one, numeric, Rule.IN_PLACE),
    _statement("isub-one", "in-place", "{y} -= 1", _isub_one, numeric, Rule.IN_PLACE),
    _statement("imul-two", "in-place", "{y} *= 2", _imul_two, numeric, Rule.IN_PLACE),
    _statement("itruediv-two", "in-place", "{y} /= 2", _itruediv_two, _float, Rule.IN_PLACE),
    _statement("iadd-self", "in-place", "{y} += {y}", _iadd_self, numeric, Rule.IN_PLACE),
    _statement(
        "iadd-overlapping",
        "in-place",
        "{y}[1:] += {y}[:-1]",
        _iadd_shifted,
        all_of(numeric, one_d, nonempty),
        Rule.IN_PLACE,
    ),
    # __setitem__: through ..., an integer key, slices, a mask, an integer array
    _statement("setitem-all", "setitem", "{y}[...] = 1", _setitem_all, numeric, Rule.SETITEM),
    _statement(
        "setitem-one",
        "setitem",
        "{y}[{key}] = 1",
        _setitem_first,
        all_of(numeric, nonempty),
        Rule.SETITEM,
        params=first_element,
    ),
    _statement(
        "setitem-step",
        "setitem",
        "{y}[::2, ...] = 100",
        _setitem_step,
        all_of(numeric, nonempty),
        Rule.SETITEM,
    ),
    _statement(
        "setitem-overlapping",
        "setitem",
        "{y}[1:] = {y}[:-1]",
        _setitem_shifted,
        all_of(f64, one_d, nonempty),
        Rule.SETITEM,
    ),
    _statement(
        "setitem-reversed-self",
        "setitem",
        "{y}[...] = {y}[::-1, ...]",
        _setitem_reversed_self,
        all_of(f64, nonempty),
        Rule.SETITEM,
    ),
    _statement(
        "setitem-bool-mask",
        "setitem",
        "{y}[{y} == {y}] = 100",
        _setitem_bool_mask,
        all_of(numeric, has_elements),
        Rule.SETITEM,
        chainable=False,
    ),
    # Note: the standard requires integer-array indexing for reading only; writing through
    # an integer array is observed and compared with NumPy, but no array-api rule applies.
    _statement(
        "setitem-int-array",
        "setitem",
        "{y}[{xp}.asarray([0, -1])] = 100",
        _setitem_int_array,
        all_of(numeric, nonempty),
        None,
        chainable=False,
    ),
)
