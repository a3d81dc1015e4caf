"""Computation: operators, ``where``, ``take``, ``sort``, ``fill``, with NumPy's result layouts.

Every result is a fresh array (``base`` None) except in-place operators, which write into and
return their left operand. A result's strides follow NumPy's iterator with order='K': axes are
ordered by the operands' strides (``npyiter_find_best_axis_ordering``), then laid out densely
with positive strides. Values are computed in Python on values already cast to the result
type, then cast back when stored, so integer overflow wraps as in NumPy.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from math import prod
from typing import Any

from reference_impl import buffer as _buffer
from reference_impl.array import assign_values, from_values, ndarray
from reference_impl.coerce import normalize_axis
from reference_impl.dtypes import (
    DTYPES,
    DType,
    can_cast_safe,
    cast_value,
    check_python_int,
    result_type,
    weak_scalar_type,
)
from reference_impl.layout import (
    contiguous_strides,
    dense_strides,
    is_contiguous,
    iteration_order,
)
from reference_impl.manipulation import broadcast_shapes, broadcast_view


def _ieee_div(a: float, b: float) -> float:
    """``a / b`` with IEEE results for a zero divisor (Python raises instead)."""
    if b != 0:
        return a / b
    if a == 0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def _complex_div(a: complex, b: complex) -> complex:
    """NumPy's complex division (Smith's method, with its zero-divisor case)."""
    ar, ai, br, bi = a.real, a.imag, b.real, b.imag
    if abs(br) >= abs(bi):
        if br == 0 and bi == 0:
            return complex(_ieee_div(ar, abs(br)), _ieee_div(ai, abs(br)))
        rat = bi / br
        scl = 1.0 / (br + bi * rat)
        return complex((ar + ai * rat) * scl, (ai - ar * rat) * scl)
    rat = br / bi
    scl = 1.0 / (bi + br * rat)
    return complex((ar * rat + ai) * scl, (ai * rat - ar) * scl)


def _div(a: Any, b: Any) -> Any:
    if isinstance(a, complex) or isinstance(b, complex):
        return _complex_div(complex(a), complex(b))
    return _ieee_div(a, b)


def _floordiv(a: Any, b: Any) -> Any:
    if b == 0:
        return 0 if isinstance(a, int) else _div(a, b)
    return a // b


def _mod(a: Any, b: Any) -> Any:
    if b == 0:
        return 0 if isinstance(a, int) else math.nan
    return a % b


def _pow(a: Any, b: Any) -> Any:
    if isinstance(a, int) and isinstance(b, int):
        if b < 0:
            raise ValueError("Integers to negative integer powers are not allowed.")
        return a**b
    try:
        result = a**b
    except ZeroDivisionError:
        return math.inf
    except OverflowError:
        return math.inf
    if isinstance(result, complex) and not isinstance(a, complex):
        return math.nan  # a negative float to a fractional power
    return result


def comparable(v: Any) -> Any:
    # Complex values compare lexicographically in NumPy.
    return (v.real, v.imag) if isinstance(v, complex) else v


def _compare(fn: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    return lambda a, b: fn(comparable(a), comparable(b))


# name -> (elementwise function, what kinds it accepts)
BINARY: dict[str, tuple[Callable[[Any, Any], Any], str]] = {
    "add": (operator.add, "biufc"),
    "sub": (operator.sub, "iufc"),
    "mul": (operator.mul, "biufc"),
    "truediv": (_div, "biufc"),
    "floordiv": (_floordiv, "biuf"),
    "mod": (_mod, "biuf"),
    "pow": (_pow, "biufc"),
    "and": (operator.and_, "biu"),
    "or": (operator.or_, "biu"),
    "xor": (operator.xor, "biu"),
    "lshift": (operator.lshift, "iu"),
    "rshift": (operator.rshift, "iu"),
    "eq": (operator.eq, "biufc"),
    "ne": (operator.ne, "biufc"),
    "lt": (_compare(operator.lt), "biufc"),
    "le": (_compare(operator.le), "biufc"),
    "gt": (_compare(operator.gt), "biufc"),
    "ge": (_compare(operator.ge), "biufc"),
}
COMPARISONS = frozenset({"eq", "ne", "lt", "le", "gt", "ge"})
UNARY: dict[str, tuple[Callable[[Any], Any], str]] = {
    "neg": (operator.neg, "iufc"),
    "pos": (operator.pos, "iufc"),
    "abs": (abs, "biufc"),
    "invert": (lambda v: (not v) if isinstance(v, bool) else ~v, "biu"),
}
_REFLECTED = [n for n in BINARY if n not in COMPARISONS]
# The one table the operator dunders are generated from.
OPERATORS: tuple[str, ...] = (
    *BINARY,
    *(f"r{n}" for n in _REFLECTED),
    *(f"i{n}" for n in _REFLECTED),
    *UNARY,
)


def operator_method(name: str) -> Callable[..., Any]:
    """The dunder for one entry of `OPERATORS`."""
    if name in UNARY:
        return lambda self: unary(name, self)
    if name in BINARY:
        return lambda self, other: binary(name, self, other)
    if name.startswith("r") and name[1:] in BINARY:
        return lambda self, other: binary(name[1:], other, self)
    return lambda self, other: inplace(name[1:], self, other)


def _is_scalar(x: Any) -> bool:
    return isinstance(x, (bool, int, float, complex))


def _operand(x: Any) -> ndarray:
    from reference_impl.creation import asarray

    return asarray(x)


def _resolve(name: str, left: Any, right: Any) -> tuple[DType, DType]:
    """(computation type, result type) of ``left <name> right``, weak Python scalars included."""
    if _is_scalar(left) and _is_scalar(right):
        raise TypeError("at least one operand must be an array")
    if _is_scalar(right):
        dt = (
            weak_scalar_type(right, left.dtype)
            if name not in COMPARISONS
            else (_comparison_scalar_type(right, left.dtype))
        )
        dt = result_type(left.dtype, dt)
    elif _is_scalar(left):
        dt = (
            weak_scalar_type(left, right.dtype)
            if name not in COMPARISONS
            else (_comparison_scalar_type(left, right.dtype))
        )
        dt = result_type(dt, right.dtype)
    else:
        dt = result_type(left.dtype, right.dtype)
    _fn, kinds = BINARY[name]
    if dt.kind not in kinds:
        raise TypeError(f"ufunc {name!r} not supported for the input types ({dt.name})")
    if name in COMPARISONS:
        return dt, DTYPES["bool"]
    if name == "truediv" and dt.kind in "biu":
        dt = DTYPES["float64"]
    elif name in ("floordiv", "mod", "pow") and dt.kind == "b":
        dt = DTYPES["int8"]
    return dt, dt


def _comparison_scalar_type(value: Any, dt: DType) -> DType:
    # NumPy 2 compares out-of-range Python integers exactly instead of raising.
    if isinstance(value, int) and not isinstance(value, bool) and dt.kind in "iu":
        return dt
    return weak_scalar_type(value, dt)


def _trivial_order(arrays: list[ndarray], loop: list[DType]) -> str | None:
    """'C' or 'F' when NumPy's ufunc takes its trivial path (no iterator), else None.

    That path (``check_for_trivial_loop`` and ``try_trivial_single_output_loop``) needs
    inputs of one shape (0-d ones aside), N-d inputs that need no cast and are contiguous
    with the same pair of contiguity flags; the output is then F only for F-only inputs.
    """
    shape, flags = None, None
    for a, dt in zip(arrays, loop, strict=True):
        if a.ndim >= 2 and a.dtype is not dt:
            return None
        if a.ndim == 0:
            continue
        if shape is None:
            shape = a.shape
        elif a.shape != shape:
            return None
        if a.ndim >= 2:
            pair = (is_contiguous(a._layout, "C"), is_contiguous(a._layout, "F"))
            if not any(pair) or (flags is not None and pair != flags):
                return None
            flags = pair
    return "F" if flags == (False, True) else "C"


def elementwise(
    fn: Callable[..., Any],
    arrays: list[ndarray],
    compute: list[DType | None],
    out_dtype: DType,
    scalar_if_0d: bool = False,
    loop: list[DType] | None = None,
) -> Any:
    """Apply ``fn`` over broadcast arrays into a fresh array laid out as NumPy does.

    ``loop`` (the ufunc loop's input types) allows NumPy's trivial path; without it (or when
    the path does not apply) the layout is the iterator's (order='K').
    """
    shape = broadcast_shapes(*(a.shape for a in arrays))
    views = [broadcast_view(a, shape) for a in arrays]
    trivial = None if loop is None else _trivial_order(arrays, loop)
    if trivial is not None:
        strides = contiguous_strides(shape, out_dtype.itemsize, trivial)
    else:
        order = iteration_order(shape, [v.strides for v in views])
        strides = dense_strides(shape, order, out_dtype.itemsize)
    columns = [
        v._values() if dt is None else [cast_value(x, dt) for x in v._values()]
        for v, dt in zip(views, compute, strict=True)
    ]
    values = [fn(*xs) for xs in zip(*columns, strict=True)]
    if scalar_if_0d and not shape:
        # Note: as a ufunc, a 0-d result is a scalar; here the Python value.
        return cast_value(values[0], out_dtype)
    return from_values(values, shape, out_dtype, strides=strides)


def binary(name: str, left: Any, right: Any) -> Any:
    """``left <name> right`` for arrays and Python scalars."""
    if not isinstance(left, ndarray) and not _is_scalar(left):
        left = _operand(left)
    if not isinstance(right, ndarray) and not _is_scalar(right):
        right = _operand(right)
    if name == "truediv":
        # NumPy's true division resolves integer inputs straight to float64, so a Python int
        # is never checked against the array's integer type.
        left, right = (
            float(x) if isinstance(x, int) and not isinstance(x, bool) else x for x in (left, right)
        )
    compute, out = _resolve(name, left, right)
    fn = BINARY[name][0]
    if name in COMPARISONS:
        # Integers compare exactly (NumPy 2 does, even out of the type's range); everything
        # else is first cast to the computation type.
        def cast(x: Any) -> Any:
            if isinstance(x, int) and not isinstance(x, bool) and compute.kind in "iu":
                return x
            return cast_value(x, compute)

        def fn2(a: Any, b: Any) -> Any:
            return BINARY[name][0](cast(a), cast(b))

        fn = fn2
    arrays = [_operand(x) if _is_scalar(x) else x for x in (left, right)]
    if name not in COMPARISONS:
        return elementwise(
            fn, arrays, [compute, compute], out, scalar_if_0d=True, loop=[compute, compute]
        )
    return elementwise(fn, arrays, [None, None], out, scalar_if_0d=True, loop=[compute, compute])


def inplace(name: str, target: ndarray, other: Any) -> ndarray:
    """``target <name>= other``: writes into ``target`` and returns the same object."""
    if not target._writeable:
        raise ValueError("output array is read-only")
    compute, out = _resolve(name, target, other)
    if not can_cast_same_kind(out, target.dtype):
        raise TypeError(
            f"Cannot cast ufunc {name!r} output from {out!r} to {target.dtype!r} "
            "with casting rule 'same_kind'"
        )
    other_arr = _operand(other)
    shape = broadcast_shapes(target.shape, other_arr.shape)
    if shape != target.shape:
        raise ValueError(
            f"non-broadcastable output operand with shape {target.shape} "
            f"doesn't match the broadcast shape {shape}"
        )
    fn = BINARY[name][0]
    # All values are computed before any is written: NumPy also behaves as if inputs that
    # overlap the output were copied first.
    a = [cast_value(x, compute) for x in target._values()]
    b = [cast_value(x, compute) for x in broadcast_view(other_arr, shape)._values()]
    assign_values(target, [fn(x, y) for x, y in zip(a, b, strict=True)])
    return target


def can_cast_same_kind(src: DType, dst: DType) -> bool:
    """NumPy's 'same_kind' casting: safe, or towards a kind later in b, u, i, f, c."""
    return can_cast_safe(src, dst) or "buifc".index(src.kind) <= "buifc".index(dst.kind)


def unary(name: str, arr: ndarray) -> ndarray:
    fn, kinds = UNARY[name]
    if arr.dtype.kind not in kinds:
        raise TypeError(f"ufunc {name!r} not supported for the input type {arr.dtype.name}")
    out = arr.dtype
    if name == "abs" and out.kind == "c":
        out = DTYPES["float32" if out.itemsize == 8 else "float64"]
    return elementwise(fn, [arr], [None], out, scalar_if_0d=True, loop=[arr.dtype])


_MISSING = object()


def where(condition: Any, x: Any = _MISSING, y: Any = _MISSING) -> Any:
    """``where(c, x, y)``: a fresh array; Python scalars in ``x``/``y`` are weak, as in NumPy.

    ``where(c)`` is ``nonzero(c)``.
    """
    if x is _MISSING and y is _MISSING:
        from reference_impl.indexing import nonzero

        return nonzero(condition)
    if x is _MISSING or y is _MISSING:
        raise ValueError("either both or neither of x and y should be given")
    c = _operand(condition)
    if _is_scalar(x) and _is_scalar(y):
        dt = result_type(_operand(x).dtype, _operand(y).dtype)
    elif _is_scalar(x):
        dt = result_type(weak_scalar_type(x, _operand(y).dtype), _operand(y).dtype)
    elif _is_scalar(y):
        dt = result_type(_operand(x).dtype, weak_scalar_type(y, _operand(x).dtype))
    else:
        dt = result_type(_operand(x).dtype, _operand(y).dtype)
    arrays = [c, _operand(x), _operand(y)]
    return elementwise(lambda ci, xi, yi: xi if ci else yi, arrays, [DTYPES["bool"], dt, dt], dt)


def fill(arr: ndarray, value: Any) -> None:
    arr._check_writeable()
    if isinstance(value, int):
        check_python_int(value, arr.dtype)
    value = cast_value(value, arr.dtype)
    lay = arr._layout
    for off in _buffer.element_offsets(lay.offset, lay.shape, lay.strides):
        _buffer.write(arr._buffer, off, arr.dtype, value)


def take(arr: Any, indices: Any, axis: int | None = None) -> Any:
    """``take``: a fresh C-ordered array (a scalar for a scalar index with ``axis=None``)."""
    from reference_impl.indexing import getitem
    from reference_impl.reshape import ravel

    arr = _operand(arr)
    if axis is None:
        arr, axis = ravel(arr), 0
    elif arr.ndim == 0:
        arr = ravel(arr)  # NumPy's PyArray_CheckAxis treats a 0-d array as 1-d
    axis = normalize_axis(axis, arr.ndim)
    idx = _operand(indices)
    if idx.size == 0 and isinstance(indices, (list, tuple)):
        idx = idx.astype(DTYPES["int64"])  # an empty list is an empty integer index
    if idx.dtype.kind not in "iu":
        raise TypeError("Cannot cast array data from dtype('float64') to dtype('int64')")
    n = arr.shape[axis]
    shape = arr.shape[:axis] + idx.shape + arr.shape[axis + 1 :]
    if n == 0 and prod(shape):
        raise IndexError("cannot do a non-empty take from an empty axes.")
    if prod(arr.shape[:axis]) == 0:
        # NumPy checks the indices inside its copy loop, which an empty outer part skips.
        return from_values([], shape, arr.dtype)
    for i in idx._values():
        if not -n <= i < n:
            raise IndexError(f"index {i} is out of bounds for axis {axis} with size {n}")
    result = getitem(arr, (slice(None),) * axis + (idx,))
    if isinstance(result, ndarray):  # NumPy's take allocates its own C-ordered result
        result = from_values(result._values(), result.shape, result.dtype)
    return result


def _sort_key(v: Any) -> Any:
    # NumPy sorts NaN to the end; complex values lexicographically.
    if isinstance(v, complex):
        return (math.isnan(v.real), v.real, math.isnan(v.imag), v.imag)
    if isinstance(v, float):
        return (math.isnan(v), v)
    return (False, v)


def sort_inplace(arr: ndarray, axis: int = -1) -> None:
    """``a.sort(axis)``: sorts the elements in place, along one axis."""
    from reference_impl.manipulation import moveaxis

    axis = normalize_axis(axis, arr.ndim)  # NumPy checks the axis before writeability
    arr._check_writeable()
    moved = moveaxis(arr, axis, -1)
    n = moved.shape[-1]
    if moved.size == 0:
        return
    values = moved._values()
    rows = [sorted(values[i : i + n], key=_sort_key) for i in range(0, len(values), n)]
    assign_values(moved, [v for row in rows for v in row])


def sort(arr: Any, axis: int | None = -1) -> ndarray:
    """``sort(a)``: a sorted copy in order='K' (or flattened for ``axis=None``)."""
    from reference_impl.conversion import copy
    from reference_impl.reshape import flatten

    arr = _operand(arr)
    result = flatten(arr) if axis is None else copy(arr, "K")
    sort_inplace(result, -1 if axis is None else axis)
    return result
