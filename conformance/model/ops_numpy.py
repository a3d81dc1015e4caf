"""NumPy's own surface: functions and methods with NumPy's names and NumPy-only spellings.

These run through an adapter's NumPy-style namespace (``Api.NUMPY``); a library without one
records them as not-applicable. Indexing and operators that the Array API standard can spell
live in :mod:`conformance.model.ops_syntax` instead, so that they run on every backend.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conformance.model.operations import Operation
from conformance.model.predicates import (
    Pred,
    all_of,
    any_dtype,
    broadcast_shape,
    f64,
    integer,
    long_first_axis,
    nd,
    nonempty,
    numeric,
    op,
    other_dtype,
    same_dtype,
    same_shape,
)
from conformance.vocabulary import Api

NP = Api.NUMPY


def _setitem_int_list(xp: Any, x: Any) -> Any:
    y = x
    y[[0, -1]] = 100
    return y


def _iadd_repeated_index(xp: Any, x: Any) -> Any:
    y = x
    y[[0, 0]] += 1
    return y


def _sort_in_place(xp: Any, x: Any) -> Any:
    y = x
    y.sort()
    return y


def _assign(id: str, statement: str, apply: Callable[..., Any], applies: Pred) -> Operation:
    """Assignment through an advanced index of ``y = x``: the result is the original itself,
    so its values (compared with reference_impl's) say whether and how the original changed.

    100 is in no input, so every assignment changes a value; bool inputs are left out
    (``+= 1`` on bool raises in NumPy too). They are not chainable, so that adding them left
    the derandomized chains, and the deviation entries naming generated cases, as they were.
    """
    return Operation(
        id,
        "setitem",
        NP,
        "{y} = {x}\n" + statement,
        apply,
        applies,
        statement=True,
        values_matter=True,
        chainable=False,
    )


#: NumPy's surface, in the order results list it.
OPERATIONS: tuple[Operation, ...] = (
    # basic indexing in NumPy's short spelling (the standard's is in ops_syntax)
    op("index-step", "indexing", NP, "{x}[::2]", lambda xp, x: x[::2], all_of(f64, nd(1))),
    op("index-reverse", "indexing", NP, "{x}[::-1]", lambda xp, x: x[::-1], all_of(f64, nd(1))),
    op("index-empty-slice", "indexing", NP, "{x}[1:1]", lambda xp, x: x[1:1], all_of(f64, nd(1))),
    op("index-newaxis", "indexing", NP, "{x}[None]", lambda xp, x: x[None]),
    op("index-int", "indexing", NP, "{x}[0]", lambda xp, x: x[0], all_of(f64, nonempty)),
    op(
        "index-int-list",
        "advanced-indexing",
        NP,
        "{x}[[0, 0]]",
        lambda xp, x: x[[0, 0]],
        all_of(f64, nonempty),
    ),
    op("index-true", "advanced-indexing", NP, "{x}[True]", lambda xp, x: x[True]),
    op(
        "index-slice-then-list",
        "advanced-indexing",
        NP,
        "{x}[:, [0]]",
        lambda xp, x: x[:, [0]],
        all_of(f64, nd(2), nonempty),
    ),
    op(
        "index-mixed",
        "advanced-indexing",
        NP,
        "{x}[1:, [0]]",
        lambda xp, x: x[1:, [0]],
        all_of(f64, nd(2), nonempty),
    ),
    _assign("setitem-int-list", "{y}[[0, -1]] = 100", _setitem_int_list, all_of(numeric, nonempty)),
    _assign(
        "setitem-repeated-index",
        "{y}[[0, 0]] += 1",
        _iadd_repeated_index,
        all_of(numeric, nonempty),
    ),
    op(
        "reshape-same",
        "shape",
        NP,
        "{x}.reshape({shape})",
        lambda xp, x, shape: x.reshape(shape),
        params=same_shape,
    ),
    op("reshape-flat", "shape", NP, "{x}.reshape(-1)", lambda xp, x: x.reshape(-1)),
    op(
        "reshape-flat-F",
        "shape",
        NP,
        "{x}.reshape(-1, order='F')",
        lambda xp, x: x.reshape(-1, order="F"),
    ),
    op("reshape-column", "shape", NP, "{x}.reshape(-1, 1)", lambda xp, x: x.reshape(-1, 1)),
    op(
        "reshape-flat-copy-false",
        "shape",
        NP,
        "{x}.reshape(-1, copy=False)",
        lambda xp, x: x.reshape(-1, copy=False),
    ),
    op("ravel", "shape", NP, "{x}.ravel()", lambda xp, x: x.ravel()),
    op("ravel-F", "shape", NP, "{x}.ravel('F')", lambda xp, x: x.ravel("F")),
    op("ravel-K", "shape", NP, "{x}.ravel('K')", lambda xp, x: x.ravel("K")),
    op("ravel-A", "shape", NP, "{x}.ravel('A')", lambda xp, x: x.ravel("A")),
    op("flatten", "shape", NP, "{x}.flatten()", lambda xp, x: x.flatten()),
    op("squeeze", "shape", NP, "{x}.squeeze()", lambda xp, x: x.squeeze()),
    op("expand-dims", "shape", NP, "{xp}.expand_dims({x}, 0)", lambda xp, x: xp.expand_dims(x, 0)),
    op("atleast-1d", "shape", NP, "{xp}.atleast_1d({x})", lambda xp, x: xp.atleast_1d(x)),
    op("atleast-2d", "shape", NP, "{xp}.atleast_2d({x})", lambda xp, x: xp.atleast_2d(x)),
    op("atleast-3d", "shape", NP, "{xp}.atleast_3d({x})", lambda xp, x: xp.atleast_3d(x)),
    op(
        "split-first",
        "shape",
        NP,
        "{xp}.split({x}, [1])[0]",
        lambda xp, x: xp.split(x, [1])[0],
        all_of(f64, nd(1)),
    ),
    op(
        "array-split-last",
        "shape",
        NP,
        "{xp}.array_split({x}, 2)[-1]",
        lambda xp, x: xp.array_split(x, 2)[-1],
        all_of(f64, nd(1)),
    ),
    op(
        "broadcast-to",
        "shape",
        NP,
        "{xp}.broadcast_to({x}, {shape})",
        lambda xp, x, shape: xp.broadcast_to(x, shape),
        params=broadcast_shape,
    ),
    op("diagonal", "shape", NP, "{x}.diagonal()", lambda xp, x: x.diagonal(), all_of(f64, nd(2))),
    op(
        "sliding-window-view",
        "shape",
        NP,
        "{xp}.lib.stride_tricks.sliding_window_view({x}, 2, axis=0)",
        lambda xp, x: xp.lib.stride_tricks.sliding_window_view(x, 2, axis=0),
        all_of(f64, nd(1), long_first_axis),
    ),
    op(
        "broadcast-arrays-first",
        "shape",
        NP,
        "{xp}.broadcast_arrays({x}, {x})[0]",
        lambda xp, x: xp.broadcast_arrays(x, x)[0],
    ),
    op(
        "as-strided",
        "shape",
        NP,
        "{xp}.lib.stride_tricks.as_strided({x})",
        lambda xp, x: xp.lib.stride_tricks.as_strided(x),
    ),
    op("transpose", "transpose", NP, "{xp}.transpose({x})", lambda xp, x: xp.transpose(x)),
    op(
        "swapaxes",
        "transpose",
        NP,
        "{x}.swapaxes(0, -1)",
        lambda xp, x: x.swapaxes(0, -1),
        all_of(f64, nd(1)),
    ),
    op(
        "moveaxis",
        "transpose",
        NP,
        "{xp}.moveaxis({x}, 0, -1)",
        lambda xp, x: xp.moveaxis(x, 0, -1),
        all_of(f64, nd(1)),
    ),
    op(
        "astype-same",
        "dtype",
        NP,
        "{x}.astype({dtype})",
        lambda xp, x, dtype: x.astype(dtype),
        any_dtype,
        params=same_dtype,
    ),
    op(
        "astype-same-copy-false",
        "dtype",
        NP,
        "{x}.astype({dtype}, copy=False)",
        lambda xp, x, dtype: x.astype(dtype, copy=False),
        any_dtype,
        params=same_dtype,
    ),
    op(
        "astype-other",
        "dtype",
        NP,
        "{x}.astype({dtype})",
        lambda xp, x, dtype: x.astype(dtype),
        any_dtype,
        params=other_dtype,
    ),
    op(
        "astype-other-copy-false",
        "dtype",
        NP,
        "{x}.astype({dtype}, copy=False)",
        lambda xp, x, dtype: x.astype(dtype, copy=False),
        any_dtype,
        params=other_dtype,
    ),
    op("view", "dtype", NP, "{x}.view()", lambda xp, x: x.view()),
    op("view-int8", "dtype", NP, "{x}.view('int8')", lambda xp, x: x.view("int8"), any_dtype),
    op("real", "dtype", NP, "{x}.real", lambda xp, x: x.real, any_dtype),
    op("imag", "dtype", NP, "{x}.imag", lambda xp, x: x.imag, any_dtype),
    op("conj-method", "dtype", NP, "{x}.conj()", lambda xp, x: x.conj(), any_dtype),
    op("copy-method", "copy", NP, "{x}.copy()", lambda xp, x: x.copy()),
    op("copy-function", "copy", NP, "{xp}.copy({x})", lambda xp, x: xp.copy(x)),
    op("copy-method-F", "copy", NP, "{x}.copy(order='F')", lambda xp, x: x.copy(order="F")),
    op("array", "copy", NP, "{xp}.array({x})", lambda xp, x: xp.array(x)),
    op(
        "array-copy-none",
        "copy",
        NP,
        "{xp}.array({x}, copy=None)",
        lambda xp, x: xp.array(x, copy=None),
    ),
    op(
        "array-copy-false",
        "copy",
        NP,
        "{xp}.array({x}, copy=False)",
        lambda xp, x: xp.array(x, copy=False),
    ),
    op(
        "array-other-dtype-copy-false",
        "copy",
        NP,
        "{xp}.array({x}, dtype={dtype}, copy=False)",
        lambda xp, x, dtype: xp.array(x, dtype=dtype, copy=False),
        params=other_dtype,
    ),
    op(
        "asarray-same-dtype",
        "copy",
        NP,
        "{xp}.asarray({x}, dtype={dtype})",
        lambda xp, x, dtype: xp.asarray(x, dtype=dtype),
        any_dtype,
        params=same_dtype,
    ),
    op(
        "asarray-order-C-copy-false",
        "copy",
        NP,
        "{xp}.asarray({x}, order='C', copy=False)",
        lambda xp, x: xp.asarray(x, order="C", copy=False),
    ),
    op(
        "ascontiguousarray",
        "copy",
        NP,
        "{xp}.ascontiguousarray({x})",
        lambda xp, x: xp.ascontiguousarray(x),
    ),
    op(
        "asfortranarray", "copy", NP, "{xp}.asfortranarray({x})", lambda xp, x: xp.asfortranarray(x)
    ),
    op(
        "add-out",
        "in-place",
        NP,
        "{xp}.add({x}, 1, out={x})",
        lambda xp, x: xp.add(x, 1, out=x),
        numeric,
        values_matter=True,
    ),
    op(
        "take",
        "functions",
        NP,
        "{xp}.take({x}, [0])",
        lambda xp, x: xp.take(x, [0]),
        all_of(f64, nonempty),
    ),
    op(
        "sort-function",
        "functions",
        NP,
        "{xp}.sort({x})",
        lambda xp, x: xp.sort(x),
        all_of(f64, nd(1)),
    ),
    Operation(
        "sort-method",
        "in-place",
        NP,
        "{y} = {x}\n{y}.sort()",
        _sort_in_place,
        all_of(f64, nd(1)),
        statement=True,
        values_matter=True,
    ),
    op(
        "where",
        "functions",
        NP,
        "{xp}.where({x} == {x}, {x}, {x})",
        lambda xp, x: xp.where(x == x, x, x),
    ),
    op("round-int", "functions", NP, "{xp}.round({x})", lambda xp, x: xp.round(x), integer),
)
