"""Array flags: ``owndata``, ``writeable`` and the two contiguity flags, with NumPy's rules.

`Flags` is a live view of one array, as NumPy's ``a.flags`` is: contiguity is computed from the
layout each time, ``owndata`` is fixed at creation, and ``writeable`` may be cleared, or set again
only when the memory behind the array may be written (NumPy's rule for views).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reference_impl.layout import is_contiguous

if TYPE_CHECKING:
    from reference_impl.array import ndarray

_KEYS = {
    "C_CONTIGUOUS": "c_contiguous",
    "C": "c_contiguous",
    "CONTIGUOUS": "c_contiguous",
    "F_CONTIGUOUS": "f_contiguous",
    "F": "f_contiguous",
    "FORTRAN": "f_contiguous",
    "OWNDATA": "owndata",
    "O": "owndata",
    "WRITEABLE": "writeable",
    "W": "writeable",
    "ALIGNED": "aligned",
    "A": "aligned",
}


class Flags:
    """The flags of one array; attribute and ``flags['KEY']`` access, as in NumPy."""

    __slots__ = ("_array",)

    def __init__(self, array: ndarray) -> None:
        self._array = array

    @property
    def c_contiguous(self) -> bool:
        return is_contiguous(self._array._layout, "C")

    @property
    def f_contiguous(self) -> bool:
        return is_contiguous(self._array._layout, "F")

    contiguous = c_contiguous
    fortran = f_contiguous

    @property
    def owndata(self) -> bool:
        return self._array._owndata

    @property
    def aligned(self) -> bool:
        # Note: every buffer here is allocated by Python and every dtype is naturally aligned
        # in the views this package makes, except after `as_strided` with odd strides.
        a = self._array
        return (a._buffer.address + a._layout.offset) % a.itemsize == 0 and all(
            s % a.itemsize == 0 for s in a._layout.strides
        )

    @property
    def writeable(self) -> bool:
        return self._array._writeable

    @writeable.setter
    def writeable(self, value: bool) -> None:
        a = self._array
        if value and not _may_write(a):
            raise ValueError("cannot set WRITEABLE flag to True of this array")
        a._writeable = bool(value)

    def __getitem__(self, key: str) -> bool:
        return getattr(self, _KEYS[key.upper()])

    def __setitem__(self, key: str, value: bool) -> None:
        if _KEYS.get(key.upper()) != "writeable":
            raise KeyError(f"cannot set flag {key!r}")
        self.writeable = value

    def __repr__(self) -> str:
        names = ("c_contiguous", "f_contiguous", "owndata", "writeable")
        return "\n".join(f"  {n.upper()} : {getattr(self, n)}" for n in names)


def _may_write(array: ndarray) -> bool:
    """NumPy's ``_IsWriteable``: an owner may always be made writeable; a view only when an
    array on its base chain is writeable (a non-array base, such as `as_strided`'s holder,
    does not count)."""
    from reference_impl.array import ndarray

    base = array._base
    if array._owndata or base is None:
        return True
    while isinstance(base, ndarray):
        if base._writeable:
            return True
        if base._owndata or base._base is None:
            return False
        base = base._base
    return False
