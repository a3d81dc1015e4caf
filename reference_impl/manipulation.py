"""Views that rearrange axes: transpose, swapaxes, moveaxis, squeeze, expand_dims, atleast_*d,
split, broadcast_to, diagonal; and the broadcasting rule other modules use.

Each function builds a new `Layout` on the same buffer and wraps it with `make_view`, so the
result's ``.base`` is the input's data owner. The few cases where NumPy returns the input
object itself (``squeeze`` with nothing to squeeze, ``atleast_2d`` of a 2-D array) do so here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reference_impl.array import make_view, ndarray
from reference_impl.coerce import as_shape, normalize_axes, normalize_axis
from reference_impl.exceptions import AxisError
from reference_impl.layout import Layout


def _asarray(x: Any) -> ndarray:
    from reference_impl.creation import asarray

    return asarray(x)


def _relayout(
    arr: ndarray,
    shape: Sequence[int],
    strides: Sequence[int],
    offset: int = 0,
    writeable: bool | None = None,
) -> ndarray:
    lay = arr._layout
    new = Layout(lay.offset + offset, tuple(shape), tuple(strides), lay.itemsize)
    return make_view(arr, new, writeable=writeable)


def transpose(arr: Any, axes: Any = None) -> ndarray:
    arr = _asarray(arr)
    if axes is None:
        axes = tuple(reversed(range(arr.ndim)))
    else:
        axes = tuple(axes)
        if len(axes) != arr.ndim:
            raise ValueError("axes don't match array")
        axes = normalize_axes(axes, arr.ndim)
    return _relayout(arr, [arr.shape[i] for i in axes], [arr.strides[i] for i in axes])


def permute_dims(arr: Any, axes: Any) -> ndarray:
    return transpose(arr, axes)


def matrix_transpose(arr: Any) -> ndarray:
    arr = _asarray(arr)
    if arr.ndim < 2:
        raise ValueError("matrix transpose with ndim < 2 is undefined")
    return swapaxes(arr, -1, -2)


def swapaxes(arr: Any, axis1: int, axis2: int) -> ndarray:
    arr = _asarray(arr)
    a, b = normalize_axis(axis1, arr.ndim), normalize_axis(axis2, arr.ndim)
    order = list(range(arr.ndim))
    order[a], order[b] = order[b], order[a]
    return transpose(arr, order)


def moveaxis(arr: Any, source: Any, destination: Any) -> ndarray:
    arr = _asarray(arr)
    src = normalize_axes(source, arr.ndim)
    dst = normalize_axes(destination, arr.ndim)
    if len(src) != len(dst):
        raise ValueError(
            "`source` and `destination` arguments must have the same number of elements"
        )
    order = [n for n in range(arr.ndim) if n not in src]
    for d, s in sorted(zip(dst, src, strict=True)):
        order.insert(d, s)
    return transpose(arr, order)


def squeeze(arr: Any, axis: Any = None) -> ndarray:
    arr = _asarray(arr)
    if axis is None:
        keep = [i for i, n in enumerate(arr.shape) if n != 1]
        if len(keep) == arr.ndim:
            return arr  # NumPy returns the input itself when there is nothing to squeeze
    else:
        if arr.ndim == 0:
            # NumPy accepts axis 0 or -1 on a 0-d array, and then has nothing to squeeze.
            for a in (axis,) if isinstance(axis, int) else tuple(axis):
                if a not in (0, -1):
                    raise AxisError(a, 0)
            return arr
        drop = normalize_axes(axis, arr.ndim)
        if not drop:
            return arr
        if any(arr.shape[i] != 1 for i in drop):
            raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
        keep = [i for i in range(arr.ndim) if i not in drop]
    return _relayout(arr, [arr.shape[i] for i in keep], [arr.strides[i] for i in keep])


def expand_dims(arr: Any, axis: Any) -> ndarray:
    from reference_impl.reshape import reshape

    arr = _asarray(arr)
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    ndim = arr.ndim + len(axes)
    axes = normalize_axes(axes, ndim)
    dims = iter(arr.shape)
    shape = [1 if i in axes else next(dims) for i in range(ndim)]
    return reshape(arr, tuple(shape))


def _atleast(arrays: tuple[Any, ...], one: Any) -> Any:
    results = [one(_asarray(a)) for a in arrays]
    return results[0] if len(results) == 1 else tuple(results)


def atleast_1d(*arrays: Any) -> Any:
    return _atleast(arrays, lambda a: a.reshape(1) if a.ndim == 0 else a)


def atleast_2d(*arrays: Any) -> Any:
    def one(a: ndarray) -> ndarray:
        if a.ndim == 0:
            return a.reshape(1, 1)
        return a[None, :] if a.ndim == 1 else a

    return _atleast(arrays, one)


def atleast_3d(*arrays: Any) -> Any:
    def one(a: ndarray) -> ndarray:
        if a.ndim == 0:
            return a.reshape(1, 1, 1)
        if a.ndim == 1:
            return a[None, :, None]
        return a[:, :, None] if a.ndim == 2 else a

    return _atleast(arrays, one)


def array_split(arr: Any, indices_or_sections: Any, axis: int = 0) -> list[ndarray]:
    """Pieces along ``axis``, each a view made as NumPy makes it (swapaxes, slice, swapaxes)."""
    arr = _asarray(arr)
    total = arr.shape[axis]
    if isinstance(indices_or_sections, int):
        sections = indices_or_sections
        if sections <= 0:
            raise ValueError("number sections must be larger than 0.")
        each, extras = divmod(total, sections)
        sizes = [0] + extras * [each + 1] + (sections - extras) * [each]
        points = [sum(sizes[: i + 1]) for i in range(len(sizes))]
    else:
        points = [0, *list(indices_or_sections), total]
    moved = swapaxes(arr, axis, 0)
    return [swapaxes(moved[points[i] : points[i + 1]], axis, 0) for i in range(len(points) - 1)]


def split(arr: Any, indices_or_sections: Any, axis: int = 0) -> list[ndarray]:
    arr = _asarray(arr)
    if isinstance(indices_or_sections, int) and arr.shape[axis] % indices_or_sections:
        raise ValueError("array split does not result in an equal division")
    return array_split(arr, indices_or_sections, axis)


def broadcast_shapes(*shapes: Sequence[int]) -> tuple[int, ...]:
    ndim = max((len(s) for s in shapes), default=0)
    result = [1] * ndim
    for shape in shapes:
        for i, n in enumerate(shape, ndim - len(shape)):
            if n != 1:
                if result[i] not in (1, n):
                    raise ValueError(
                        "shape mismatch: objects cannot be broadcast to a single shape. "
                        f"Shapes: {', '.join(str(tuple(s)) for s in shapes)}"
                    )
                result[i] = n
    return tuple(result)


def broadcast_view(arr: ndarray, shape: tuple[int, ...]) -> ndarray:
    """A view of ``arr`` with ``shape`` (zero strides on broadcast axes), keeping its flags."""
    extra = len(shape) - arr.ndim
    if extra < 0:
        raise ValueError(f"cannot broadcast shape {arr.shape} to {shape}")
    strides = []
    for i, n in enumerate(shape):
        if i < extra:
            strides.append(0)
            continue
        own = arr.shape[i - extra]
        if own == n:
            strides.append(arr.strides[i - extra])
        elif own == 1:
            strides.append(0)
        else:
            raise ValueError(
                f"operands could not be broadcast together with remapped shapes "
                f"[original->remapped]: {arr.shape} and requested shape {shape}"
            )
    return _relayout(arr, shape, strides)


def broadcast_to(arr: Any, shape: Any) -> ndarray:
    """A read-only view with zero strides on the broadcast axes."""
    arr = _asarray(arr)
    shape = as_shape(shape)
    if any(n < 0 for n in shape):
        raise ValueError("all elements of broadcast shape must be non-negative")
    view = broadcast_view(arr, shape)
    # NumPy builds this view with its iterator, which gives every length-1 axis stride 0.
    lay = view._layout
    strides = tuple(0 if n == 1 else s for n, s in zip(lay.shape, lay.strides, strict=True))
    view._layout = Layout(lay.offset, lay.shape, strides, lay.itemsize)
    view._writeable = False
    return view


def broadcast_arrays(*arrays: Any) -> tuple[ndarray, ...]:
    arrays = tuple(_asarray(a) for a in arrays)
    shape = broadcast_shapes(*(a.shape for a in arrays))
    return tuple(a if a.shape == shape else broadcast_to(a, shape) for a in arrays)


def diagonal(arr: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> ndarray:
    """A read-only view of the diagonal, moved to the last axis."""
    arr = _asarray(arr)
    if arr.ndim < 2:
        raise ValueError("diag requires an array of at least two dimensions")
    a, b = normalize_axis(axis1, arr.ndim), normalize_axis(axis2, arr.ndim)
    if a == b:
        raise ValueError("axis1 and axis2 cannot be the same")
    n1, n2 = arr.shape[a], arr.shape[b]
    s1, s2 = arr.strides[a], arr.strides[b]
    start = 0
    if offset >= 0:
        length = max(0, min(n1, n2 - offset))
        if length:
            start = offset * s2
    else:
        length = max(0, min(n1 + offset, n2))
        if length:
            start = -offset * s1
    rest = [i for i in range(arr.ndim) if i not in (a, b)]
    shape = [arr.shape[i] for i in rest] + [length]
    strides = [arr.strides[i] for i in rest] + [s1 + s2]
    return _relayout(arr, shape, strides, start, writeable=False)
