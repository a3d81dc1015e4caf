"""Named elementwise functions (``add``, ``floor``, ``clip``, ...), ``flip``, and the reductions
``sum`` and ``max``, with NumPy's result types and layouts.

Elementwise functions return fresh arrays laid out as the operators in `arithmetic` are (or
write into ``out=`` and return it). Reductions allocate their result in the input's memory
order (NumPy's iterator with order='K'); a full reduction gives a scalar (the Python value).
"""

from __future__ import annotations

import builtins
import cmath
import math
from collections.abc import Callable
from typing import Any

from reference_impl.arithmetic import BINARY, binary, comparable, elementwise, inplace
from reference_impl.array import make_view, ndarray
from reference_impl.dtypes import (
    DTYPES,
    DType,
    cast_value,
    int_bounds,
    result_type,
    weak_scalar_type,
)
from reference_impl.layout import Layout, dense_strides, iteration_order


def _asarray(x: Any) -> ndarray:
    from reference_impl.creation import asarray

    return asarray(x)


def _with_out(name: str, x1: Any, x2: Any, out: ndarray | None) -> Any:
    if out is None:
        return binary(name, x1, x2)
    if x1 is not out:
        # Note: out= is supported when it is also the first operand (in-place form) only.
        raise NotImplementedError("out= must be the first operand")
    return inplace(name, out, x2)


def add(x1: Any, x2: Any, out: ndarray | None = None) -> Any:
    return _with_out("add", x1, x2, out)


def subtract(x1: Any, x2: Any, out: ndarray | None = None) -> Any:
    return _with_out("sub", x1, x2, out)


def multiply(x1: Any, x2: Any, out: ndarray | None = None) -> Any:
    return _with_out("mul", x1, x2, out)


def _pick(prefer_first: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def pick(a: Any, b: Any) -> Any:
        for v in (a, b):  # NaN propagates, as in NumPy's minimum/maximum
            if isinstance(v, (float, complex)) and cmath.isnan(v):
                return v
        return a if prefer_first(comparable(a), comparable(b)) else b

    return pick


def _binary_function(fn: Callable[[Any, Any], Any], x1: Any, x2: Any) -> Any:
    arrays = [_asarray(x) for x in (x1, x2)]
    dt = _promote(x1, x2)
    return elementwise(fn, arrays, [dt, dt], dt, scalar_if_0d=True, loop=[dt, dt])


def _promote(x1: Any, x2: Any) -> DType:
    scalars = (bool, int, float, complex)
    if isinstance(x1, scalars) and not isinstance(x2, scalars):
        return result_type(weak_scalar_type(x1, x2.dtype), x2.dtype)
    if isinstance(x2, scalars) and not isinstance(x1, scalars):
        return result_type(x1.dtype, weak_scalar_type(x2, x1.dtype))
    return result_type(_asarray(x1).dtype, _asarray(x2).dtype)


def minimum(x1: Any, x2: Any) -> Any:
    return _binary_function(_pick(lambda a, b: a <= b), x1, x2)


def maximum(x1: Any, x2: Any) -> Any:
    return _binary_function(_pick(lambda a, b: a >= b), x1, x2)


def clip(a: Any, a_min: Any, a_max: Any) -> Any:
    """A fresh clipped copy (``minimum(maximum(a, a_min), a_max)`` in one pass)."""
    arr = _asarray(a)
    if arr.dtype.kind in "iu":
        # NumPy's clip moves Python-int bounds outside the integer type onto its limits.
        lo, hi = int_bounds(arr.dtype)
        if isinstance(a_min, int) and not isinstance(a_min, bool):
            a_min = builtins.min(builtins.max(a_min, lo), hi)
        if isinstance(a_max, int) and not isinstance(a_max, bool):
            a_max = builtins.min(builtins.max(a_max, lo), hi)
    dt = result_type(_promote(arr, a_min), _promote(arr, a_max))
    low, high = _asarray(a_min), _asarray(a_max)

    def one(v: Any, lo: Any, hi: Any) -> Any:
        return _pick(lambda x, y: x <= y)(_pick(lambda x, y: x >= y)(v, lo), hi)

    return elementwise(one, [arr, low, high], [dt, dt, dt], dt, scalar_if_0d=True,
                       loop=[dt, dt, dt])


def _unary(fn: Callable[[Any], Any], x: Any, kinds: str = "biufc") -> Any:
    arr = _asarray(x)
    if arr.dtype.kind not in kinds:
        raise TypeError(f"ufunc not supported for the input type {arr.dtype.name}")
    return elementwise(fn, [arr], [None], arr.dtype, scalar_if_0d=True, loop=[arr.dtype])


def _integral(fn: Callable[[float], int]) -> Callable[[Any], Any]:
    def apply(v: Any) -> Any:
        if isinstance(v, int) or not math.isfinite(v):
            return v  # NumPy 2 keeps integer inputs (and their type) as they are
        return float(fn(v))

    return apply


def positive(x: Any) -> Any:
    return _unary(lambda v: v, x, "iufc")


def negative(x: Any) -> Any:
    return _unary(lambda v: -v, x, "iufc")


def conj(x: Any) -> Any:
    arr = _asarray(x)
    if arr.dtype.kind == "b":  # NumPy's conjugate has no boolean loop and picks int8
        return elementwise(int, [arr], [None], DTYPES["int8"], scalar_if_0d=True,
                           loop=[DTYPES["int8"]])
    return _unary(lambda v: v.conjugate() if isinstance(v, complex) else v, arr)


conjugate = conj


def floor(x: Any) -> Any:
    return _unary(_integral(math.floor), x, "biuf")


def ceil(x: Any) -> Any:
    return _unary(_integral(math.ceil), x, "biuf")


def trunc(x: Any) -> Any:
    return _unary(_integral(math.trunc), x, "biuf")


def round(x: Any, decimals: int = 0) -> Any:
    """Half to even, as NumPy (only ``decimals=0``)."""
    if decimals != 0:
        # Note: only decimals=0 is implemented.
        raise NotImplementedError("round with decimals")
    half_even = _integral(builtins.round)

    def one(v: Any) -> Any:
        if isinstance(v, complex):  # the two parts are rounded separately
            return complex(half_even(v.real), half_even(v.imag))
        return half_even(v)

    arr = _asarray(x)
    if arr.dtype.kind in "iu":
        from reference_impl.conversion import copy

        # NumPy's PyArray_Round returns a copy of integers (order K), with no ufunc at all.
        return copy(arr, "K") if arr.ndim else arr.item()
    # Note: NumPy rounds booleans to float16, a type not supported here, so they are refused.
    return _unary(one, arr, "fc")


around = round


def real(x: Any) -> Any:
    return _asarray(x).real


def imag(x: Any) -> Any:
    return _asarray(x).imag


def flip(x: Any, axis: Any = None) -> ndarray:
    """A view with the chosen axes reversed (negative strides)."""
    from reference_impl.manipulation import normalize_axes

    arr = _asarray(x)
    axes = range(arr.ndim) if axis is None else normalize_axes(axis, arr.ndim)
    lay = arr.layout
    offset, strides = lay.offset, list(lay.strides)
    for i in axes:
        if lay.shape[i]:  # NumPy slices with ::-1, and an empty slice keeps step 1
            offset += (lay.shape[i] - 1) * strides[i]
            strides[i] = -strides[i]
    return make_view(arr, Layout(offset, lay.shape, tuple(strides), lay.itemsize))


def _reduce(x: Any, axis: Any, keepdims: bool, dt: DType,
            fn: Callable[[list[Any]], Any], identity: bool = True) -> Any:
    from reference_impl.array import from_values
    from reference_impl.manipulation import normalize_axes

    arr = _asarray(x)
    if arr.ndim == 0 and axis is not None:
        # NumPy lets a reduction over a 0-d array name axis 0 or -1.
        for a in (axis,) if isinstance(axis, int) else tuple(axis):
            normalize_axes(a, 1)
        axis = ()
    axes = tuple(range(arr.ndim)) if axis is None else normalize_axes(axis, arr.ndim)
    if not identity and any(arr.shape[i] == 0 for i in axes):
        # Without an identity NumPy refuses any reduction over an empty axis.
        raise ValueError("zero-size array to reduction operation maximum which has no "
                         "identity")
    kept = [i for i in range(arr.ndim) if i not in axes]
    # Group the values by their position along the kept axes (C order of those axes).
    moved = arr.transpose(kept + list(axes)) if arr.ndim else arr
    inner = 1
    for i in axes:
        inner *= arr.shape[i]
    values = [cast_value(v, dt) for v in moved._values()]
    if inner:
        results = [fn(values[k : k + inner]) for k in range(0, len(values), inner)]
    else:  # every group is empty
        results = [fn([]) for _ in range(_count(arr, kept))]
    order = iteration_order(arr.shape, [arr.strides])
    if keepdims:
        shape = tuple(1 if i in axes else n for i, n in enumerate(arr.shape))
        strides = dense_strides(shape, order, dt.itemsize)
    else:
        shape = tuple(arr.shape[i] for i in kept)
        sub = [kept.index(i) for i in order if i in kept]
        strides = dense_strides(shape, sub, dt.itemsize)
    if not shape:  # a 0-d result is returned as a scalar (keepdims on a 0-d input too)
        return results[0]
    return from_values(results, shape, dt, strides=strides)


def _count(arr: ndarray, kept: list[int]) -> int:
    n = 1
    for i in kept:
        n *= arr.shape[i]
    return n


def _sum_type(dt: DType) -> DType:
    if dt.kind in "bi" and dt.itemsize < 8:
        return DTYPES["int64"]
    if dt.kind == "u" and dt.itemsize < 8:
        return DTYPES["uint64"]
    return dt


def sum(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    arr = _asarray(x)
    dt = _sum_type(arr.dtype)
    add_fn = BINARY["add"][0]

    def total(values: list[Any]) -> Any:
        acc: Any = cast_value(0, dt)
        for v in values:
            acc = cast_value(add_fn(acc, v), dt)
        return acc

    return _reduce(arr, axis, keepdims, dt, total)


def max(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    arr = _asarray(x)
    pick = _pick(lambda a, b: a >= b)

    def largest(values: list[Any]) -> Any:
        best = values[0]
        for v in values[1:]:
            best = pick(best, v)
        return best

    return _reduce(arr, axis, keepdims, arr.dtype, largest, identity=False)
