"""The operation catalogue: NumPy's copy/view surface and the Array API's, declared once.

Each entry is an :class:`~conformance.model.operations.Operation`. ``numpy`` entries call NumPy's
names (functions and methods) through an adapter's NumPy-style namespace; ``array-api`` entries
call only the standard's functions. Nothing here says what the result *should* be: that is
computed by running the entry on ``reference_impl``. Most layout-only operations run on the
float64 inputs; dtype-sensitive ones run on every dtype.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from conformance.model.operations import Operand, Operation
from conformance.vocabulary import Api, Rule, Tag

NP, XP = Api.NUMPY, Api.ARRAY_API
Pred = Callable[[Operand], bool]


# -- predicates: which operands an operation applies to --------------------------------------


def _all(*preds: Pred) -> Pred:
    return lambda o: all(p(o) for p in preds)


def _any_dtype(o: Operand) -> bool:
    return True


def _f64(o: Operand) -> bool:
    return o.dtype == "float64"


def _nd(k: int) -> Pred:
    return lambda o: len(o.shape) >= k


def _nonempty(o: Operand) -> bool:
    return len(o.shape) >= 1 and 0 not in o.shape


def _numeric(o: Operand) -> bool:
    return o.dtype != "bool"


def _real_numeric(o: Operand) -> bool:
    return o.dtype != "bool" and not o.dtype.startswith("complex")


def _integer(o: Operand) -> bool:
    return o.dtype.startswith(("int", "uint"))


def _unit_axis(o: Operand) -> bool:
    return 1 in o.shape


def _long_first_axis(o: Operand) -> bool:
    return len(o.shape) >= 1 and o.shape[0] >= 2


def _one_d(o: Operand) -> bool:
    return len(o.shape) == 1


def _has_elements(o: Operand) -> bool:
    return 0 not in o.shape


# -- parameters derived from the operand ------------------------------------------------------


def _shape(o: Operand) -> dict[str, Any]:
    return {"shape": tuple(o.shape)}


def _reversed_axes(o: Operand) -> dict[str, Any]:
    return {"axes": tuple(reversed(range(len(o.shape))))}


def _first_unit_axis(o: Operand) -> dict[str, Any]:
    return {"axis": o.shape.index(1)}


def _broadcast_shape(o: Operand) -> dict[str, Any]:
    return {"shape": (2, *o.shape)}


def _first_element(o: Operand) -> dict[str, Any]:
    return {"key": (0,) * len(o.shape)}


def _other_dtype(o: Operand) -> dict[str, Any]:
    return {"dtype": "float32" if o.dtype != "float32" else "float64"}


def _same_dtype(o: Operand) -> dict[str, Any]:
    return {"dtype": o.dtype}


class Bare(str):
    """A parameter shown in templates without quotes (``xp.float32``, not ``xp.'float32'``)."""

    def __repr__(self) -> str:
        return str(self)


def _other_dtype_name(o: Operand) -> dict[str, Any]:
    return {"dtype": Bare(_other_dtype(o)["dtype"])}


def _same_dtype_name(o: Operand) -> dict[str, Any]:
    return {"dtype": Bare(o.dtype)}


# -- statement helpers (in-place operators and __setitem__ rebind or mutate ``y``) ----------


def _iadd_one(xp: Any, x: Any) -> Any:
    y = x
    y += 1
    return y


def _imul_two(xp: Any, x: Any) -> Any:
    y = x
    y *= 2
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


def _setitem_int_list(xp: Any, x: Any) -> Any:
    y = x
    y[[0, -1]] = 100
    return y


def _setitem_int_array(xp: Any, x: Any) -> Any:
    y = x
    y[xp.asarray([0, -1])] = 100
    return y


def _setitem_bool_mask(xp: Any, x: Any) -> Any:
    y = x
    y[y == y] = 100
    return y


def _iadd_repeated_index(xp: Any, x: Any) -> Any:
    y = x
    y[[0, 0]] += 1
    return y


def _sort_in_place(xp: Any, x: Any) -> Any:
    y = x
    y.sort()
    return y


class _DLPackProducer:
    """Passes ``copy=`` to the producer's ``__dlpack__``; the consumer asks for no copy."""

    def __init__(self, array: Any, copy: bool | None) -> None:
        self.array, self.copy = array, copy

    def __dlpack__(self, **kwargs: Any) -> Any:
        return self.array.__dlpack__(**{**kwargs, "copy": self.copy})

    def __dlpack_device__(self) -> Any:
        return self.array.__dlpack_device__()


_PRODUCER_SOURCE = (
    "class Producer:\n"
    "    def __init__(self, a, copy): self.a, self.copy = a, copy\n"
    "    def __dlpack__(self, **kw): return self.a.__dlpack__(**{{**kw, 'copy': self.copy}})\n"
    "    def __dlpack_device__(self): return self.a.__dlpack_device__()\n"
)


def _dlpack_op(copy: bool | None, rule: Rule | None) -> Operation:
    name = {True: "true", False: "false", None: "none"}[copy]
    return Operation(
        f"dunder-dlpack-copy-{name}",
        "interchange",
        XP,
        _PRODUCER_SOURCE + f"{{y}} = {{xp}}.from_dlpack(Producer({{x}}, {copy!r}))",
        lambda xp, x: xp.from_dlpack(_DLPackProducer(x, copy)),
        rule=rule,
        statement=True,
        chainable=False,
    )


def _op(
    id: str,
    category: str,
    api: Api,
    template: str,
    apply: Callable[..., Any],
    applies: Pred = _f64,
    **kw: Any,
) -> Operation:
    return Operation(id, category, api, template, apply, applies, **kw)


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


# -- NumPy's surface --------------------------------------------------------------------------

NUMPY_OPERATIONS: tuple[Operation, ...] = (
    # basic indexing
    _op("index-step", "indexing", NP, "{x}[::2]", lambda xp, x: x[::2], _all(_f64, _nd(1))),
    _op("index-reverse", "indexing", NP, "{x}[::-1]", lambda xp, x: x[::-1], _all(_f64, _nd(1))),
    _op("index-empty-slice", "indexing", NP, "{x}[1:1]", lambda xp, x: x[1:1], _all(_f64, _nd(1))),
    _op("index-int", "indexing", NP, "{x}[0]", lambda xp, x: x[0], _all(_f64, _nonempty)),
    _op(
        "index-int-every-axis",
        "indexing",
        NP,
        "{x}[{key}]",
        lambda xp, x, key: x[key],
        _all(_f64, _nonempty),
        params=_first_element,
    ),
    _op("index-ellipsis", "indexing", NP, "{x}[...]", lambda xp, x: x[...]),
    _op("index-newaxis", "indexing", NP, "{x}[None]", lambda xp, x: x[None]),
    _op("index-empty-tuple", "indexing", NP, "{x}[()]", lambda xp, x: x[()]),
    _op(
        "index-last-axis",
        "indexing",
        NP,
        "{x}[..., 1:]",
        lambda xp, x: x[..., 1:],
        _all(_f64, _nd(1)),
    ),
    # advanced indexing
    _op(
        "index-int-list",
        "advanced-indexing",
        NP,
        "{x}[[0, 0]]",
        lambda xp, x: x[[0, 0]],
        _all(_f64, _nonempty),
    ),
    _op(
        "index-int-array",
        "advanced-indexing",
        NP,
        "{x}[{xp}.asarray([0])]",
        lambda xp, x: x[xp.asarray([0])],
        _all(_f64, _nonempty),
    ),
    _op(
        "index-zero-d-int-array",
        "advanced-indexing",
        NP,
        "{x}[{xp}.asarray(0)]",
        lambda xp, x: x[xp.asarray(0)],
        _all(_f64, _nonempty),
    ),
    _op("index-bool-mask", "advanced-indexing", NP, "{x}[{x} == {x}]", lambda xp, x: x[x == x]),
    _op("index-true", "advanced-indexing", NP, "{x}[True]", lambda xp, x: x[True]),
    _op(
        "index-slice-then-list",
        "advanced-indexing",
        NP,
        "{x}[:, [0]]",
        lambda xp, x: x[:, [0]],
        _all(_f64, _nd(2), _nonempty),
    ),
    _op(
        "index-mixed",
        "advanced-indexing",
        NP,
        "{x}[1:, [0]]",
        lambda xp, x: x[1:, [0]],
        _all(_f64, _nd(2), _nonempty),
    ),
    # assignment through advanced indexing: does the original change?
    _assign("setitem-int-list", "{y}[[0, -1]] = 100", _setitem_int_list, _all(_numeric, _nonempty)),
    _assign(
        "setitem-int-array",
        "{y}[{xp}.asarray([0, -1])] = 100",
        _setitem_int_array,
        _all(_numeric, _nonempty),
    ),
    _assign(
        "setitem-bool-mask",
        "{y}[{y} == {y}] = 100",
        _setitem_bool_mask,
        _all(_numeric, _has_elements),
    ),
    # repeated index: NumPy reads both, adds, writes both: the element grows by one, not two
    _assign(
        "setitem-repeated-index",
        "{y}[[0, 0]] += 1",
        _iadd_repeated_index,
        _all(_numeric, _nonempty),
    ),
    # reshape family
    _op(
        "reshape-same",
        "shape",
        NP,
        "{x}.reshape({shape})",
        lambda xp, x, shape: x.reshape(shape),
        params=_shape,
    ),
    _op("reshape-flat", "shape", NP, "{x}.reshape(-1)", lambda xp, x: x.reshape(-1)),
    _op(
        "reshape-flat-F",
        "shape",
        NP,
        "{x}.reshape(-1, order='F')",
        lambda xp, x: x.reshape(-1, order="F"),
    ),
    _op("reshape-column", "shape", NP, "{x}.reshape(-1, 1)", lambda xp, x: x.reshape(-1, 1)),
    _op(
        "reshape-flat-copy-false",
        "shape",
        NP,
        "{x}.reshape(-1, copy=False)",
        lambda xp, x: x.reshape(-1, copy=False),
    ),
    _op("ravel", "shape", NP, "{x}.ravel()", lambda xp, x: x.ravel()),
    _op("ravel-F", "shape", NP, "{x}.ravel('F')", lambda xp, x: x.ravel("F")),
    _op("ravel-K", "shape", NP, "{x}.ravel('K')", lambda xp, x: x.ravel("K")),
    _op("ravel-A", "shape", NP, "{x}.ravel('A')", lambda xp, x: x.ravel("A")),
    _op("flatten", "shape", NP, "{x}.flatten()", lambda xp, x: x.flatten()),
    _op("squeeze", "shape", NP, "{x}.squeeze()", lambda xp, x: x.squeeze()),
    _op("expand-dims", "shape", NP, "{xp}.expand_dims({x}, 0)", lambda xp, x: xp.expand_dims(x, 0)),
    _op("atleast-1d", "shape", NP, "{xp}.atleast_1d({x})", lambda xp, x: xp.atleast_1d(x)),
    _op("atleast-2d", "shape", NP, "{xp}.atleast_2d({x})", lambda xp, x: xp.atleast_2d(x)),
    _op("atleast-3d", "shape", NP, "{xp}.atleast_3d({x})", lambda xp, x: xp.atleast_3d(x)),
    _op(
        "split-first",
        "shape",
        NP,
        "{xp}.split({x}, [1])[0]",
        lambda xp, x: xp.split(x, [1])[0],
        _all(_f64, _nd(1)),
    ),
    _op(
        "array-split-last",
        "shape",
        NP,
        "{xp}.array_split({x}, 2)[-1]",
        lambda xp, x: xp.array_split(x, 2)[-1],
        _all(_f64, _nd(1)),
    ),
    _op(
        "broadcast-to",
        "shape",
        NP,
        "{xp}.broadcast_to({x}, {shape})",
        lambda xp, x, shape: xp.broadcast_to(x, shape),
        params=_broadcast_shape,
    ),
    _op("diagonal", "shape", NP, "{x}.diagonal()", lambda xp, x: x.diagonal(), _all(_f64, _nd(2))),
    _op(
        "sliding-window-view",
        "shape",
        NP,
        "{xp}.lib.stride_tricks.sliding_window_view({x}, 2, axis=0)",
        lambda xp, x: xp.lib.stride_tricks.sliding_window_view(x, 2, axis=0),
        _all(_f64, _nd(1), _long_first_axis),
    ),
    _op(
        "broadcast-arrays-first",
        "shape",
        NP,
        "{xp}.broadcast_arrays({x}, {x})[0]",
        lambda xp, x: xp.broadcast_arrays(x, x)[0],
    ),
    _op(
        "as-strided",
        "shape",
        NP,
        "{xp}.lib.stride_tricks.as_strided({x})",
        lambda xp, x: xp.lib.stride_tricks.as_strided(x),
    ),
    # transpose family
    _op("T", "transpose", NP, "{x}.T", lambda xp, x: x.T),
    _op("transpose", "transpose", NP, "{xp}.transpose({x})", lambda xp, x: xp.transpose(x)),
    _op(
        "swapaxes",
        "transpose",
        NP,
        "{x}.swapaxes(0, -1)",
        lambda xp, x: x.swapaxes(0, -1),
        _all(_f64, _nd(1)),
    ),
    _op(
        "moveaxis",
        "transpose",
        NP,
        "{xp}.moveaxis({x}, 0, -1)",
        lambda xp, x: xp.moveaxis(x, 0, -1),
        _all(_f64, _nd(1)),
    ),
    _op("mT", "transpose", NP, "{x}.mT", lambda xp, x: x.mT, _all(_f64, _nd(2))),
    # dtype
    _op(
        "astype-same",
        "dtype",
        NP,
        "{x}.astype({dtype})",
        lambda xp, x, dtype: x.astype(dtype),
        _any_dtype,
        params=_same_dtype,
    ),
    _op(
        "astype-same-copy-false",
        "dtype",
        NP,
        "{x}.astype({dtype}, copy=False)",
        lambda xp, x, dtype: x.astype(dtype, copy=False),
        _any_dtype,
        params=_same_dtype,
    ),
    _op(
        "astype-other",
        "dtype",
        NP,
        "{x}.astype({dtype})",
        lambda xp, x, dtype: x.astype(dtype),
        _any_dtype,
        params=_other_dtype,
    ),
    _op(
        "astype-other-copy-false",
        "dtype",
        NP,
        "{x}.astype({dtype}, copy=False)",
        lambda xp, x, dtype: x.astype(dtype, copy=False),
        _any_dtype,
        params=_other_dtype,
    ),
    _op("view", "dtype", NP, "{x}.view()", lambda xp, x: x.view()),
    _op("view-int8", "dtype", NP, "{x}.view('int8')", lambda xp, x: x.view("int8"), _any_dtype),
    _op("real", "dtype", NP, "{x}.real", lambda xp, x: x.real, _any_dtype),
    _op("imag", "dtype", NP, "{x}.imag", lambda xp, x: x.imag, _any_dtype),
    _op("conj-method", "dtype", NP, "{x}.conj()", lambda xp, x: x.conj(), _any_dtype),
    # explicit copies and conversions
    _op("copy-method", "copy", NP, "{x}.copy()", lambda xp, x: x.copy()),
    _op("copy-function", "copy", NP, "{xp}.copy({x})", lambda xp, x: xp.copy(x)),
    _op("copy-method-F", "copy", NP, "{x}.copy(order='F')", lambda xp, x: x.copy(order="F")),
    _op("array", "copy", NP, "{xp}.array({x})", lambda xp, x: xp.array(x)),
    _op(
        "array-copy-none",
        "copy",
        NP,
        "{xp}.array({x}, copy=None)",
        lambda xp, x: xp.array(x, copy=None),
    ),
    _op(
        "array-copy-false",
        "copy",
        NP,
        "{xp}.array({x}, copy=False)",
        lambda xp, x: xp.array(x, copy=False),
    ),
    _op(
        "array-other-dtype-copy-false",
        "copy",
        NP,
        "{xp}.array({x}, dtype={dtype}, copy=False)",
        lambda xp, x, dtype: xp.array(x, dtype=dtype, copy=False),
        params=_other_dtype,
    ),
    _op(
        "asarray-same-dtype",
        "copy",
        NP,
        "{xp}.asarray({x}, dtype={dtype})",
        lambda xp, x, dtype: xp.asarray(x, dtype=dtype),
        _any_dtype,
        params=_same_dtype,
    ),
    _op(
        "asarray-order-C-copy-false",
        "copy",
        NP,
        "{xp}.asarray({x}, order='C', copy=False)",
        lambda xp, x: xp.asarray(x, order="C", copy=False),
    ),
    _op(
        "ascontiguousarray",
        "copy",
        NP,
        "{xp}.ascontiguousarray({x})",
        lambda xp, x: xp.ascontiguousarray(x),
    ),
    _op(
        "asfortranarray", "copy", NP, "{xp}.asfortranarray({x})", lambda xp, x: xp.asfortranarray(x)
    ),
    # arithmetic and functions
    _op("add-zero", "arithmetic", NP, "{x} + 0", lambda xp, x: x + 0, _numeric),
    _op("unary-plus", "arithmetic", NP, "+{x}", lambda xp, x: +x, _numeric),
    _op("negative", "arithmetic", NP, "-{x}", lambda xp, x: -x, _numeric),
    _op(
        "add-out",
        "in-place",
        NP,
        "{xp}.add({x}, 1, out={x})",
        lambda xp, x: xp.add(x, 1, out=x),
        _numeric,
        values_matter=True,
    ),
    _op(
        "take",
        "functions",
        NP,
        "{xp}.take({x}, [0])",
        lambda xp, x: xp.take(x, [0]),
        _all(_f64, _nonempty),
    ),
    _op(
        "sort-function",
        "functions",
        NP,
        "{xp}.sort({x})",
        lambda xp, x: xp.sort(x),
        _all(_f64, _nd(1)),
    ),
    Operation(
        "sort-method",
        "in-place",
        NP,
        "{y} = {x}\n{y}.sort()",
        _sort_in_place,
        _all(_f64, _nd(1)),
        statement=True,
        values_matter=True,
    ),
    _op(
        "where",
        "functions",
        NP,
        "{xp}.where({x} == {x}, {x}, {x})",
        lambda xp, x: xp.where(x == x, x, x),
    ),
    _op("round-int", "functions", NP, "{xp}.round({x})", lambda xp, x: xp.round(x), _integer),
)

# -- the Array API's surface ------------------------------------------------------------------

ARRAY_API_OPERATIONS: tuple[Operation, ...] = (
    # the normative copy= rules
    _op(
        "asarray",
        "copy",
        XP,
        "{xp}.asarray({x})",
        lambda xp, x: xp.asarray(x),
        _any_dtype,
        rule=Rule.REUSE,
    ),
    _op(
        "asarray-copy-true",
        "copy",
        XP,
        "{xp}.asarray({x}, copy=True)",
        lambda xp, x: xp.asarray(x, copy=True),
        _any_dtype,
        rule=Rule.MUST_COPY,
    ),
    _op(
        "asarray-copy-false",
        "copy",
        XP,
        "{xp}.asarray({x}, copy=False)",
        lambda xp, x: xp.asarray(x, copy=False),
        _any_dtype,
        rule=Rule.MUST_NOT_COPY,
    ),
    # copy=None with a dtype change: a copy, which the standard requires no rule for. Not
    # chainable, like the assignments (see ``_assign``).
    _op(
        "asarray-other-dtype",
        "copy",
        XP,
        "{xp}.asarray({x}, dtype={xp}.{dtype})",
        lambda xp, x, dtype: xp.asarray(x, dtype=getattr(xp, dtype)),
        _real_numeric,
        params=_other_dtype_name,
        chainable=False,
    ),
    _op(
        "asarray-other-dtype-copy-false",
        "copy",
        XP,
        "{xp}.asarray({x}, dtype={xp}.{dtype}, copy=False)",
        lambda xp, x, dtype: xp.asarray(x, dtype=getattr(xp, dtype), copy=False),
        _real_numeric,
        params=_other_dtype_name,
        rule=Rule.MUST_RAISE,
    ),
    _op(
        "xp-astype-same",
        "dtype",
        XP,
        "{xp}.astype({x}, {xp}.{dtype})",
        lambda xp, x, dtype: xp.astype(x, getattr(xp, dtype)),
        _any_dtype,
        params=_same_dtype_name,
        rule=Rule.MUST_COPY,
    ),
    _op(
        "xp-astype-same-copy-false",
        "dtype",
        XP,
        "{xp}.astype({x}, {xp}.{dtype}, copy=False)",
        lambda xp, x, dtype: xp.astype(x, getattr(xp, dtype), copy=False),
        _any_dtype,
        params=_same_dtype_name,
        rule=Rule.SAME_OBJECT,
    ),
    _op(
        "xp-astype-other",
        "dtype",
        XP,
        "{xp}.astype({x}, {xp}.{dtype})",
        lambda xp, x, dtype: xp.astype(x, getattr(xp, dtype)),
        _real_numeric,
        params=_other_dtype_name,
        rule=Rule.MUST_COPY,
    ),
    _op(
        "xp-astype-other-copy-false",
        "dtype",
        XP,
        "{xp}.astype({x}, {xp}.{dtype}, copy=False)",
        lambda xp, x, dtype: xp.astype(x, getattr(xp, dtype), copy=False),
        _real_numeric,
        params=_other_dtype_name,
        rule=Rule.MUST_COPY,
    ),
    _op(
        "xp-reshape-flat",
        "shape",
        XP,
        "{xp}.reshape({x}, (-1,))",
        lambda xp, x: xp.reshape(x, (-1,)),
    ),
    _op(
        "xp-reshape-flat-copy-true",
        "shape",
        XP,
        "{xp}.reshape({x}, (-1,), copy=True)",
        lambda xp, x: xp.reshape(x, (-1,), copy=True),
        rule=Rule.MUST_COPY,
    ),
    _op(
        "xp-reshape-flat-copy-false",
        "shape",
        XP,
        "{xp}.reshape({x}, (-1,), copy=False)",
        lambda xp, x: xp.reshape(x, (-1,), copy=False),
        rule=Rule.MUST_NOT_COPY,
    ),
    _op(
        "xp-reshape-same-copy-false",
        "shape",
        XP,
        "{xp}.reshape({x}, {shape}, copy=False)",
        lambda xp, x, shape: xp.reshape(x, shape, copy=False),
        params=_shape,
        rule=Rule.MUST_NOT_COPY,
    ),
    _op(
        "from-dlpack",
        "interchange",
        XP,
        "{xp}.from_dlpack({x})",
        lambda xp, x: xp.from_dlpack(x),
        chainable=False,
    ),
    _op(
        "from-dlpack-copy-true",
        "interchange",
        XP,
        "{xp}.from_dlpack({x}, copy=True)",
        lambda xp, x: xp.from_dlpack(x, copy=True),
        rule=Rule.MUST_COPY,
        chainable=False,
    ),
    _op(
        "from-dlpack-copy-false",
        "interchange",
        XP,
        "{xp}.from_dlpack({x}, copy=False)",
        lambda xp, x: xp.from_dlpack(x, copy=False),
        rule=Rule.MUST_NOT_COPY,
        chainable=False,
    ),
    _dlpack_op(True, Rule.MUST_COPY),
    _dlpack_op(False, Rule.MUST_NOT_COPY),
    # shape manipulation (views or copies: the library's choice under the standard)
    _op(
        "permute-dims",
        "transpose",
        XP,
        "{xp}.permute_dims({x}, {axes})",
        lambda xp, x, axes: xp.permute_dims(x, axes),
        params=_reversed_axes,
    ),
    _op(
        "matrix-transpose",
        "transpose",
        XP,
        "{xp}.matrix_transpose({x})",
        lambda xp, x: xp.matrix_transpose(x),
        _all(_f64, _nd(2)),
    ),
    _op(
        "xp-expand-dims",
        "shape",
        XP,
        "{xp}.expand_dims({x}, axis=0)",
        lambda xp, x: xp.expand_dims(x, axis=0),
    ),
    _op(
        "xp-squeeze",
        "shape",
        XP,
        "{xp}.squeeze({x}, axis={axis})",
        lambda xp, x, axis: xp.squeeze(x, axis=axis),
        _all(_f64, _unit_axis),
        params=_first_unit_axis,
    ),
    _op("flip", "shape", XP, "{xp}.flip({x})", lambda xp, x: xp.flip(x)),
    _op(
        "xp-broadcast-to",
        "shape",
        XP,
        "{xp}.broadcast_to({x}, {shape})",
        lambda xp, x, shape: xp.broadcast_to(x, shape),
        params=_broadcast_shape,
    ),
    _op(
        "xp-take",
        "functions",
        XP,
        "{xp}.take({x}, {xp}.asarray([0]), axis=0)",
        lambda xp, x: xp.take(x, xp.asarray([0]), axis=0),
        _all(_f64, _nonempty),
    ),
    # in-place operators and __setitem__ (the standard's rules on dtype, shape, values)
    Operation(
        "iadd-one",
        "in-place",
        XP,
        "{y} = {x}\n{y} += 1",
        _iadd_one,
        _numeric,
        rule=Rule.IN_PLACE,
        statement=True,
        values_matter=True,
    ),
    Operation(
        "imul-two",
        "in-place",
        XP,
        "{y} = {x}\n{y} *= 2",
        _imul_two,
        _numeric,
        rule=Rule.IN_PLACE,
        statement=True,
        values_matter=True,
    ),
    Operation(
        "iadd-self",
        "in-place",
        XP,
        "{y} = {x}\n{y} += {y}",
        _iadd_self,
        _numeric,
        rule=Rule.IN_PLACE,
        statement=True,
        values_matter=True,
    ),
    Operation(
        "iadd-overlapping",
        "in-place",
        XP,
        "{y} = {x}\n{y}[1:] += {y}[:-1]",
        _iadd_shifted,
        _all(_numeric, _one_d, _nonempty),
        rule=Rule.IN_PLACE,
        statement=True,
        values_matter=True,
    ),
    Operation(
        "setitem-all",
        "setitem",
        XP,
        "{y} = {x}\n{y}[...] = 1",
        _setitem_all,
        _numeric,
        rule=Rule.SETITEM,
        statement=True,
        values_matter=True,
    ),
    Operation(
        "setitem-one",
        "setitem",
        XP,
        "{y} = {x}\n{y}[{key}] = 1",
        _setitem_first,
        _all(_numeric, _nonempty),
        params=_first_element,
        rule=Rule.SETITEM,
        statement=True,
        values_matter=True,
    ),
    Operation(
        "setitem-overlapping",
        "setitem",
        XP,
        "{y} = {x}\n{y}[1:] = {y}[:-1]",
        _setitem_shifted,
        _all(_f64, _one_d, _nonempty),
        rule=Rule.SETITEM,
        statement=True,
        values_matter=True,
    ),
    # functions a library may be tempted to answer with its input
    _op(
        "sum-no-axes",
        "no-op",
        XP,
        "{xp}.sum({x}, axis=())",
        lambda xp, x: xp.sum(x, axis=()),
        _numeric,
    ),
    _op(
        "sum-unit-axis",
        "no-op",
        XP,
        "{xp}.sum({x}, axis={axis}, keepdims=True)",
        lambda xp, x, axis: xp.sum(x, axis=axis, keepdims=True),
        _all(_f64, _unit_axis),
        params=_first_unit_axis,
    ),
    _op(
        "max-unit-axis",
        "no-op",
        XP,
        "{xp}.max({x}, axis={axis}, keepdims=True)",
        lambda xp, x, axis: xp.max(x, axis=axis, keepdims=True),
        _all(_f64, _unit_axis),
        params=_first_unit_axis,
    ),
    _op(
        "clip-no-op",
        "no-op",
        XP,
        "{xp}.clip({x}, 0, 100)",
        lambda xp, x: xp.clip(x, 0, 100),
        _real_numeric,
    ),
    _op("positive", "no-op", XP, "{xp}.positive({x})", lambda xp, x: xp.positive(x), _numeric),
    _op("conj", "no-op", XP, "{xp}.conj({x})", lambda xp, x: xp.conj(x), _numeric),
    _op("real-function", "no-op", XP, "{xp}.real({x})", lambda xp, x: xp.real(x), _numeric),
    _op("round", "no-op", XP, "{xp}.round({x})", lambda xp, x: xp.round(x), _integer),
    _op("floor", "no-op", XP, "{xp}.floor({x})", lambda xp, x: xp.floor(x), _integer),
    _op("ceil", "no-op", XP, "{xp}.ceil({x})", lambda xp, x: xp.ceil(x), _integer),
    _op("trunc", "no-op", XP, "{xp}.trunc({x})", lambda xp, x: xp.trunc(x), _integer),
    _op(
        "where-all-true",
        "no-op",
        XP,
        "{xp}.where({x} == {x}, {x}, {x})",
        lambda xp, x: xp.where(x == x, x, x),
        _real_numeric,
    ),
    _op(
        "minimum-self",
        "no-op",
        XP,
        "{xp}.minimum({x}, {x})",
        lambda xp, x: xp.minimum(x, x),
        _real_numeric,
    ),
    _op(
        "maximum-self",
        "no-op",
        XP,
        "{xp}.maximum({x}, {x})",
        lambda xp, x: xp.maximum(x, x),
        _real_numeric,
    ),
    _op(
        "sort-sorted",
        "no-op",
        XP,
        "{xp}.sort({x})",
        lambda xp, x: xp.sort(x),
        _all(_real_numeric, _nd(1)),
    ),
)

# -- tags: what kind of operation each one is (read by the site, see ``vocabulary.Tag``) ----

S, I, F, A = Tag.SLICE, Tag.INDEX, Tag.FANCY, Tag.ASSIGN
AR, IP, TR, RS = Tag.ARITHMETIC, Tag.IN_PLACE, Tag.TRANSPOSE, Tag.RESHAPE
CP, AS, CR = Tag.COPY, Tag.ASARRAY, Tag.COPY_REQUESTED

TAGS: dict[str, frozenset[Tag]] = {
    op_id: frozenset(tags)
    for op_id, tags in {
        "index-step": {S},
        "index-reverse": {S},
        "index-empty-slice": {S},
        "index-last-axis": {S},
        "index-int": {I},
        "index-int-every-axis": {I},
        "index-ellipsis": {I},
        "index-newaxis": {I},
        "index-empty-tuple": {I},
        "index-int-list": {F},
        "index-int-array": {F},
        "index-zero-d-int-array": {F},
        "index-bool-mask": {F},
        "index-true": {F},
        "index-slice-then-list": {F},
        "index-mixed": {F},
        "setitem-int-list": {F, A},
        "setitem-int-array": {F, A},
        "setitem-bool-mask": {F, A},
        "setitem-repeated-index": {F, A, IP},
        "setitem-all": {A},
        "setitem-one": {A},
        "setitem-overlapping": {A, S},
        "reshape-same": {RS},
        "reshape-flat": {RS},
        "reshape-flat-F": {RS},
        "reshape-column": {RS},
        "reshape-flat-copy-false": {RS},
        "xp-reshape-flat": {RS},
        "xp-reshape-flat-copy-true": {RS, CR},
        "xp-reshape-flat-copy-false": {RS},
        "xp-reshape-same-copy-false": {RS},
        "T": {TR},
        "transpose": {TR},
        "swapaxes": {TR},
        "moveaxis": {TR},
        "mT": {TR},
        "permute-dims": {TR},
        "matrix-transpose": {TR},
        "copy-method": {CP},
        "copy-function": {CP},
        "copy-method-F": {CP},
        "asarray": {AS},
        "asarray-copy-true": {AS, CR},
        "asarray-copy-false": {AS},
        "asarray-other-dtype": {AS},
        "asarray-other-dtype-copy-false": {AS},
        "asarray-same-dtype": {AS},
        "asarray-order-C-copy-false": {AS},
        "from-dlpack-copy-true": {CR},
        "dunder-dlpack-copy-true": {CR},
        "add-zero": {AR},
        "unary-plus": {AR},
        "negative": {AR},
        "add-out": {AR, IP},
        "sort-method": {IP},
        "round-int": {AR},
        "iadd-one": {AR, IP},
        "imul-two": {AR, IP},
        "iadd-self": {AR, IP},
        "iadd-overlapping": {AR, IP, S},
        "clip-no-op": {AR},
        "positive": {AR},
        "round": {AR},
        "floor": {AR},
        "ceil": {AR},
        "trunc": {AR},
        "minimum-self": {AR},
        "maximum-self": {AR},
    }.items()
}

CATALOGUE: tuple[Operation, ...] = tuple(
    replace(op, tags=TAGS.get(op.id, frozenset())) for op in NUMPY_OPERATIONS + ARRAY_API_OPERATIONS
)
BY_ID: dict[str, Operation] = {op.id: op for op in CATALOGUE}
