"""Reshape, ravel and flatten, with NumPy's rules for when each returns a view.

``reshape`` follows ``_reshape_with_copy_arg`` and ``_attempt_nocopy_reshape`` in NumPy's
``shape.c``: the same shape gives a plain view; otherwise an array not contiguous in the
requested order is reshaped without a copy when its axes can be regrouped, and else copied into
a fresh intermediate whose view is returned (``.base`` is the intermediate, ``owndata`` False).
``ravel`` has its own rules (``PyArray_Ravel``) and copies into a fresh owning array.
"""

from __future__ import annotations

from typing import Any

from reference_impl.array import from_values, make_view, ndarray
from reference_impl.coerce import as_shape
from reference_impl.layout import (
    Layout,
    contiguous_strides,
    is_contiguous,
    iteration_order,
    sorted_stride_perm,
)


def _asarray(x: Any) -> ndarray:
    from reference_impl.creation import asarray

    return asarray(x)


def is_fortran(arr: ndarray) -> bool:
    """NumPy's ``PyArray_ISFORTRAN``: F-contiguous and not C-contiguous."""
    return is_contiguous(arr._layout, "F") and not is_contiguous(arr._layout, "C")


def _new_shape(arr: ndarray, shape: Any) -> tuple[int, ...]:
    """``shape`` with one ``-1`` resolved (``_fix_unknown_dimension``)."""
    shape = as_shape(shape)
    known, unknown = 1, None
    for i, n in enumerate(shape):
        if n < 0:
            if n != -1 or unknown is not None:
                raise ValueError(
                    "can only specify one unknown dimension"
                    if n == -1
                    else "negative dimensions not allowed"
                )
            unknown = i
        else:
            known *= n
    size = arr.size
    if unknown is not None:
        if known == 0 or size % known:
            raise ValueError(f"cannot reshape array of size {size} into shape {shape}")
        shape = (*shape[:unknown], size // known, *shape[unknown + 1 :])
    elif known != size:
        raise ValueError(f"cannot reshape array of size {size} into shape {shape}")
    return shape


def _attempt_nocopy_reshape(
    arr: ndarray, newdims: tuple[int, ...], f_order: bool
) -> tuple[int, ...] | None:
    """New strides if ``arr`` can take ``newdims`` without copying, else None."""
    old = [(n, s) for n, s in zip(arr.shape, arr.strides, strict=True) if n != 1]
    olddims, oldstrides = [n for n, _ in old], [s for _, s in old]
    newnd, oldnd = len(newdims), len(olddims)
    newstrides = [0] * newnd
    oi, oj, ni, nj = 0, 1, 0, 1
    while ni < newnd and oi < oldnd:
        np_, op = newdims[ni], olddims[oi]
        while np_ != op:
            if np_ < op:
                np_ *= newdims[nj]
                nj += 1
            else:
                op *= olddims[oj]
                oj += 1
        # The old axes in this group must be mergeable in the requested order.
        for ok in range(oi, oj - 1):
            if f_order:
                if oldstrides[ok + 1] != olddims[ok] * oldstrides[ok]:
                    return None
            elif oldstrides[ok] != olddims[ok + 1] * oldstrides[ok + 1]:
                return None
        if f_order:
            newstrides[ni] = oldstrides[oi]
            for nk in range(ni + 1, nj):
                newstrides[nk] = newstrides[nk - 1] * newdims[nk - 1]
        else:
            newstrides[nj - 1] = oldstrides[oj - 1]
            for nk in range(nj - 1, ni, -1):
                newstrides[nk - 1] = newstrides[nk] * newdims[nk]
        ni, nj = nj, nj + 1
        oi, oj = oj, oj + 1
    # Trailing length-1 axes of the new shape.
    last = newstrides[ni - 1] if ni >= 1 else arr.itemsize
    if f_order and ni >= 1:
        last *= newdims[ni - 1]
    for nk in range(ni, newnd):
        newstrides[nk] = last
    return tuple(newstrides)


def reshape(arr: Any, shape: Any, order: str = "C", copy: bool | None = None) -> ndarray:
    """NumPy's ``reshape`` (method and function), including ``copy=True/False/None``."""
    from reference_impl.conversion import copy as copy_array

    arr = _asarray(arr)
    if order == "A":
        order = "F" if is_fortran(arr) else "C"
    elif order == "K":
        raise ValueError("order 'K' is not permitted for reshaping")
    elif order not in ("C", "F"):
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    requested = as_shape(shape)
    if len(requested) == arr.ndim and copy is not True and requested == arr.shape:
        return make_view(arr, arr._layout)
    newdims = _new_shape(arr, requested)
    source, strides = arr, None
    if copy is True:
        source = copy_array(arr, order)
    elif not is_contiguous(arr._layout, order):
        strides = _attempt_nocopy_reshape(arr, newdims, order == "F")
        if strides is None:
            if copy is False:
                raise ValueError("Unable to avoid creating a copy while reshaping.")
            source = copy_array(arr, order)
    if strides is None:
        strides = contiguous_strides(newdims, arr.itemsize, order)
    layout = Layout(source._layout.offset, newdims, strides, arr.itemsize)
    return make_view(source, layout)


def _flat_copy(arr: ndarray, order: str) -> ndarray:
    """``PyArray_Flatten``: a fresh 1-D array with the elements in ``order``."""
    if order == "A":
        order = "F" if is_fortran(arr) else "C"
    if order == "F":
        values = make_view(
            arr, Layout(arr._layout.offset, arr.shape[::-1], arr.strides[::-1], arr.itemsize)
        )._values()
    elif order == "K":
        # Memory order of the source, without flipping negative strides (as NumPy's copy).
        axes = iteration_order(arr.shape, [arr.strides])
        values = make_view(
            arr,
            Layout(
                arr._layout.offset,
                tuple(arr.shape[i] for i in axes),
                tuple(arr.strides[i] for i in axes),
                arr.itemsize,
            ),
        )._values()
    else:
        values = arr._values()
    return from_values(values, (arr.size,), arr.dtype)


def flatten(arr: Any, order: str = "C") -> ndarray:
    """Always a fresh copy (``base`` None)."""
    return _flat_copy(_asarray(arr), order)


def ravel(arr: Any, order: str = "C") -> ndarray:
    """A view when the elements are already dense in ``order``, else a fresh copy."""
    arr = _asarray(arr)
    lay = arr._layout
    if order == "K":
        if is_contiguous(lay, "C"):
            order = "C"
        elif is_contiguous(lay, "F"):
            order = "F"
    elif order == "A":
        order = "F" if is_fortran(arr) else "C"
    if order in ("C", "F") and is_contiguous(lay, order):
        return reshape(arr, -1, order=order)
    if order == "K":
        step = arr.itemsize
        for axis in reversed(sorted_stride_perm(lay.strides)):
            if lay.shape[axis] == 1:
                continue
            if lay.strides[axis] != step:
                break
            step *= lay.shape[axis]
        else:
            return make_view(arr, Layout(lay.offset, (arr.size,), (arr.itemsize,), arr.itemsize))
    return _flat_copy(arr, order)
