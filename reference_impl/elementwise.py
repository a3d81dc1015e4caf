"""Elementwise functions with NumPy's ufunc rules: fresh results, or ``out=`` (the same object).

Without ``out`` a result is a fresh array laid out as NumPy's ufunc machinery lays it out
(`arithmetic.elementwise`); a 0-d result is a scalar. With ``out`` the values are written into
``out`` and ``out`` itself is returned, after NumPy's checks in NumPy's order: ``out`` is an
array, writeable, the result casts to it under 'same_kind', and the inputs broadcast to its
shape without broadcasting it. Values are computed before any is written, so inputs that
overlap ``out`` behave as if copied first (as NumPy guarantees).

Also here: ``round`` (a copy for integers, like NumPy), ``clip`` and the ``real``/``imag``
functions (which return ``x.real``/``x.imag``, so the same object for real input).
"""

from __future__ import annotations

import builtins
import math
import operator
from collections.abc import Callable
from typing import Any

from reference_impl.arithmetic import binary, can_cast_same_kind, elementwise
from reference_impl.array import assign_values, ndarray
from reference_impl.dtypes import (
    DTYPES,
    DType,
    cast_value,
    int_bounds,
    result_type,
    weak_scalar_type,
)
from reference_impl.manipulation import broadcast_shapes, broadcast_view


def _is_scalar(x: Any) -> bool:
    return isinstance(x, (bool, int, float, complex))


def _asarray(x: Any) -> ndarray:
    from reference_impl.creation import asarray

    return x if isinstance(x, ndarray) else asarray(x)


def _key(v: Any) -> Any:
    # NumPy orders complex values lexicographically.
    return (v.real, v.imag) if isinstance(v, complex) else v


def _is_nan(v: Any) -> bool:
    if isinstance(v, complex):
        return math.isnan(v.real) or math.isnan(v.imag)
    return isinstance(v, float) and math.isnan(v)


def _extremum(pick: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    """NumPy's maximum/minimum: the first NaN wins, otherwise ``a`` unless ``pick(b, a)``."""

    def fn(a: Any, b: Any) -> Any:
        if _is_nan(a):
            return a
        if _is_nan(b):
            return b
        return b if pick(_key(b), _key(a)) else a

    return fn


_maximum = _extremum(operator.gt)
_minimum = _extremum(operator.lt)


def _integral(fn: Callable[[float], float]) -> Callable[[Any], Any]:
    """floor/ceil/trunc/rint: integers and booleans pass unchanged; floats keep inf, NaN, -0."""

    def apply(v: Any) -> Any:
        if not isinstance(v, float) or math.isinf(v) or math.isnan(v):
            return v
        return math.copysign(float(fn(v)), v)  # the sign survives a zero result, as in C

    return apply


def _rint(v: float) -> float:
    return float(builtins.round(v))  # Python rounds halves to even, as rint does


# -- dtype resolution ---------------------------------------------------------------------------


def _types(kinds: str, name: str, *operands: Any) -> DType:
    """The loop type of a ufunc over arrays and weak Python scalars (NEP 50)."""
    arrays = [x.dtype for x in operands if isinstance(x, ndarray)]
    if not arrays:
        arrays = [_asarray(x).dtype for x in operands]
    strong = result_type(*arrays)
    dts = [x.dtype if isinstance(x, ndarray) else weak_scalar_type(x, strong) for x in operands]
    dt = result_type(*dts)
    if dt.kind not in kinds:
        raise TypeError(
            f"ufunc {name!r} did not contain a loop with signature matching types ({dt.name})"
        )
    return dt


def _output(out: Any) -> ndarray | None:
    """NumPy's ``out=`` argument: None, an array, or a tuple holding one array."""
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError("The 'out' tuple must have exactly one entry per ufunc output")
        out = out[0]
    if out is not None and not isinstance(out, ndarray):
        raise TypeError("return arrays must be of ArrayType")
    return out


def _ufunc(
    name: str, fn: Callable[..., Any], operands: list[Any], compute: DType, result: DType, out: Any
) -> Any:
    """Apply ``fn`` over ``operands`` (cast to ``compute``) into a fresh array or ``out``."""
    target = _output(out)
    arrays = [_asarray(x) for x in operands]
    if target is None:
        return elementwise(
            fn,
            arrays,
            [compute] * len(arrays),
            result,
            scalar_if_0d=True,
            loop=[compute] * len(arrays),
        )
    if not target._writeable:
        raise ValueError("output array is read-only")
    if not can_cast_same_kind(result, target.dtype):
        raise TypeError(
            f"Cannot cast ufunc {name!r} output from {result!r} to "
            f"{target.dtype!r} with casting rule 'same_kind'"
        )
    shape = broadcast_shapes(*(a.shape for a in arrays), target.shape)
    if shape != target.shape:
        raise ValueError(
            f"non-broadcastable output operand with shape {target.shape} doesn't "
            f"match the broadcast shape {shape}"
        )
    columns = [[cast_value(v, compute) for v in broadcast_view(a, shape)._values()] for a in arrays]
    values = [cast_value(fn(*xs), result) for xs in zip(*columns, strict=True)]
    assign_values(target, [cast_value(v, target.dtype) for v in values])
    return target


# -- binary ufuncs ------------------------------------------------------------------------------


def _binary(name: str, op: str, x1: Any, x2: Any, out: Any) -> Any:
    if out is None:
        return binary(op, x1, x2)  # exactly the operator's result
    fn = {"add": operator.add, "subtract": operator.sub, "multiply": operator.mul}[name]
    kinds = "biufc" if name != "subtract" else "iufc"
    _output(out)  # NumPy checks the argument before the operands' types
    dt = _types(kinds, name, *_weak_pair(x1, x2))
    return _ufunc(name, fn, [x1, x2], dt, dt, out)


def _weak_pair(x1: Any, x2: Any) -> list[Any]:
    """Operands with array-likes (lists) made arrays; Python scalars stay weak."""
    return [x if _is_scalar(x) else _asarray(x) for x in (x1, x2)]


def add(x1: Any, x2: Any, /, out: Any = None) -> Any:
    return _binary("add", "add", x1, x2, out)


def subtract(x1: Any, x2: Any, /, out: Any = None) -> Any:
    return _binary("subtract", "sub", x1, x2, out)


def multiply(x1: Any, x2: Any, /, out: Any = None) -> Any:
    return _binary("multiply", "mul", x1, x2, out)


def maximum(x1: Any, x2: Any, /, out: Any = None) -> Any:
    """Elementwise maximum; NaN propagates, complex values compare lexicographically."""
    _output(out)
    dt = _types("biufc", "maximum", *_weak_pair(x1, x2))
    return _ufunc("maximum", _maximum, [x1, x2], dt, dt, out)


def minimum(x1: Any, x2: Any, /, out: Any = None) -> Any:
    """Elementwise minimum; NaN propagates, complex values compare lexicographically."""
    _output(out)
    dt = _types("biufc", "minimum", *_weak_pair(x1, x2))
    return _ufunc("minimum", _minimum, [x1, x2], dt, dt, out)


# -- unary ufuncs -------------------------------------------------------------------------------


def _unary(name: str, fn: Callable[[Any], Any], kinds: str, x: Any, out: Any) -> Any:
    _output(out)
    x = _asarray(x)
    dt = x.dtype
    if dt.kind not in kinds:
        raise TypeError(
            f"ufunc {name!r} did not contain a loop with signature matching types ({dt.name})"
        )
    if name == "conjugate" and dt.kind == "b":
        dt = DTYPES["int8"]  # conjugate has no boolean loop; int8 is the first safe one
    return _ufunc(name, fn, [x], dt, dt, out)


def positive(x: Any, /, out: Any = None) -> Any:
    return _unary("positive", operator.pos, "iufc", x, out)


def negative(x: Any, /, out: Any = None) -> Any:
    return _unary("negative", operator.neg, "iufc", x, out)


def conjugate(x: Any, /, out: Any = None) -> Any:
    """The ufunc: a fresh array even for real input (``ndarray.conj()`` returns the input)."""
    return _unary("conjugate", lambda v: v.conjugate(), "biufc", x, out)


conj = conjugate


def floor(x: Any, /, out: Any = None) -> Any:
    return _unary("floor", _integral(math.floor), "biuf", x, out)


def ceil(x: Any, /, out: Any = None) -> Any:
    return _unary("ceil", _integral(math.ceil), "biuf", x, out)


def trunc(x: Any, /, out: Any = None) -> Any:
    return _unary("trunc", _integral(math.trunc), "biuf", x, out)


# -- round, clip, real, imag -------------------------------------------------------------------


def _round_float(decimals: int, dt: DType) -> Callable[[Any], Any]:
    """NumPy's float rounding: scale, rint, unscale, each step in the array's precision."""
    part = dt if dt.kind == "f" else DTYPES["float32" if dt.itemsize == 8 else "float64"]

    def one(v: float) -> float:
        if decimals == 0:
            return _integral(_rint)(v)
        if decimals > 0:
            f = cast_value(10.0**decimals, part)
            scaled = cast_value(v * f, part)
            return cast_value(_integral(_rint)(scaled) / f, part)
        f = cast_value(10.0**-decimals, part)
        scaled = cast_value(v / f, part)
        return cast_value(_integral(_rint)(scaled) * f, part)

    if dt.kind == "c":
        return lambda v: complex(one(v.real), one(v.imag))
    return one


def round(a: Any, decimals: int = 0, out: Any = None) -> Any:  # NumPy shadows the builtin too
    """``round``, with the layout of the path NumPy takes (``PyArray_Round``).

    Integers with ``decimals >= 0`` are copied in order 'K'; complex values are copied in
    order 'K' and rounded part by part; floats with ``decimals == 0`` go through the ``rint``
    ufunc (iterator layout); other floats and integers get a fresh array in order 'A'.
    A 0-d result is a scalar.
    """
    from reference_impl.conversion import copy, fresh_like

    a = _asarray(a)
    decimals = operator.index(decimals)
    dt = a.dtype
    if dt.kind == "b":
        # Note: NumPy rounds booleans to float16, a dtype reference_impl does not have.
        raise NotImplementedError("round of a boolean array gives float16 in NumPy")
    if dt.kind in "iu":
        f = 10 ** max(-decimals, 0)
        fn = (lambda v: v) if decimals >= 0 else (lambda v: int(_rint(v / f)) * f)
    else:
        fn = _round_float(decimals, dt)
    if _output(out) is not None or (dt.kind == "f" and decimals == 0):
        return _ufunc("round", fn, [a], dt, dt, out)
    if dt.kind in "iu" and decimals >= 0:
        result = copy(a, "K")
    else:
        result = fresh_like(a, "K" if dt.kind == "c" else "A")
        assign_values(result, [cast_value(fn(v), dt) for v in a._values()])
    # Note: NumPy returns a NumPy scalar for a 0-d result; here the Python value.
    return result.item() if result.ndim == 0 else result


around = round


def clip(a: Any, a_min: Any = None, a_max: Any = None, out: Any = None) -> Any:
    """``min(max(a, a_min), a_max)`` elementwise; one missing bound is NumPy's
    ``minimum``/``maximum``, both missing its ``positive``."""
    a = _asarray(a)
    if a_min is None and a_max is None:
        return positive(a, out=out)
    if a_min is None:
        return minimum(a, a_max, out=out)
    if a_max is None:
        return maximum(a, a_min, out=out)
    _output(out)
    lo, hi = (_clamped_bound(b, a.dtype) for b in (a_min, a_max))
    dt = _types("biufc", "clip", a, lo, hi)
    return _ufunc("clip", lambda v, mn, mx: _minimum(_maximum(v, mn), mx), [a, lo, hi], dt, dt, out)


def _clamped_bound(bound: Any, dt: DType) -> Any:
    # NumPy clips a Python integer bound to an integer array's range instead of raising.
    if isinstance(bound, int) and not isinstance(bound, bool) and dt.kind in "iu":
        lo, hi = int_bounds(dt)
        return min(max(bound, lo), hi)
    return bound


def real(val: Any) -> Any:
    """``val.real``: the input itself for a real array, a view of a complex one."""
    try:
        return val.real
    except AttributeError:
        return _asarray(val).real


def imag(val: Any) -> Any:
    """``val.imag``: a view of a complex array, read-only zeros for a real one."""
    try:
        return val.imag
    except AttributeError:
        return _asarray(val).imag


def absolute(x: Any, /, out: Any = None) -> Any:
    """``|x|``: a fresh array (the magnitude's real dtype for complex input), as ``abs(x)``."""
    if out is not None:
        raise NotImplementedError("absolute(out=) is not modelled")
    from reference_impl.arithmetic import unary

    return unary("abs", _asarray(x))


abs = absolute  # NumPy shadows the builtin too


#: The largest finite value of each floating kind (``finfo(dtype).max``), for ``nan_to_num``.
_FLOAT_MAX = {4: 3.4028234663852886e38, 8: 1.7976931348623157e308}
#: ``finfo(dtype).eps`` of each floating size, for ``real_if_close``.
_FLOAT_EPS = {4: 1.1920928955078125e-07, 8: 2.220446049250313e-16}


def nan_to_num(
    x: Any, copy: bool = True, nan: float = 0.0, posinf: Any = None, neginf: Any = None
) -> Any:
    """``x`` with NaN and infinities replaced, in a copy (``copy=True``) or in place.

    Non-floating input is only copied (or returned); a 0-d result is returned as its scalar.
    """
    from reference_impl.creation import array

    x = array(x, copy=copy)
    if x.dtype.kind in "fc":
        part = x.dtype.itemsize // (2 if x.dtype.kind == "c" else 1)
        big = _FLOAT_MAX[part]
        high = big if posinf is None else posinf
        low = -big if neginf is None else neginf

        def clean(v: float) -> float:
            if math.isnan(v):
                return nan
            if math.isinf(v):
                return high if v > 0 else low
            return v

        values = [
            complex(clean(v.real), clean(v.imag)) if x.dtype.kind == "c" else clean(v)
            for v in x._values()
        ]
        assign_values(x, [cast_value(v, x.dtype) for v in values])
    return x[()] if x.ndim == 0 else x


def real_if_close(a: Any, tol: float = 100) -> Any:
    """``a`` itself unless it is complex with every imaginary part below ``tol`` machine
    epsilons, in which case its ``.real`` (a view)."""
    from reference_impl.creation import asanyarray

    a = asanyarray(a)
    if a.dtype.kind != "c":
        return a
    if tol > 1:
        tol = _FLOAT_EPS[a.dtype.itemsize // 2] * tol
    if all(builtins.abs(v.imag) < tol for v in a._values()):
        a = a.real
    return a
