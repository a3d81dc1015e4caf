"""Buffers: the bytes an array's elements live in, and reading/writing elements as values.

A `Buffer` owns one `bytearray` that never changes size, so its address (found through ctypes)
is fixed for its lifetime; ``shares_memory`` and ``__array_interface__`` use that real address.
"""

from __future__ import annotations

import ctypes
import struct
from functools import cache
from typing import Any

from reference_impl.dtypes import DType, cast_value


class Buffer:
    """A fixed-size block of bytes with a stable address."""

    __slots__ = ("_pin", "data")

    def __init__(self, nbytes: int) -> None:
        # Like NumPy, allocate at least one byte so every buffer has its own address.
        self.data = bytearray(max(nbytes, 1))
        # Exporting the buffer to ctypes pins it: a bytearray with exports cannot be resized.
        self._pin = (ctypes.c_char * len(self.data)).from_buffer(self.data)

    @property
    def address(self) -> int:
        return ctypes.addressof(self._pin)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"<Buffer of {len(self.data)} bytes at {self.address:#x}>"


@cache
def _struct(dt: DType) -> struct.Struct:
    return struct.Struct("=" + dt.code)


def read(buf: Buffer, offset: int, dt: DType) -> Any:
    """The value of the element of type ``dt`` at byte ``offset``."""
    value = _struct(dt).unpack_from(buf.data, offset)
    return complex(*value) if dt.kind == "c" else value[0]


def write(buf: Buffer, offset: int, dt: DType, value: Any) -> None:
    """Store ``value`` (cast to ``dt`` as NumPy's unsafe cast does) at byte ``offset``."""
    value = cast_value(value, dt)
    if dt.kind == "c":
        _struct(dt).pack_into(buf.data, offset, value.real, value.imag)
    else:
        _struct(dt).pack_into(buf.data, offset, value)


def element_offsets(offset: int, shape: tuple[int, ...], strides: tuple[int, ...]) -> list[int]:
    """Byte offsets of every element, in C (row-major) order."""
    offsets = [offset]
    for n, s in zip(shape, strides, strict=True):
        offsets = [o + i * s for o in offsets for i in range(n)]
    return offsets
