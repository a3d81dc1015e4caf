"""Reversing axes: ``flip``, ``fliplr``, ``flipud``, views with negated strides.

Each is basic indexing with ``slice(None, None, -1)`` on the chosen axes, so the result is a
new view whose ``.base`` collapses to the data owner, exactly as NumPy builds it.
"""

from __future__ import annotations

from typing import Any

from reference_impl.coerce import normalize_axes


def _asanyarray(x: Any) -> Any:
    from reference_impl.creation import asanyarray

    return asanyarray(x)


def flip(m: Any, axis: Any = None) -> Any:
    """``m`` reversed along ``axis`` (all axes when None); a 0-d input gives its scalar."""
    m = _asanyarray(m)
    reverse = slice(None, None, -1)
    if axis is None:
        index = (reverse,) * m.ndim
    else:
        axes = normalize_axes(axis, m.ndim)
        index = tuple(reverse if i in axes else slice(None) for i in range(m.ndim))
    return m[index]


def fliplr(m: Any) -> Any:
    """``m`` reversed along axis 1; NumPy requires at least two axes."""
    m = _asanyarray(m)
    if m.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return m[:, ::-1]


def flipud(m: Any) -> Any:
    """``m`` reversed along axis 0; NumPy requires at least one axis."""
    m = _asanyarray(m)
    if m.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return m[::-1, ...]


def rot90(m: Any, k: int = 1, axes: Any = (0, 1)) -> Any:
    """``m`` rotated by 90 degrees ``k`` times in the plane of ``axes``: always a view.

    ``k % 4 == 0`` gives ``m[:]``, a new view of the same elements (not ``m`` itself); the
    other turns are flips and transposes of ``m``, as NumPy composes them.
    """
    from reference_impl.manipulation import transpose

    axes = tuple(axes)
    if len(axes) != 2:
        raise ValueError("len(axes) must be 2.")
    m = _asanyarray(m)
    if axes[0] == axes[1] or abs(axes[0] - axes[1]) == m.ndim:
        raise ValueError("Axes must be different.")
    if not all(-m.ndim <= a < m.ndim for a in axes):
        raise ValueError(f"Axes={axes} out of range for array of ndim={m.ndim}.")
    k %= 4
    if k == 0:
        return m[:]
    if k == 2:
        return flip(flip(m, axes[0]), axes[1])
    order = list(range(m.ndim))
    order[axes[0]], order[axes[1]] = order[axes[1]], order[axes[0]]
    if k == 1:
        return transpose(flip(m, axes[1]), tuple(order))
    return flip(transpose(m, tuple(order)), axes[1])
