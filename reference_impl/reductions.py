"""Reductions: ``sum``, ``prod``, ``max``, ``min`` over any set of axes, with NumPy's layouts.

A reduction always allocates a fresh result, even over no axes (``axis=()``) or over axes of
length 1: it never returns its input or a view. The result's axes keep the input's axis order
(NumPy's iterator, order='K', on the input's strides) and are laid out densely; an empty result
has zero strides, as every fresh empty array in NumPy 2. A 0-d result is a scalar.
``sum`` and ``prod`` accumulate small integers in the platform integer (int64/uint64).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from math import prod as _product
from typing import Any

from reference_impl.array import from_values, ndarray
from reference_impl.coerce import normalize_axis
from reference_impl.dtypes import DTYPES, DType, cast_value
from reference_impl.dtypes import dtype as _dtype
from reference_impl.layout import dense_strides, iteration_order


def _asarray(x: Any) -> ndarray:
    from reference_impl.creation import asarray

    return x if isinstance(x, ndarray) else asarray(x)


def _axes(axis: Any, ndim: int) -> tuple[int, ...]:
    """The reduced axes, normalized; NumPy's messages for bad and repeated axes."""
    if axis is None:
        return tuple(range(ndim))
    if ndim == 0 and not isinstance(axis, (tuple, list)) and operator.index(axis) in (0, -1):
        return ()  # NumPy lets a lone integer axis 0 or -1 through for a 0-d array (not (0,))
    items = (axis,) if not isinstance(axis, (tuple, list)) else tuple(axis)
    result = []
    for a in items:
        result.append(normalize_axis(a, ndim))
    if len(set(result)) != len(result):
        raise ValueError("duplicate value in 'axis'")
    return tuple(result)


def _accumulator(dt: DType) -> DType:
    """``sum``/``prod``'s default type: booleans and small integers widen to 64 bits."""
    if dt.kind in "bi" and dt.itemsize < 8:
        return DTYPES["int64"]
    if dt.kind == "u" and dt.itemsize < 8:
        return DTYPES["uint64"]
    return dt


def _fold(step: Callable[[Any, Any], Any], identity: Any, dt: DType) -> Callable[[list[Any]], Any]:
    """Combine values left to right, rounding or wrapping to ``dt`` after every step.

    Note: NumPy sums floats pairwise along a contiguous axis, so float sums of many elements
    can differ from this left-to-right sum in the last bits.
    """

    def fold(values: list[Any]) -> Any:
        acc = cast_value(identity, dt)
        for v in values:
            acc = cast_value(step(acc, cast_value(v, dt)), dt)  # Note: NumPy sums pairwise
        return acc

    return fold


def _is_nan(v: Any) -> bool:
    if isinstance(v, complex):
        return math.isnan(v.real) or math.isnan(v.imag)
    return isinstance(v, float) and math.isnan(v)


def _extreme(larger: bool) -> Callable[[list[Any]], Any]:
    """NumPy's maximum/minimum reduction: the first NaN wins; complex compare lexicographically."""

    def key(v: Any) -> Any:
        return (v.real, v.imag) if isinstance(v, complex) else v

    def fold(values: list[Any]) -> Any:
        best = values[0]
        for v in values:
            if _is_nan(best):
                break
            if _is_nan(v) or (key(v) > key(best) if larger else key(v) < key(best)):
                best = v
        return best

    return fold


def _no_out(out: Any) -> None:
    if out is not None:
        # Note: reductions into ``out=`` are not modelled (the parameter keeps NumPy's position).
        raise NotImplementedError("reductions with out= are not implemented")


def reduce(
    arr: Any,
    axis: Any,
    keepdims: bool,
    dt: DType,
    fold: Callable[[list[Any]], Any],
    name: str,
    identity: bool = True,
) -> Any:
    """Fold the values along ``axis`` into a fresh array of type ``dt`` (a scalar when 0-d)."""
    from reference_impl.manipulation import transpose

    arr = _asarray(arr)
    axes = _axes(axis, arr.ndim)
    kept = [i for i in range(arr.ndim) if i not in axes]
    group = _product(arr.shape[i] for i in axes)
    if not identity and group == 0:
        raise ValueError(f"zero-size array to reduction operation {name} which has no identity")
    values = transpose(arr, kept + list(axes))._values()
    out_size = _product(arr.shape[i] for i in kept)
    results = [fold(values[k * group : (k + 1) * group]) for k in range(out_size)]
    full = tuple(1 if i in axes else n for i, n in enumerate(arr.shape))
    strides = dense_strides(full, iteration_order(arr.shape, [arr.strides]), dt.itemsize)
    if not keepdims:
        full = tuple(arr.shape[i] for i in kept)
        strides = tuple(strides[i] for i in kept)
    if not full:
        # Note: NumPy returns a NumPy scalar for a 0-d result; here the Python value.
        return cast_value(results[0], dt)
    return from_values([cast_value(v, dt) for v in results], full, dt, strides=strides)


def sum(
    a: Any, axis: Any = None, dtype: Any = None, out: None = None, keepdims: bool = False
) -> Any:
    """Sum over ``axis``; small integers accumulate in int64/uint64 unless ``dtype`` is given."""
    _no_out(out)
    a = _asarray(a)
    dt = _accumulator(a.dtype) if dtype is None else _dtype(dtype)
    return reduce(a, axis, keepdims, dt, _fold(operator.add, 0, dt), "add")


def prod(
    a: Any, axis: Any = None, dtype: Any = None, out: None = None, keepdims: bool = False
) -> Any:
    """Product over ``axis``; the same accumulator types as `sum`."""
    _no_out(out)
    a = _asarray(a)
    dt = _accumulator(a.dtype) if dtype is None else _dtype(dtype)
    return reduce(a, axis, keepdims, dt, _fold(operator.mul, 1, dt), "multiply")


def max(a: Any, axis: Any = None, out: None = None, keepdims: bool = False) -> Any:
    """Largest value over ``axis`` (NaN if any); an empty reduction raises ValueError."""
    _no_out(out)
    a = _asarray(a)
    return reduce(a, axis, keepdims, a.dtype, _extreme(True), "maximum", identity=False)


def min(a: Any, axis: Any = None, out: None = None, keepdims: bool = False) -> Any:
    """Smallest value over ``axis`` (NaN if any); an empty reduction raises ValueError."""
    _no_out(out)
    a = _asarray(a)
    return reduce(a, axis, keepdims, a.dtype, _extreme(False), "minimum", identity=False)


amax = max
amin = min
