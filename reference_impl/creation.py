"""Making arrays: ``array``/``asarray`` (with NumPy's ``copy=`` and ``order=`` rules), ``copy``,
``zeros``, ``ones``, ``empty``, ``full``, the ``*_like`` functions and ``arange``.

Python scalars and nested lists become fresh arrays; so do objects exposing
``__array_interface__`` or the buffer protocol, whose bytes are copied in.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any

from reference_impl.arithmetic import fill
from reference_impl.array import allocate, assign_values, from_values, make_view, ndarray
from reference_impl.buffer import Buffer
from reference_impl.coerce import as_shape
from reference_impl.conversion import astype, fresh_like
from reference_impl.conversion import copy as copy_array
from reference_impl.dtypes import (
    DTYPES,
    DType,
    check_python_int,
    python_scalar_dtype,
    result_type,
)
from reference_impl.dtypes import dtype as to_dtype
from reference_impl.layout import Layout, is_contiguous
from reference_impl.reshape import is_fortran

_SCALARS = (bool, int, float, complex)


def _from_nested(obj: Any) -> ndarray:
    """A fresh C-ordered array from a Python scalar or nested sequences."""
    leaves: list[Any] = []
    dtypes: list[DType] = []
    shape: list[int] = []
    depths: set[int] = set()

    def walk(x: Any, depth: int) -> None:
        if isinstance(x, ndarray) or hasattr(x, "__array_interface__"):
            x = _as_ref(x)
            dtypes.append(x.dtype)
            x = x.tolist()
        if isinstance(x, (list, tuple)):
            if depth == len(shape):
                shape.append(len(x))
            elif depth > len(shape) or shape[depth] != len(x):
                raise ValueError(_RAGGED)
            for item in x:
                walk(item, depth + 1)
            return
        if not isinstance(x, _SCALARS):
            raise TypeError(f"cannot make an array from {type(x).__name__!r} objects")
        depths.add(depth)
        leaves.append(x)
        dtypes.append(python_scalar_dtype(x))

    walk(obj, 0)
    if depths and depths != {len(shape)}:
        raise ValueError(_RAGGED)
    dt = result_type(*dtypes) if dtypes else DTYPES["float64"]
    return from_values(leaves, tuple(shape), dt)


_RAGGED = "setting an array element with a sequence. The requested array has an inhomogeneous shape"


def _from_interface(obj: Any) -> ndarray:
    """Copy the bytes an ``__array_interface__`` describes into a fresh array (same layout)."""
    iface = obj.__array_interface__
    dt = to_dtype(iface["typestr"])
    shape = tuple(iface["shape"])
    data = iface["data"]
    if isinstance(data, tuple):  # (address, read-only flag)
        address = data[0]

        def fetch(lo: int, n: int) -> bytes:
            return ctypes.string_at(lo, n)
    else:  # an object exposing the buffer protocol (NumPy scalars do this)
        raw, address = memoryview(data).cast("B").tobytes(), 0

        def fetch(lo: int, n: int) -> bytes:
            return raw[lo : lo + n]

    strides = iface.get("strides") or _c_strides(shape, dt)
    layout = Layout(address + iface.get("offset", 0), shape, strides, dt.itemsize)
    lo, hi = layout.extent
    foreign = allocate((), dt)
    foreign._buffer = Buffer(hi - lo)
    if hi > lo:
        foreign._buffer.data[:] = fetch(lo, hi - lo)
    foreign._layout = Layout(layout.offset - lo, shape, layout.strides, dt.itemsize)
    return copy_array(foreign, "K")


def _c_strides(shape: tuple[int, ...], dt: DType) -> tuple[int, ...]:
    from reference_impl.layout import contiguous_strides

    return contiguous_strides(shape, dt.itemsize)


def _from_buffer_protocol(obj: Any) -> ndarray:
    view = memoryview(obj)
    code = view.format.lstrip("@=<>!")
    dt = to_dtype(code)
    arr = allocate(tuple(view.shape or ()), dt)
    arr._buffer.data[: view.nbytes] = view.tobytes()
    return arr


def _as_ref(obj: Any) -> ndarray:
    if isinstance(obj, ndarray):
        return obj
    if hasattr(obj, "__array_interface__"):
        # Note: NumPy would wrap the foreign memory without copying; the bytes are copied here.
        return _from_interface(obj)
    if isinstance(obj, (bytearray, memoryview)) or type(obj).__name__ == "array":
        # Note: the same copy-in for the buffer protocol (NumPy makes a view).
        return _from_buffer_protocol(obj)
    return _from_nested(obj)


def _prepend_ones(arr: ndarray, ndmin: int, order: str) -> ndarray:
    """A view with leading length-1 axes (NumPy's ``_prepend_ones``, strides included)."""
    extra = ndmin - arr.ndim
    lay = arr._layout
    if order == "F" or is_fortran(arr) or arr.ndim == 0:
        stride = arr.itemsize
    else:
        stride = lay.strides[0] * lay.shape[0]
    return make_view(
        arr,
        Layout(lay.offset, (1,) * extra + lay.shape, (stride,) * extra + lay.strides, arr.itemsize),
    )


def _check_values_fit(obj: Any, dt: DType) -> None:
    """NumPy 2 refuses Python ints that do not fit an explicitly requested integer dtype."""
    if isinstance(obj, (list, tuple)):
        for x in obj:
            _check_values_fit(x, dt)
    elif isinstance(obj, int):
        check_python_int(obj, dt)


def array(
    obj: Any,
    dtype: Any = None,
    *,
    copy: bool | None = True,
    order: str | None = "K",
    ndmin: int = 0,
) -> ndarray:
    """NumPy's ``array``: ``copy=True`` always copies, ``None`` only if needed, ``False`` never."""
    order = "K" if order is None else order.upper()
    if order not in ("C", "F", "A", "K"):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    dt = None if dtype is None else to_dtype(dtype)
    if isinstance(obj, ndarray):
        source, fresh = obj, False
    else:
        if copy is False:
            # Note: foreign memory is always copied in here, so copy=False cannot be honoured.
            raise ValueError("Unable to avoid copy while creating an array as requested.")
        if dt is not None:
            _check_values_fit(obj, dt)
        source, fresh = _as_ref(obj), True
    target = source.dtype if dt is None else dt
    lay = source._layout
    order_ok = (order != "C" or is_contiguous(lay, "C")) and (
        order != "F" or is_contiguous(lay, "F")
    )
    if not fresh and (copy is True or target is not source.dtype or not order_ok):
        if copy is False:
            raise ValueError("Unable to avoid copy while creating an array as requested.")
        source = _copy_as(source, target, order)
    elif fresh and (target is not source.dtype or not order_ok):
        source = _copy_as(source, target, order)
    return _prepend_ones(source, ndmin, order) if source.ndim < ndmin else source


def _copy_as(arr: ndarray, dt: DType, order: str) -> ndarray:
    """The copy ``array()`` makes (``_array_fromobject_generic``): its order depends on
    whether the dtype changes. Same dtype: ``PyArray_NewCopy`` (order 'A' is F for an
    F-only-contiguous input, else C). New dtype: C or F when asked, else F for an
    F-only-contiguous input and the input's own layout (K) otherwise."""
    if dt is arr.dtype:
        if order == "A":
            order = "F" if is_fortran(arr) else "C"
    elif order in ("A", "K"):
        order = "F" if is_fortran(arr) else "K"
    return astype(arr, dt, order=order, copy=True)


def _check_device(device: Any) -> None:
    """NumPy arrays live on the CPU: ``device`` may be None or ``"cpu"`` only."""
    if device is not None and device != "cpu":
        raise ValueError(f'Device not understood. Only "cpu" is allowed, but received: {device}')


def asarray(
    obj: Any,
    dtype: Any = None,
    order: str | None = None,
    *,
    device: Any = None,
    copy: bool | None = None,
) -> ndarray:
    """The input itself when it already is a matching array (``copy=None``), else a new one."""
    _check_device(device)
    return array(obj, dtype, copy=copy, order=order)


def asanyarray(
    obj: Any,
    dtype: Any = None,
    order: str | None = None,
    *,
    device: Any = None,
    copy: bool | None = None,
) -> ndarray:
    _check_device(device)
    return array(obj, dtype, copy=copy, order=order)


#: ``require``'s requirement letters and names, by the flag they ask for.
_REQUIREMENTS = {
    "C": "C",
    "C_CONTIGUOUS": "C",
    "CONTIGUOUS": "C",
    "F": "F",
    "F_CONTIGUOUS": "F",
    "FORTRAN": "F",
    "A": "A",
    "ALIGNED": "A",
    "W": "W",
    "WRITEABLE": "W",
    "O": "O",
    "OWNDATA": "O",
    "E": "E",
    "ENSUREARRAY": "E",
}
_FLAG_OF = {"C": "c_contiguous", "F": "f_contiguous", "W": "writeable", "O": "owndata"}


def require(a: Any, dtype: Any = None, requirements: Any = None) -> ndarray:
    """``a`` itself when it meets ``requirements`` (none given: ``asanyarray``), else a copy.

    Note: every reference_impl array is aligned, so the ``A`` requirement always holds.
    """
    if not requirements:
        return asanyarray(a, dtype=dtype)
    # Note: as in NumPy, a string is iterated letter by letter ("CW" asks for C and W).
    wanted = {_REQUIREMENTS[r.upper()] for r in requirements}
    wanted -= {"E", "A"}
    if {"C", "F"} <= wanted:
        raise ValueError('Cannot specify both "C" and "F" order')
    order = "C" if "C" in wanted else "F" if "F" in wanted else "A"
    wanted -= {"C", "F"}
    arr = array(a, dtype, copy=None, order=order)
    for flag in sorted(wanted):
        if not getattr(arr.flags, _FLAG_OF[flag]):
            return arr.copy(order)
    return arr


def ascontiguousarray(obj: Any, dtype: Any = None) -> ndarray:
    """At least 1-D and C-contiguous; the input itself when it already is."""
    return array(obj, dtype, copy=None, order="C", ndmin=1)


def asfortranarray(obj: Any, dtype: Any = None) -> ndarray:
    """At least 1-D and F-contiguous; the input itself when it already is."""
    return array(obj, dtype, copy=None, order="F", ndmin=1)


def copy(obj: Any, order: str = "K") -> ndarray:
    """``copy(a)``: a fresh array keeping ``a``'s axis order by default (order='K')."""
    return array(obj, copy=True, order=order)


def zeros(shape: Any, dtype: Any = float, order: str = "C") -> ndarray:
    return allocate(as_shape(shape), to_dtype(dtype), order)


def empty(shape: Any, dtype: Any = float, order: str = "C") -> ndarray:
    # Note: NumPy leaves the memory uninitialised; here it is zero-filled.
    return allocate(as_shape(shape), to_dtype(dtype), order)


def ones(shape: Any, dtype: Any = float, order: str = "C") -> ndarray:
    return full(shape, 1, dtype, order)


def full(shape: Any, fill_value: Any, dtype: Any = None, order: str = "C") -> ndarray:
    dt = asarray(fill_value).dtype if dtype is None else to_dtype(dtype)
    arr = allocate(as_shape(shape), dt, order)
    if isinstance(fill_value, (ndarray, list, tuple)):
        from reference_impl.manipulation import broadcast_to

        assign_values(arr, broadcast_to(asarray(fill_value), arr.shape)._values())
    else:
        fill(arr, fill_value)
    return arr


def _like(proto: Any, dtype: Any, order: str) -> ndarray:
    proto = asarray(proto)
    return fresh_like(proto, order, None if dtype is None else to_dtype(dtype))


def zeros_like(a: Any, dtype: Any = None, order: str = "K") -> ndarray:
    return _like(a, dtype, order)


def empty_like(a: Any, dtype: Any = None, order: str = "K") -> ndarray:
    # Note: zero-filled, as `empty`.
    return _like(a, dtype, order)


def ones_like(a: Any, dtype: Any = None, order: str = "K") -> ndarray:
    return full_like(a, 1, dtype, order)


def full_like(a: Any, fill_value: Any, dtype: Any = None, order: str = "K") -> ndarray:
    arr = _like(a, dtype, order)
    fill(arr, fill_value)
    return arr


def arange(start: Any, stop: Any = None, step: Any = None, dtype: Any = None) -> ndarray:
    """Evenly spaced values; the length and the values are computed as NumPy does."""
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    if step == 0:
        raise ZeroDivisionError("division by zero")
    if dtype is None:
        dt = result_type(*(python_scalar_dtype(v) for v in (start, stop, step)))
        if dt.kind == "b":
            dt = DTYPES["int64"]
    else:
        dt = to_dtype(dtype)
    if all(isinstance(v, int) for v in (start, stop, step)):
        length = max(0, -((start - stop) // step))
        values = [start + i * step for i in range(length)]
    else:
        length = max(0, math.ceil((stop - start) / step))
        # NumPy fills from the first two values: start + i * (second - first).
        delta = (start + step) - start
        values = [start + i * delta for i in range(length)]
    arr = allocate((length,), dt)
    assign_values(arr, values)
    return arr
