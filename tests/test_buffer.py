"""Buffers: a stable real address, element reads and writes through struct, C-order offsets."""

from __future__ import annotations

import ctypes

import numpy
import pytest

from reference_impl.buffer import Buffer, element_offsets, read, write
from reference_impl.dtypes import DTYPES


def test_address_is_the_bytearray_memory() -> None:
    buf = Buffer(16)
    buf.data[3] = 7
    assert ctypes.string_at(buf.address + 3, 1) == b"\x07"


def test_buffer_cannot_be_resized_so_its_address_is_stable() -> None:
    buf = Buffer(4)
    with pytest.raises(BufferError):
        buf.data.extend(b"1234")


def test_empty_buffer_still_has_its_own_address() -> None:
    assert len(Buffer(0)) == 1 and Buffer(0).address != Buffer(0).address


@pytest.mark.parametrize("name", list(DTYPES))
def test_write_then_read_matches_numpy_bytes(name: str) -> None:
    dt = DTYPES[name]
    buf = Buffer(2 * dt.itemsize)
    value = {"b": True, "i": -3, "u": 200, "f": 1.25, "c": 1.5 - 2j}[dt.kind]
    write(buf, dt.itemsize, dt, value)
    assert read(buf, dt.itemsize, dt) == value
    assert bytes(buf.data[dt.itemsize :]) == numpy.array(value, dtype=name).tobytes()


def test_element_offsets_are_in_c_order() -> None:
    assert element_offsets(8, (2, 3), (-24, 8)) == [8, 16, 24, -16, -8, 0]
    assert element_offsets(0, (), ()) == [0]
    assert element_offsets(0, (2, 0), (8, 8)) == []
