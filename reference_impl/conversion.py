"""Copies and type changes of arrays: ``copy``, ``astype``, ``view``, ``.real``/``.imag``.

A copy is a fresh owning array laid out by ``order``: C, F, A (F only for an array that is
F- and not C-contiguous) or K (the input's axis order, ``PyArray_NewLikeArray``).
"""

from __future__ import annotations

from typing import Any

from reference_impl.array import allocate, assign_values, make_view, ndarray
from reference_impl.dtypes import DTYPES, DType, cast_value, dtype
from reference_impl.exceptions import warn_if_complex_to_real
from reference_impl.layout import Layout, is_contiguous, keep_order_strides


def fresh_like(arr: ndarray, order: str = "K", dt: DType | None = None) -> ndarray:
    """A fresh zero-filled array shaped like ``arr`` in ``order``."""
    dt = arr.dtype if dt is None else dt
    if order == "A":
        order = "F" if is_contiguous(arr._layout, "F") and not arr.flags.c_contiguous else "C"
    if order == "K":
        return allocate(arr.shape, dt, strides=keep_order_strides(arr._layout, dt.itemsize))
    if order not in ("C", "F"):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    return allocate(arr.shape, dt, order)


def copy(arr: ndarray, order: str = "K") -> ndarray:
    """A fresh owning copy (``ndarray.copy`` defaults to 'C', ``copy()`` to 'K')."""
    result = fresh_like(arr, order)
    assign_values(result, arr._values())
    return result


def _order_ok(arr: ndarray, order: str) -> bool:
    lay = arr._layout
    if order == "C":
        return is_contiguous(lay, "C")
    if order == "F":
        return is_contiguous(lay, "F")
    if order == "A":
        return is_contiguous(lay, "C") or is_contiguous(lay, "F")
    return True


def astype(arr: ndarray, dt: Any, order: str = "K", copy: bool = True) -> ndarray:
    """The values cast to ``dt``; with ``copy=False`` the input itself when nothing changes."""
    dt = dtype(dt)
    if not copy and dt is arr.dtype and _order_ok(arr, order):
        return arr
    warn_if_complex_to_real(arr.dtype.kind, dt.kind)
    result = fresh_like(arr, order, dt)
    assign_values(result, [cast_value(v, dt) for v in arr._values()])
    return result


def view(arr: ndarray, dt: Any = None) -> ndarray:
    """A view with another dtype; an itemsize change rescales the last axis."""
    if dt is None:
        return make_view(arr, arr._layout)
    dt = dtype(dt)
    lay = arr._layout
    if dt.itemsize == arr.itemsize:
        return make_view(arr, Layout(lay.offset, lay.shape, lay.strides, dt.itemsize), dt)
    if arr.ndim == 0:
        raise ValueError(
            "Changing the dtype of a 0d array is only supported if the itemsize is unchanged"
        )
    n, s = lay.shape[-1], lay.strides[-1]
    if n != 1 and arr.size != 0 and s != arr.itemsize:
        raise ValueError(
            "To change to a dtype of a different size, the last axis must be contiguous"
        )
    if dt.itemsize < arr.itemsize:
        if arr.itemsize % dt.itemsize:
            raise ValueError(
                "When changing to a smaller dtype, its size must be a divisor of "
                "the size of original dtype"
            )
        n = n * (arr.itemsize // dt.itemsize)
    else:
        if (n * arr.itemsize) % dt.itemsize:
            raise ValueError(
                "When changing to a larger dtype, its size must be a divisor of "
                "the total size in bytes of the last axis of the array."
            )
        n = n * arr.itemsize // dt.itemsize
    layout = Layout(lay.offset, (*lay.shape[:-1], n), (*lay.strides[:-1], dt.itemsize), dt.itemsize)
    return make_view(arr, layout, dt)


def _part(arr: ndarray, delta: int) -> ndarray:
    part = DTYPES["float32" if arr.itemsize == 8 else "float64"]
    lay = arr._layout
    return make_view(arr, Layout(lay.offset + delta, lay.shape, lay.strides, part.itemsize), part)


def real(arr: ndarray) -> ndarray:
    """Complex: a view of the real parts (same strides). Otherwise the array itself."""
    return _part(arr, 0) if arr.dtype.kind == "c" else arr


def imag(arr: ndarray) -> ndarray:
    """Complex: a view of the imaginary parts. Otherwise a fresh read-only array of zeros."""
    if arr.dtype.kind == "c":
        return _part(arr, arr.itemsize // 2)
    zeros = fresh_like(arr, "A")  # NumPy: F order only for an F-and-not-C-contiguous input
    zeros._writeable = False
    return zeros
