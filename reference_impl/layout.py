"""Layouts: where an array's elements lie in a buffer, as plain integers.

A layout is the part of an array that memory questions depend on: a byte offset (or an absolute
address, when a witness describes a foreign library's array), a shape, byte strides and the
itemsize. It knows nothing of dtypes or values, so the overlap solver and the conformance
suite's memory witness can work on layouts alone, for arrays of any size.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod


@dataclass(frozen=True)
class Layout:
    """Offset (bytes from the buffer start, or an address), shape, byte strides, itemsize."""

    offset: int
    shape: tuple[int, ...]
    strides: tuple[int, ...]
    itemsize: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "shape", tuple(int(n) for n in self.shape))
        object.__setattr__(self, "strides", tuple(int(s) for s in self.strides))
        if len(self.shape) != len(self.strides):
            raise ValueError(f"shape {self.shape} and strides {self.strides} differ in length")
        if any(n < 0 for n in self.shape):
            raise ValueError(f"negative dimension in shape {self.shape}")
        if self.itemsize < 0:
            raise ValueError(f"negative itemsize {self.itemsize}")

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return prod(self.shape)

    @property
    def extent(self) -> tuple[int, int]:
        """Half-open byte range ``[lo, hi)`` the layout can touch; ``(lo, lo)`` when empty.

        Note: as in NumPy, an axis of length 0 makes the extent empty, and a 0-d layout
        covers exactly one item.
        """
        lo = hi = self.offset
        if self.size == 0:
            return (lo, lo)
        for n, s in zip(self.shape, self.strides, strict=True):
            if s > 0:
                hi += s * (n - 1)
            else:
                lo += s * (n - 1)
        return (lo, hi + self.itemsize)

    def shifted(self, delta: int) -> Layout:
        """The same layout with its offset moved by ``delta`` bytes."""
        return Layout(self.offset + delta, self.shape, self.strides, self.itemsize)


def contiguous_strides(shape: tuple[int, ...], itemsize: int, order: str = "C") -> tuple[int, ...]:
    """Strides of a fresh array in C or F order, as NumPy computes them.

    Note: as in NumPy (``_array_fill_strides``), an axis of length 0 does not multiply the
    running stride, so ``(0, 3)`` float64 in C order gets strides ``(24, 8)``.
    """
    strides = [0] * len(shape)
    axes = range(len(shape)) if order == "F" else reversed(range(len(shape)))
    step = itemsize
    for i in axes:
        strides[i] = step
        if shape[i]:
            step *= shape[i]
    return tuple(strides)


def is_contiguous(layout: Layout, order: str = "C") -> bool:
    """NumPy's C/F contiguity flag: length-1 axes are ignored, a length-0 axis makes it True."""
    if 0 in layout.shape:
        return True
    axes = range(layout.ndim) if order == "F" else reversed(range(layout.ndim))
    expected = layout.itemsize
    for i in axes:
        n = layout.shape[i]
        if n != 1:
            if layout.strides[i] != expected:
                return False
            expected *= n
    return True


def sorted_stride_perm(strides: tuple[int, ...]) -> list[int]:
    """Axes by decreasing absolute stride, ties kept in axis order (``CreateSortedStridePerm``)."""
    return sorted(range(len(strides)), key=lambda i: -abs(strides[i]))


def keep_order_strides(layout: Layout, itemsize: int | None = None) -> tuple[int, ...]:
    """Strides of a fresh array that keeps ``layout``'s axis order (NumPy's order='K')."""
    itemsize = layout.itemsize if itemsize is None else itemsize
    if layout.ndim <= 1 or is_contiguous(layout, "C"):
        return contiguous_strides(layout.shape, itemsize, "C")
    if is_contiguous(layout, "F"):
        return contiguous_strides(layout.shape, itemsize, "F")
    strides = [0] * layout.ndim
    step = itemsize
    for i in reversed(sorted_stride_perm(layout.strides)):
        strides[i] = step
        step *= layout.shape[i]
    return tuple(strides)


def iteration_order(shape: tuple[int, ...], operand_strides: list[tuple[int, ...]]) -> list[int]:
    """Axes from slowest to fastest varying, as NumPy's iterator picks them for order='K'.

    This is the stable insertion sort of ``npyiter_find_best_axis_ordering``: an axis moves
    before another when, for the first operand where both strides are non-zero, its absolute
    stride is larger; when operands conflict, C order wins. Axes of length 1 have no stride.
    """
    ndim = len(shape)

    def stride(strides: tuple[int, ...], axis: int) -> int:
        return 0 if shape[axis] == 1 else strides[axis]

    perm = list(range(ndim))[::-1]  # the iterator's own order: fastest axis first
    for i0 in range(1, ndim):
        ax0, ipos = perm[i0], i0
        for i1 in range(i0 - 1, -1, -1):
            ax1 = perm[i1]
            ambiguous, swap = True, False
            for strides in operand_strides:
                s0, s1 = stride(strides, ax0), stride(strides, ax1)
                if s0 != 0 and s1 != 0:
                    if abs(s1) <= abs(s0):
                        swap = False
                    elif ambiguous:
                        swap = True
                    ambiguous = False
            if not ambiguous:
                if swap:
                    ipos = i1
                else:
                    break
        if ipos != i0:
            perm[ipos + 1 : i0 + 1] = perm[ipos:i0]
            perm[ipos] = ax0
    return perm[::-1]


def dense_strides(shape: tuple[int, ...], order: list[int], itemsize: int) -> tuple[int, ...]:
    """Positive strides of a fresh array whose axes, slowest first, are ``order``."""
    strides = [0] * len(shape)
    step = itemsize
    for axis in reversed(order):
        strides[axis] = step
        step *= shape[axis]
    return tuple(strides)
