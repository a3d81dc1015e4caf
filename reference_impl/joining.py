"""Joining and repeating: ``concatenate``/``concat``, ``tile``, ``repeat``, ``roll``, ``resize``.

All of them return new memory, but not all of the same kind, which is what a user checking
``.base`` or strides sees: ``concatenate`` and ``tile`` (with every repetition 1) keep the input's
axis order, as ``empty_like(order='K')`` does; ``repeat`` is always C-ordered; ``roll`` with no
axis and ``resize`` return a *view of a fresh intermediate* (their ``.base`` is not None) because
NumPy builds them flat and reshapes at the end (``numpy/_core/numeric.py``,
``numpy/_core/fromnumeric.py``, ``numpy/lib/_shape_base_impl.py``).
"""

from __future__ import annotations

import itertools
import operator
from typing import Any

from reference_impl.array import allocate, assign_values, ndarray
from reference_impl.coerce import normalize_axis
from reference_impl.conversion import fresh_like
from reference_impl.dtypes import cast_value, result_type


def _asanyarray(x: Any) -> ndarray:
    from reference_impl.creation import asanyarray

    return asanyarray(x)


def _ravel(a: ndarray) -> ndarray:
    from reference_impl.reshape import ravel

    return ravel(a)


def _reshape(a: ndarray, shape: Any) -> ndarray:
    from reference_impl.reshape import reshape

    return reshape(a, shape)


def concatenate(arrays: Any, axis: Any = 0, out: Any = None, *, dtype: Any = None) -> ndarray:
    """A fresh array: the inputs one after the other along ``axis`` (flattened when None),
    its axes in the inputs' joint memory order."""
    if out is not None:
        raise NotImplementedError("concatenate(out=) is not modelled")
    parts = [_asanyarray(a) for a in arrays]
    if not parts:
        raise ValueError("need at least one array to concatenate")
    if axis is None:
        parts = [_ravel(a) for a in parts]
        axis = 0
    first = parts[0]
    if first.ndim == 0:
        raise ValueError("zero-dimensional arrays cannot be concatenated")
    axis = normalize_axis(axis, first.ndim)
    for i, part in enumerate(parts[1:], 1):
        if part.ndim != first.ndim:
            raise ValueError(
                "all the input array dimensions except for the concatenation axis must match "
                f"exactly, but along dimension 0, the array at index 0 has {first.ndim} "
                f"dimension(s) and the array at index {i} has {part.ndim} dimension(s)"
            )
    from reference_impl.dtypes import dtype as to_dtype

    dt = to_dtype(dtype) if dtype is not None else result_type(*(p.dtype for p in parts))
    shape = list(first.shape)
    shape[axis] = sum(p.shape[axis] for p in parts)
    result = _fresh_in_order_of(parts, tuple(shape), dt)
    start = 0
    for part in parts:
        stop = start + part.shape[axis]
        key = tuple(slice(start, stop) if i == axis else slice(None) for i in range(len(shape)))
        assign_values(result[key], [cast_value(v, dt) for v in part._values()])
        start = stop
    return result


concat = concatenate


def _joint_axis_order(parts: list[ndarray]) -> list[int]:
    """Axes from slowest to fastest in memory, judged over all ``parts`` at once
    (``PyArray_CreateMultiSortedStridePerm``): a stable insertion sort by absolute stride,
    ignoring axes of length 1; where the parts disagree, C order wins."""
    ndim = parts[0].ndim
    perm = list(range(ndim))
    for i0 in range(1, ndim):
        moving, insert_at = perm[i0], i0
        for i1 in range(i0 - 1, -1, -1):
            other, decided, swap = perm[i1], False, False
            for part in parts:
                if part.shape[moving] == 1 or part.shape[other] == 1:
                    continue
                if abs(part.strides[moving]) <= abs(part.strides[other]):
                    swap = False
                elif not decided:
                    swap = True
                decided = True
            if decided:
                if not swap:
                    break
                insert_at = i1
        perm.insert(insert_at, perm.pop(i0))
    return perm


def _fresh_in_order_of(parts: list[ndarray], shape: tuple[int, ...], dt: Any) -> ndarray:
    """A fresh array of ``shape`` laid out in the parts' joint axis order."""
    strides = [0] * len(shape)
    step = dt.itemsize
    for axis in reversed(_joint_axis_order(parts)):
        strides[axis] = step
        step *= shape[axis]
    return allocate(shape, dt, strides=tuple(strides))


def repeat(a: Any, repeats: Any, axis: Any = None) -> ndarray:
    """A fresh C-ordered array with each element (or slice along ``axis``) repeated."""
    a = _asanyarray(a)
    if axis is None:
        a, axis = _ravel(a), 0
    else:
        axis = normalize_axis(axis, a.ndim)
    n = a.shape[axis]
    counts = (
        [operator.index(repeats)] * n
        if not hasattr(repeats, "__len__")
        else [operator.index(r) for r in repeats]
    )
    if len(counts) == 1 and n != 1:
        counts = counts * n
    if len(counts) != n:
        raise ValueError(
            f"operands could not be broadcast together with shape ({n},) ({len(counts)},)"
        )
    if any(c < 0 for c in counts):
        raise ValueError("repeats may not contain negative values.")
    shape = list(a.shape)
    shape[axis] = sum(counts)
    result = allocate(tuple(shape), a.dtype)
    out_index = 0
    for i, count in enumerate(counts):
        src = tuple(i if k == axis else slice(None) for k in range(a.ndim))
        values = a[src]._values() if a.ndim > 1 else [a._values()[i]] if a.ndim == 1 else []
        for _ in range(count):
            dst = tuple(out_index if k == axis else slice(None) for k in range(a.ndim))
            target = result[dst]
            if isinstance(target, ndarray):
                assign_values(target, values)
            else:
                result[dst] = values[0]
            out_index += 1
    return result


def tile(A: Any, reps: Any) -> ndarray:
    """``A`` repeated ``reps`` times along each axis; every repetition 1 is a plain copy."""
    tup = tuple(reps) if hasattr(reps, "__len__") else (reps,)
    d = len(tup)
    if all(r == 1 for r in tup) and isinstance(A, ndarray):
        from reference_impl.creation import array

        return array(A, copy=True, ndmin=d)
    from reference_impl.creation import array

    c = array(A, copy=None, ndmin=d)
    if d < c.ndim:
        tup = (1,) * (c.ndim - d) + tup
    shape_out = tuple(s * t for s, t in zip(c.shape, tup, strict=True))
    n = c.size
    if n > 0:
        for dim_in, nrep in zip(c.shape, tup, strict=True):
            if nrep != 1:
                c = repeat(_reshape(c, (-1, n)), nrep, 0)
            n //= dim_in
    return _reshape(c, shape_out)


def roll(a: Any, shift: Any, axis: Any = None) -> ndarray:
    """Elements shifted along ``axis`` (the flattened array when None), into new memory.

    With no axis NumPy rolls the raveled array and reshapes: the result is a view of that
    fresh flat array. With axes it fills ``empty_like(a)`` (the input's axis order).
    """
    a = _asanyarray(a)
    if axis is None:
        return _reshape(roll(_ravel(a), shift, 0), a.shape)
    axes = (axis,) if not hasattr(axis, "__len__") else tuple(axis)
    shifts_in = (shift,) if not hasattr(shift, "__len__") else tuple(shift)
    if len(shifts_in) == 1:
        shifts_in = shifts_in * len(axes)
    if len(axes) == 1 and len(shifts_in) > 1:
        axes = axes * len(shifts_in)
    if len(axes) != len(shifts_in):
        raise ValueError("'shift' and 'axis' should be scalars or 1D sequences")
    shifts = dict.fromkeys(range(a.ndim), 0)
    for sh, ax in zip(shifts_in, axes, strict=True):
        shifts[normalize_axis(ax, a.ndim)] += operator.index(sh)
    whole = (slice(None), slice(None))
    rolls: list[tuple[tuple[slice, slice], ...]] = [(whole,)] * a.ndim
    for ax, offset in shifts.items():
        offset %= a.shape[ax] or 1
        if offset:
            rolls[ax] = (
                (slice(None, -offset), slice(offset, None)),
                (slice(-offset, None), slice(None, offset)),
            )
    result = fresh_like(a, "K")
    for indices in itertools.product(*rolls):
        src, dst = zip(*indices, strict=True) if indices else ((), ())
        part = a[src]
        assign_values(result[dst], part._values() if isinstance(part, ndarray) else [part])
    return result


def resize(a: Any, new_shape: Any) -> ndarray:
    """``a`` flattened, repeated to fill ``new_shape``: a view of a fresh flat array, or fresh
    zeros when either side is empty."""
    shape = (
        (operator.index(new_shape),)
        if not hasattr(new_shape, "__len__")
        else tuple(operator.index(n) for n in new_shape)
    )
    flat = _ravel(_asanyarray(a))
    new_size = 1
    for dim in shape:
        new_size *= dim
        if dim < 0:
            raise ValueError("all elements of `new_shape` must be non-negative")
    if flat.size == 0 or new_size == 0:
        from reference_impl.creation import zeros

        return zeros(shape, dtype=flat.dtype)
    repeats = -(-new_size // flat.size)
    return _reshape(concatenate((flat,) * repeats)[:new_size], shape)
