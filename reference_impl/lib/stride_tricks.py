"""``as_strided`` and ``sliding_window_view``: views with arbitrary strides.

As in NumPy, the result's ``.base`` is an internal holder object (NumPy's ``DummyArray``), not
the input array, so base collapse stops there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reference_impl.array import make_view, ndarray
from reference_impl.layout import Layout, contiguous_strides, is_contiguous


class DummyArray:
    """Holds the input array and the layout it was viewed with (NumPy's ``DummyArray``)."""

    __slots__ = ("base", "layout")

    def __init__(self, layout: Layout, base: ndarray) -> None:
        self.layout = layout
        self.base = base


def as_strided(
    x: Any, shape: Any = None, strides: Any = None, subok: bool = False, writeable: bool = True
) -> ndarray:
    """A view of ``x``'s buffer with any shape and strides (no bounds check, as in NumPy)."""
    from reference_impl.creation import asarray

    x = asarray(x)
    lay = x.layout
    shape = lay.shape if shape is None else tuple(shape)
    if strides is None:
        # NumPy goes through ``__array_interface__``, whose strides are None for a
        # C-contiguous array: then the strides are recomputed, as C strides of ``shape``.
        contiguous = is_contiguous(lay, "C")
        strides = contiguous_strides(shape, lay.itemsize) if contiguous else lay.strides
    layout = Layout(lay.offset, shape, tuple(strides), lay.itemsize)
    view = make_view(x, layout, base=DummyArray(layout, x))
    if not writeable:
        view._writeable = False
    return view


def sliding_window_view(
    x: Any, window_shape: Any, axis: Any = None, *, subok: bool = False, writeable: bool = False
) -> ndarray:
    """Every window of ``window_shape`` as extra trailing axes; read-only by default."""
    from reference_impl.coerce import normalize_axis
    from reference_impl.creation import asarray

    window = tuple(window_shape) if isinstance(window_shape, Iterable) else (window_shape,)
    x = asarray(x)
    if any(w < 0 for w in window):
        raise ValueError("`window_shape` cannot contain negative values")
    if axis is None:
        axes = tuple(range(x.ndim))
        if len(window) != len(axes):
            raise ValueError(
                "Since axis is `None`, must provide window_shape for all "
                f"dimensions of `x`; got {len(window)} window_shape elements and "
                f"`x.ndim` is {x.ndim}."
            )
    else:
        axes = tuple(
            normalize_axis(a, x.ndim) for a in (axis if isinstance(axis, Iterable) else (axis,))
        )
        if len(window) != len(axes):
            raise ValueError(
                "Must provide matching length window_shape and axis; got "
                f"{len(window)} window_shape elements and {len(axes)} axes "
                "elements."
            )
    strides = x.strides + tuple(x.strides[a] for a in axes)
    trimmed = list(x.shape)
    for a, w in zip(axes, window, strict=True):
        if trimmed[a] < w:
            raise ValueError("window shape cannot be larger than input array shape")
        trimmed[a] -= w - 1
    return as_strided(x, tuple(trimmed) + window, strides, writeable=writeable)
