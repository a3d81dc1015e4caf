"""Coercion of the small arguments every module takes: shapes and axes.

One home for the rules NumPy applies before it looks at an array: a shape is an integer or a
sequence of integers (anything with ``__index__``, never a float), and an axis is an integer in
``[-ndim, ndim)`` that counts from the end when negative.
"""

from __future__ import annotations

import operator
from typing import Any

from reference_impl.exceptions import AxisError


def is_integer(value: Any) -> bool:
    """True for ``int`` and anything NumPy accepts as one (``__index__``), bools included."""
    return isinstance(value, int) or hasattr(value, "__index__")


def as_shape(shape: Any) -> tuple[int, ...]:
    """A shape argument as a tuple of Python ints (``3`` is ``(3,)``)."""
    if is_integer(shape):
        return (operator.index(shape),)
    return tuple(operator.index(n) for n in shape)


def normalize_axis(axis: Any, ndim: int) -> int:
    """``axis`` in ``range(ndim)``; :class:`AxisError` with NumPy's message when out of range."""
    axis = operator.index(axis)
    if not -ndim <= axis < ndim:
        raise AxisError(axis, ndim)
    return axis % ndim


def normalize_axes(axes: Any, ndim: int, repeated: str = "repeated axis") -> tuple[int, ...]:
    """One axis or a sequence of axes, normalized; repeated axes raise ``ValueError(repeated)``."""
    items = (axes,) if is_integer(axes) else tuple(axes)
    result = tuple(normalize_axis(a, ndim) for a in items)
    if len(set(result)) != len(result):
        raise ValueError(repeated)
    return result
