"""Data types: names, itemsizes, struct codes, value casting and NumPy's type promotion.

A `DType` is a small frozen value. The module keeps one instance per type, so ``is`` works, and
`dtype()` resolves anything NumPy accepts as a dtype for these types: a `DType`, a name or type
code string (``'float64'``, ``'f8'``, ``'<i4'``), a Python type, or a NumPy dtype or scalar type
(matched by name, so NumPy is never imported).
"""

from __future__ import annotations

import builtins
import math
import struct
import sys
from dataclasses import dataclass
from typing import Any

_ENDIAN = "<" if sys.byteorder == "little" else ">"


@dataclass(frozen=True, eq=False)
class DType:
    """One array data type: ``kind`` is ``b``, ``i``, ``u``, ``f`` or ``c`` (as in NumPy)."""

    name: str
    kind: str
    itemsize: int
    code: str  # struct format of one element (complex: two floats)

    def __repr__(self) -> str:
        return f"dtype({self.name!r})"

    def __str__(self) -> str:
        return self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __eq__(self, other: object) -> bool:
        # Like NumPy, a dtype equals anything that resolves to it ('f8', float, np.float64).
        try:
            return dtype(other) is self
        except TypeError:
            return False

    def __call__(self, value: Any = 0) -> Any:
        # Note: NumPy's ``np.float64(1)`` makes a NumPy scalar; here the Python value, cast.
        return cast_value(value, self)

    @property
    def str(self) -> str:
        """The array-interface type string, e.g. ``'<f8'`` or ``'|b1'``."""
        order = "|" if self.itemsize == 1 else _ENDIAN
        return f"{order}{self.kind}{self.itemsize}"

    @property
    def char(self) -> builtins.str:
        return _CHARS[self.name]

    @property
    def type(self) -> type:
        """The Python type that values of this dtype are returned as."""
        return {"b": bool, "i": int, "u": int, "f": float, "c": complex}[self.kind]


_TABLE = [
    ("bool", "b", 1, "?"),
    ("int8", "i", 1, "b"),
    ("int16", "i", 2, "h"),
    ("int32", "i", 4, "i"),
    ("int64", "i", 8, "q"),
    ("uint8", "u", 1, "B"),
    ("uint16", "u", 2, "H"),
    ("uint32", "u", 4, "I"),
    ("uint64", "u", 8, "Q"),
    ("float32", "f", 4, "f"),
    ("float64", "f", 8, "d"),
    ("complex64", "c", 8, "ff"),
    ("complex128", "c", 16, "dd"),
]
DTYPES: dict[str, DType] = {n: DType(n, k, s, c) for n, k, s, c in _TABLE}
_CHARS = {
    "bool": "?",
    "int8": "b",
    "int16": "h",
    "int32": "i",
    "int64": "q",
    "uint8": "B",
    "uint16": "H",
    "uint32": "I",
    "uint64": "Q",
    "float32": "f",
    "float64": "d",
    "complex64": "F",
    "complex128": "D",
}
_ALIASES: dict[str, str] = {
    **{c: n for n, c in _CHARS.items()},
    "l": "int64",
    "L": "uint64",
    "p": "int64",
    "P": "uint64",
    "bool_": "bool",
    "b1": "bool",
    "int": "int64",
    "float": "float64",
    "complex": "complex128",
    "double": "float64",
    "single": "float32",
    "cdouble": "complex128",
    "csingle": "complex64",
    "intp": "int64",
    "uintp": "uint64",
    "long": "int64",
    "ulong": "uint64",
    "byte": "int8",
    "ubyte": "uint8",
    "short": "int16",
    "ushort": "uint16",
    "intc": "int32",
    "uintc": "uint32",
    "longlong": "int64",
    "ulonglong": "uint64",
}
for _d in DTYPES.values():
    _ALIASES[f"{_d.kind}{_d.itemsize}"] = _d.name
_ALIASES["c8"], _ALIASES["c16"] = "complex64", "complex128"
_PY_TYPES = {bool: "bool", int: "int64", float: "float64", complex: "complex128"}


def dtype(spec: Any) -> DType:
    """Resolve ``spec`` to a `DType`; raise TypeError if it names no supported type."""
    if isinstance(spec, DType):
        return spec
    if spec is None:
        # Note: NumPy's dtype(None) is float64; the same here.
        return DTYPES["float64"]
    if isinstance(spec, type) and spec in _PY_TYPES:
        return DTYPES[_PY_TYPES[spec]]
    name = spec if isinstance(spec, str) else getattr(spec, "name", None)
    if not isinstance(name, str):
        name = getattr(spec, "__name__", None)
    if isinstance(name, str):
        key = name[1:] if name[:1] in "<>=|" else name
        key = _ALIASES.get(key, key)
        if key in DTYPES:
            return DTYPES[key]
    raise TypeError(f"data type {spec!r} not understood")


def default_int() -> DType:
    return DTYPES["int64"]


def int_bounds(dt: DType) -> tuple[int, int]:
    bits = 8 * dt.itemsize
    return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if dt.kind == "i" else (0, (1 << bits) - 1)


def _wrap_int(value: int, dt: DType) -> int:
    bits = 8 * dt.itemsize
    value &= (1 << bits) - 1
    if dt.kind == "i" and value >= 1 << (bits - 1):
        value -= 1 << bits
    return value


def _float_to_int(value: float, dt: DType) -> int:
    """C's float-to-integer conversion as NumPy's casts do it on x86-64.

    Note: out of range (and NaN) the result is undefined in C and NumPy warns "invalid value
    encountered in cast"; this follows the scalar x86-64 answers (the hardware's "integer
    indefinite" for 32- and 64-bit targets, smaller ones going through int32). NumPy's
    vectorised loops may answer differently for unsigned 32- and 64-bit targets.
    """
    wide = 64 if dt.itemsize == 8 or (dt.kind == "u" and dt.itemsize == 4) else 32
    lo, hi = -(1 << (wide - 1)), (1 << (wide - 1)) - 1
    if math.isnan(value) or math.isinf(value) or not lo <= math.trunc(value) <= hi:
        if dt.kind == "u" and dt.itemsize == 8 and value >= 2.0**63:
            return int(value) if value < 2.0**64 else 0
        return _wrap_int(lo, dt)
    return _wrap_int(math.trunc(value), dt)


def _to_float32(value: float) -> float:
    try:
        return struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:
        return math.copysign(math.inf, value)


def cast_value(value: Any, dt: DType) -> Any:
    """Cast one Python value as NumPy's unsafe cast does (ints wrap, floats truncate).

    Note: NumPy warns on some of these casts (invalid value); this does not. ``astype`` warns
    ComplexWarning for complex to real, as NumPy does.
    """
    if dt.kind == "b":
        return bool(value)
    if dt.kind in "iu":
        if isinstance(value, complex):
            value = value.real
        if isinstance(value, float):
            return _float_to_int(value, dt)
        return _wrap_int(int(value), dt)
    if dt.kind == "f":
        value = float(value.real if isinstance(value, complex) else value)
        return _to_float32(value) if dt.itemsize == 4 else value
    value = complex(value)
    if dt.itemsize == 8:
        return complex(_to_float32(value.real), _to_float32(value.imag))
    return value


def check_python_int(value: int, dt: DType) -> None:
    """NumPy 2 refuses Python integers that do not fit an integer dtype (NEP 50)."""
    if dt.kind in "iu" and not isinstance(value, bool):
        lo, hi = int_bounds(dt)
        if not lo <= value <= hi:
            raise OverflowError(f"Python integer {value} out of bounds for {dt.name}")


_ORDER = [
    "bool",
    "int8",
    "uint8",
    "int16",
    "uint16",
    "int32",
    "uint32",
    "int64",
    "uint64",
    "float32",
    "float64",
    "complex64",
    "complex128",
]


def can_cast_safe(src: DType, dst: DType) -> bool:
    """NumPy's 'safe' casting between the supported types."""
    if src is dst or src.kind == "b":
        return True
    if dst.kind == "b":
        return False
    if src.kind in "iu":
        if dst.kind == src.kind:
            return dst.itemsize >= src.itemsize
        if dst.kind == "i":
            return dst.itemsize > src.itemsize
        if dst.kind == "u":
            return False
        # to float or complex: the float part must hold the integer exactly enough
        part = dst.itemsize if dst.kind == "f" else dst.itemsize // 2
        return src.itemsize <= 2 if part == 4 else True
    if src.kind == "f":
        if dst.kind == "f":
            return dst.itemsize >= src.itemsize
        return dst.kind == "c" and dst.itemsize >= 2 * src.itemsize
    return dst.kind == "c" and dst.itemsize >= src.itemsize


def result_type(*dtypes: DType) -> DType:
    """Promote array dtypes: the first type in NumPy's order that all cast to safely."""
    for name in _ORDER:
        cand = DTYPES[name]
        if all(can_cast_safe(d, cand) for d in dtypes):
            return cand
    raise TypeError(f"no common type for {dtypes}")


def weak_scalar_type(value: Any, dt: DType) -> DType:
    """The type a Python scalar takes next to an array of type ``dt`` (NEP 50 weak scalars)."""
    if isinstance(value, bool):
        return dt
    if isinstance(value, int):
        if dt.kind == "b":
            return default_int()
        check_python_int(value, dt)
        return dt
    if isinstance(value, float):
        return DTYPES["float64"] if dt.kind in "biu" else dt
    if isinstance(value, complex):
        if dt.kind in "biu":
            return DTYPES["complex128"]
        return dt if dt.kind == "c" else DTYPES["complex64" if dt.itemsize == 4 else "complex128"]
    raise TypeError(f"unsupported scalar {value!r}")


def python_scalar_dtype(value: Any) -> DType:
    """The dtype an array made from a lone Python scalar gets."""
    for t in (bool, int, float, complex):
        if isinstance(value, t):
            return DTYPES[_PY_TYPES[t]]
    raise TypeError(f"unsupported scalar {value!r}")
