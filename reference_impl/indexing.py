"""Indexing, get and set: basic indices make views, advanced indices copy (NumPy's rules).

An index is first parsed into entries (integer, slice, newaxis, ellipsis, integer array,
boolean array, boolean scalar). Without advanced entries the result is a view (or, when
integers consume every axis, a scalar: the Python value). With advanced entries the integers
join them, the index arrays are broadcast together, and their dimensions go first in the
result unless all advanced entries sit next to each other after something else; then, as in
NumPy's ``mapiter``, the result is a transposed view of a fresh intermediate array.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod
from typing import Any

from reference_impl import buffer as _buffer
from reference_impl.array import from_values, make_view, ndarray
from reference_impl.dtypes import DTYPES, check_python_int
from reference_impl.layout import Layout, dense_strides, iteration_order, sorted_stride_perm

_VALID = (
    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer "
    "or boolean arrays are valid indices"
)


@dataclass(frozen=True)
class _Entry:
    """One parsed index entry: ``kind`` is int, int0d (a 0-d integer array), slice, new,
    ellipsis, array, mask or bool."""

    kind: str
    value: Any

    @property
    def ndim(self) -> int:
        """How many axes of the array this entry consumes."""
        if self.kind in ("int", "int0d", "slice", "array"):
            return 1
        return self.value.ndim if self.kind == "mask" else 0

    @property
    def advanced(self) -> bool:
        return self.kind in ("array", "mask", "bool")


def _asarray(x: Any) -> ndarray:
    from reference_impl.creation import asarray

    return asarray(x)


def _entry(item: Any) -> _Entry:
    if item is None:
        return _Entry("new", None)
    if item is Ellipsis:
        return _Entry("ellipsis", None)
    if isinstance(item, slice):
        return _Entry("slice", item)
    if isinstance(item, bool):
        return _Entry("bool", item)
    if isinstance(item, int):
        return _Entry("int", item)
    if not isinstance(item, ndarray):
        if isinstance(item, (list, tuple)) and len(item) == 0:
            item = _asarray([]).astype(DTYPES["int64"])
        elif isinstance(item, (list, tuple)) or hasattr(item, "__array_interface__"):
            item = _asarray(item)
        elif hasattr(item, "__index__") and not isinstance(item, float):
            return _Entry("int", item.__index__())
        else:
            raise IndexError(_VALID)
    kind = item.dtype.kind
    if kind == "b":
        return _Entry("bool", bool(item._values()[0])) if item.ndim == 0 else _Entry("mask", item)
    if kind not in "iu":
        raise IndexError("arrays used as indices must be of integer (or boolean) type")
    if item.ndim == 0:
        # NumPy reads a 0-d integer array as an integer, but then copies the result.
        return _Entry("int0d", int(item._values()[0]))
    return _Entry("array", item)


def parse(arr: ndarray, index: Any) -> list[_Entry]:
    """Entries of ``index`` with the ellipsis expanded (kept as a marker with its axes)."""
    items = index if isinstance(index, tuple) else (index,)
    entries = [_entry(x) for x in items]
    if sum(e.kind == "ellipsis" for e in entries) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    used = sum(e.ndim for e in entries)
    if used > arr.ndim:
        raise IndexError(
            f"too many indices for array: array is {arr.ndim}-dimensional, but {used} were indexed"
        )
    dim = 0
    for e in entries:  # NumPy checks these while parsing, before looking at any value
        if e.kind == "ellipsis":
            dim += arr.ndim - used
        elif e.kind in ("int", "int0d"):
            _normalize_int(e.value, arr.shape[dim], dim)
        elif e.kind == "mask":
            for k, n in enumerate(e.value.shape):
                if arr.shape[dim + k] != n:
                    raise IndexError(
                        f"boolean index did not match indexed array along axis {dim + k}; "
                        f"size of axis is {arr.shape[dim + k]} but size of corresponding "
                        f"boolean axis is {n}"
                    )
        dim += e.ndim
    return entries


def _normalize_int(i: int, n: int, axis: int) -> int:
    if not -n <= i < n:
        raise IndexError(f"index {i} is out of bounds for axis {axis} with size {n}")
    return i % n


def _is_scalar_index(arr: ndarray, entries: list[_Entry]) -> bool:
    return all(e.kind in ("int", "int0d") for e in entries) and len(entries) == arr.ndim


def _basic(arr: ndarray, entries: list[_Entry]) -> tuple[Layout, list[tuple[int, _Entry]]]:
    """Apply slices, newaxes and integers; keep axes under advanced entries whole.

    Returns the intermediate layout and, for each advanced entry, the first axis of that
    layout it applies to (integers count as advanced when ``advanced`` entries exist).
    """
    lay = arr._layout
    any_adv = any(e.advanced for e in entries)
    offset = lay.offset
    shape: list[int] = []
    strides: list[int] = []
    targets: list[tuple[int, _Entry]] = []
    dim = 0
    for e in entries:
        if e.kind == "ellipsis":
            n = arr.ndim - sum(x.ndim for x in entries)
            shape += lay.shape[dim : dim + n]
            strides += lay.strides[dim : dim + n]
            dim += n
        elif e.kind == "new":
            shape.append(1)
            strides.append(0)
        elif e.kind == "slice":
            start, stop, step = e.value.indices(lay.shape[dim])
            length = len(range(start, stop, step))
            if length == 0:
                start, step = 0, 1  # as NumPy: an empty slice points at the axis start
            shape.append(length)
            strides.append(lay.strides[dim] * step)
            offset += start * lay.strides[dim]
            dim += 1
        elif e.kind in ("int", "int0d") and not any_adv:
            offset += _normalize_int(e.value, lay.shape[dim], dim) * lay.strides[dim]
            dim += 1
        elif e.kind == "bool":
            targets.append((len(shape), e))
            shape.append(1)
            strides.append(0)
        else:  # int (joining advanced entries), array, mask
            targets.append((len(shape), e))
            shape += lay.shape[dim : dim + e.ndim]
            strides += lay.strides[dim : dim + e.ndim]
            dim += e.ndim
    shape += lay.shape[dim:]
    strides += lay.strides[dim:]
    return Layout(offset, tuple(shape), tuple(strides), lay.itemsize), targets


def _consecutive_position(entries: list[_Entry]) -> int:
    """NumPy's ``mit->consec``: where the advanced dims go back, 0 if they go first.

    ``entries`` have the ellipsis expanded; an ellipsis of no axes leaves a ``gap`` entry,
    which (as in NumPy) still separates advanced entries.
    """
    status, consec, result_dim = -1, 0, 0
    for e in entries:
        if e.advanced or e.kind in ("int", "int0d"):
            if status == -1:
                consec, status = result_dim, 0
            elif status == 1:
                status, consec = 2, 0
        elif status == 0:
            status = 1
        if e.kind in ("slice", "new"):
            result_dim += 1
    return consec


@dataclass(frozen=True)
class _Plan:
    """Where advanced indexing reads: byte offsets in the intermediate's C order."""

    offsets: list[int]
    shape: tuple[int, ...]  # the intermediate: broadcast index shape, then the other axes
    consec: int  # the result is the intermediate with its first len(bshape) axes moved here
    nadv: int
    strides: tuple[int, ...]  # of the intermediate, as NumPy's ``PyArray_MapIterNew`` picks


def _plan(arr: ndarray, entries: list[_Entry]) -> _Plan:
    from reference_impl.manipulation import broadcast_shapes, broadcast_view

    view, targets = _basic(arr, entries)
    index_arrays: list[tuple[int, ndarray]] = []  # (axis of view, integer index array)
    for axis, e in targets:
        if e.kind in ("int", "int0d"):
            index_arrays.append((axis, _asarray(e.value)))
        elif e.kind == "bool":
            index_arrays.append((axis, _asarray([0] if e.value else []).astype(DTYPES["int64"])))
        elif e.kind == "array":
            index_arrays.append((axis, e.value))
        else:
            mask = e.value
            for k, n in enumerate(mask.shape):
                if view.shape[axis + k] != n:
                    raise IndexError(
                        f"boolean index did not match indexed array along axis {axis + k}; "
                        f"size of axis is {view.shape[axis + k]} but size of corresponding "
                        f"boolean axis is {n}"
                    )
            hits = [i for i, v in enumerate(mask._values()) if v]
            for k in range(mask.ndim):
                inner = 1
                for n in mask.shape[k + 1 :]:
                    inner *= n
                coords = [(i // inner) % mask.shape[k] for i in hits]
                index_arrays.append((axis + k, _asarray(coords).astype(DTYPES["int64"])))
    try:
        bshape = broadcast_shapes(*(a.shape for _, a in index_arrays))
    except ValueError:
        shapes = " ".join(str(a.shape) for _, a in index_arrays)
        raise IndexError(
            f"shape mismatch: indexing arrays could not be broadcast together with shapes {shapes}"
        ) from None
    adv_axes = {axis for axis, _ in index_arrays}
    columns = []
    for axis, a in index_arrays:
        n = view.shape[axis]
        if a.ndim == 0:  # an integer: NumPy checks it even where broadcasting empties the result
            _normalize_int(a._values()[0], n, axis)
        values = [_normalize_int(i, n, axis) for i in broadcast_view(a, bshape)._values()]
        columns.append([i * view.strides[axis] for i in values])
    rest = [i for i in range(view.ndim) if i not in adv_axes]
    sub_offsets = _buffer.element_offsets(
        0, tuple(view.shape[i] for i in rest), tuple(view.strides[i] for i in rest)
    )
    starts = [view.offset + sum(parts) for parts in zip(*columns, strict=True)] if columns else []
    offsets = [s + o for s in starts for o in sub_offsets]
    consec = _consecutive_position(_expand_ellipsis(arr, entries))
    sub_shape = tuple(view.shape[i] for i in rest)
    index_strides = [broadcast_view(a, bshape).strides for _, a in index_arrays]
    strides = _intermediate_strides(
        bshape, index_strides, sub_shape, tuple(view.strides[i] for i in rest), arr.itemsize
    )
    return _Plan(offsets, bshape + sub_shape, consec, len(bshape), strides)


def _intermediate_strides(
    bshape: tuple[int, ...],
    index_strides: list[tuple[int, ...]],
    sub_shape: tuple[int, ...],
    sub_strides: tuple[int, ...],
    itemsize: int,
) -> tuple[int, ...]:
    """Strides of the array advanced indexing fills (``PyArray_MapIterNew``).

    The other axes (the subspace) keep their relative memory order; the broadcast index axes
    come outside them, in the index arrays' memory order when the subspace holds one element,
    else in C order.
    """
    sub_size = prod(sub_shape)
    one = sub_size == 1
    order = iteration_order(bshape, index_strides) if one else list(range(len(bshape)))
    fancy = dense_strides(bshape, order, itemsize * sub_size)
    sub = [0] * len(sub_shape)
    step = itemsize
    for axis in reversed(sorted_stride_perm(sub_strides)):
        sub[axis] = step
        step *= sub_shape[axis]
    return fancy + tuple(sub)


def _expand_ellipsis(arr: ndarray, entries: list[_Entry]) -> list[_Entry]:
    """Entries with the ellipsis replaced by full slices, marked so adjacency still breaks."""
    out: list[_Entry] = []
    for e in entries:
        if e.kind == "ellipsis":
            n = arr.ndim - sum(x.ndim for x in entries)
            out += [_Entry("slice", slice(None))] * n or [_Entry("gap", None)]
        else:
            out.append(e)
    return out


def _result_axes(plan: _Plan) -> list[int]:
    """The intermediate's axes in result order (advanced block moved to ``consec``)."""
    axes = list(range(len(plan.shape)))
    adv, rest = axes[: plan.nadv], axes[plan.nadv :]
    return rest[: plan.consec] + adv + rest[plan.consec :]


def getitem(arr: ndarray, index: Any) -> Any:
    entries = parse(arr, index)
    if not any(e.advanced for e in entries):
        layout, _ = _basic(arr, entries)
        if _is_scalar_index(arr, entries):
            # Note: NumPy returns a NumPy scalar here; this returns the Python value.
            return _buffer.read(arr._buffer, layout.offset, arr.dtype)
        if any(e.kind == "int0d" for e in entries):
            from reference_impl.conversion import copy

            return copy(make_view(arr, layout), "K")
        return make_view(arr, layout)
    plan = _plan(arr, entries)
    values = [_buffer.read(arr._buffer, o, arr.dtype) for o in plan.offsets]
    result = from_values(values, plan.shape, arr.dtype, strides=plan.strides)
    if plan.consec:
        from reference_impl.manipulation import transpose

        result = transpose(result, _result_axes(plan))
    return result


def _check_value(value: Any, arr: ndarray) -> None:
    if isinstance(value, (list, tuple)):
        for v in value:
            _check_value(v, arr)
    elif isinstance(value, int):
        check_python_int(value, arr.dtype)


def _values_for(value: Any, shape: tuple[int, ...], arr: ndarray) -> list[Any]:
    """``value`` broadcast to ``shape`` (leading length-1 axes of ``value`` may be dropped)."""
    from reference_impl.manipulation import broadcast_view

    _check_value(value, arr)
    src = _asarray(value)
    if isinstance(value, (list, tuple)) and src.ndim > len(shape):
        # NumPy coerces a nested sequence with at most the destination's number of axes.
        raise ValueError(
            "setting an array element with a sequence. The requested array "
            f"would exceed the maximum number of dimension of {len(shape)}."
        )
    while src.ndim > len(shape) and src.shape[0] == 1:
        src = src[0] if src.ndim > 1 else src.reshape(())
    try:
        return broadcast_view(src, shape)._values()
    except ValueError:
        raise ValueError(
            f"could not broadcast input array from shape {src.shape} into shape {shape}"
        ) from None


def setitem(arr: ndarray, index: Any, value: Any) -> None:
    """Write ``value`` through ``arr[index]``; advanced indices write in place too."""
    arr._check_writeable()
    entries = parse(arr, index)
    if not any(e.advanced for e in entries):
        layout, _ = _basic(arr, entries)
        if _is_scalar_index(arr, entries):
            _buffer.write(arr._buffer, layout.offset, arr.dtype, _scalar_value(value, arr))
            return
        values = _values_for(value, layout.shape, arr)
        offsets = _buffer.element_offsets(layout.offset, layout.shape, layout.strides)
    else:
        _check_value(value, arr)  # NumPy converts the value before broadcasting the indices
        plan = _plan(arr, entries)
        order = _result_axes(plan)
        result_shape = tuple(plan.shape[i] for i in order)
        by_result = _values_for(value, result_shape, arr)
        # Reorder the values from result order to the intermediate's order, where the writes
        # happen (so that with repeated indices the last write wins as in NumPy).
        values = _reorder(by_result, result_shape, order)
        offsets = plan.offsets
    for off, v in zip(offsets, values, strict=True):
        _buffer.write(arr._buffer, off, arr.dtype, v)


def _reorder(values: list[Any], shape: tuple[int, ...], order: list[int]) -> list[Any]:
    """Values given in C order of ``shape`` (result axes), read in the intermediate's order."""
    inverse = [order.index(i) for i in range(len(order))]
    strides = [1] * len(shape)
    for i in range(len(shape) - 2, -1, -1):
        strides[i] = strides[i + 1] * shape[i + 1]
    inter_shape = tuple(shape[inverse[i]] for i in range(len(shape)))
    inter_strides = tuple(strides[inverse[i]] for i in range(len(shape)))
    return [values[i] for i in _buffer.element_offsets(0, inter_shape, inter_strides)]


def _scalar_value(value: Any, arr: ndarray) -> Any:
    """The value a single element is set to, refused as NumPy's scalar setter refuses it."""
    kind = arr.dtype.kind
    if isinstance(value, ndarray):
        if value.ndim == 0:
            return value._values()[0]
        if kind == "b":
            return bool(value)
        if kind == "c":
            raise TypeError("only 0-dimensional arrays can be converted to Python scalars")
        raise ValueError("setting an array element with a sequence.")
    if isinstance(value, (list, tuple)):
        if kind == "b":
            return bool(value)
        if kind == "f":
            raise ValueError("setting an array element with a sequence.")
        raise TypeError(f"int() argument must be a real number, not {type(value).__name__!r}")
    _check_value(value, arr)
    return value


def nonzero(arr: Any) -> tuple[ndarray, ...]:
    """Indices of the true elements, one array per axis.

    As in NumPy, the index arrays are column views of one fresh ``(count, ndim)`` array, so
    their ``.base`` is that intermediate, not None.
    """
    arr = _asarray(arr)
    if arr.ndim == 0:
        raise ValueError(
            "Calling nonzero on 0d arrays is not allowed. Use "
            "np.atleast_1d(scalar).nonzero() instead."
        )
    hits = [i for i, v in enumerate(arr._values()) if v]
    coords: list[int] = []
    for flat in hits:
        index = []
        for n in reversed(arr.shape):
            flat, i = divmod(flat, n)
            index.append(i)
        coords += reversed(index)
    int64 = DTYPES["int64"]
    table = from_values(coords, (len(hits), arr.ndim), int64)
    row = arr.ndim * int64.itemsize
    return tuple(
        make_view(
            table,
            Layout(table._layout.offset + k * int64.itemsize, (len(hits),), (row,), int64.itemsize),
        )
        for k in range(arr.ndim)
    )
