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
        for n, s in zip(self.shape, self.strides):
            if s > 0:
                hi += s * (n - 1)
            else:
                lo += s * (n - 1)
        return (lo, hi + self.itemsize)

    def shifted(self, delta: int) -> Layout:
        """The same layout with its offset moved by ``delta`` bytes."""
        return Layout(self.offset + delta, self.shape, self.strides, self.itemsize)
