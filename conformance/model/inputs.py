"""Suite inputs: named layouts (slices of larger buffers, negative steps in every axis
position, transposes, empty and length-1 axes, 0-d arrays and 0-d views, read-only arrays,
buffers placed at a chosen distance from a 64-byte boundary) in several dtypes, described as
recipes any adapter can build. ``docs/reference/inputs.md`` lists them with examples.

An :class:`InputSpec` knows its own shape without running a library (slicing arithmetic on the
base shape), so operations can say which inputs they apply to before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod
from typing import Any

import numpy as np


@dataclass(frozen=True, eq=False)
class InputRecipe:
    """How to build one suite input: host values, then view steps applied in the library.

    ``host`` is a C-contiguous NumPy array (the allocated buffer's values); each step is
    ``("index", key)`` (basic indexing with a full key: one entry per axis, plus ``None``) or
    ``("permute", axes)``. The suite builds every input this way, so inputs can be slices of
    larger buffers, have negative steps, be transposed, be empty or have length-1 axes.
    """

    # Note: eq=False, because comparing ndarrays has no single truth value; recipes are
    # compared through the InputSpec that made them.
    host: np.ndarray
    steps: tuple[tuple[str, Any], ...]
    dtype: str
    #: Where the allocation's first element must start: this many bytes past a 64-byte
    #: boundary (``None``: wherever the library puts it). See :data:`ALIGNMENT`.
    align: int | None = None
    #: Made read-only after the view steps (the library's own way: NumPy's ``writeable``).
    readonly: bool = False


#: The boundary :attr:`InputRecipe.align` is measured from (a cache line; what SIMD code and
#: most allocators align to).
ALIGNMENT = 64

_ALL = slice(None)
_EVERY_2 = slice(None, None, 2)


def host_values(dtype: str, shape: tuple[int, ...]) -> np.ndarray:
    """The buffer's values: ``arange`` in the dtype (distinct where the dtype allows).

    Note: the numpy adapter's repro snippets spell the same formula in NumPy's words.
    """
    n = prod(shape)
    if dtype == "bool":
        flat = np.arange(n) % 3 == 0
    elif dtype.startswith("complex"):
        flat = (np.arange(n) * (1 + 1j)).astype(dtype)
    else:
        flat = np.arange(n).astype(dtype)
    return flat.reshape(shape)


@dataclass(frozen=True)
class InputSpec:
    """A named input: base shape and dtype of the allocated buffer, then view steps."""

    id: str
    dtype: str
    base_shape: tuple[int, ...]
    steps: tuple[tuple[str, Any], ...] = ()
    align: int | None = None
    readonly: bool = False

    def recipe(self) -> InputRecipe:
        host = host_values(self.dtype, self.base_shape)
        return InputRecipe(host, self.steps, self.dtype, self.align, self.readonly)

    @property
    def itemsize(self) -> int:
        return np.dtype(self.dtype).itemsize

    def misaligned(self) -> InputSpec | None:
        """The alignment witness's twin of an input placed on a 64-byte boundary: the same
        values and steps, one element further (still naturally aligned for the dtype, so every
        library can hold it). ``None`` for inputs without a chosen placement."""
        if self.align != 0:
            return None
        twin_id = "mis" + self.id if self.id.startswith("aligned") else self.id + "-misaligned"
        return InputSpec(twin_id, self.dtype, self.base_shape, self.steps, self.itemsize)

    @property
    def shape(self) -> tuple[int, ...]:
        shape = self.base_shape
        for kind, arg in self.steps:
            shape = index_shape(shape, arg) if kind == "index" else tuple(shape[a] for a in arg)
        return shape

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return prod(self.shape)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "dtype": self.dtype,
            "base_shape": list(self.base_shape),
            "steps": [[kind, encode_key(arg)] for kind, arg in self.steps],
        }
        if self.align is not None:
            out["align"] = self.align
        if self.readonly:
            out["readonly"] = True
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InputSpec:
        steps = tuple((kind, decode_key(arg)) for kind, arg in data["steps"])
        return cls(
            data["id"],
            data["dtype"],
            tuple(data["base_shape"]),
            steps,
            data.get("align"),
            bool(data.get("readonly", False)),
        )


def index_shape(shape: tuple[int, ...], key: tuple[Any, ...]) -> tuple[int, ...]:
    """The shape basic indexing with ``key`` produces (an Ellipsis may only come last: the
    0-d view ``x[1, 2, ...]``)."""
    out: list[int] = []
    axis = 0
    for part in key:
        if part is Ellipsis:
            break
        if part is None:
            out.append(1)
        elif isinstance(part, slice):
            out.append(len(range(*part.indices(shape[axis]))))
            axis += 1
        else:
            axis += 1
    return (*out, *shape[axis:])


def encode_key(arg: Any) -> Any:
    """JSON form of an index key or an axes tuple."""
    if isinstance(arg, tuple):
        return [encode_key(a) for a in arg]
    if isinstance(arg, slice):
        return {"slice": [arg.start, arg.stop, arg.step]}
    if arg is Ellipsis:
        return {"ellipsis": True}
    return arg  # int or None


def decode_key(data: Any) -> Any:
    if isinstance(data, list):
        return tuple(decode_key(a) for a in data)
    if isinstance(data, dict):
        return Ellipsis if "ellipsis" in data else slice(*data["slice"])
    return data


def _ix(*parts: Any) -> tuple[str, tuple[Any, ...]]:
    return ("index", parts)


def _perm(*axes: int) -> tuple[str, tuple[int, ...]]:
    return ("permute", axes)


def _layouts(dtype: str, suffix: str) -> list[InputSpec]:
    """The layout family, in one dtype."""
    s = slice
    return [
        InputSpec(f"contiguous-1d-{suffix}", dtype, (6,)),
        InputSpec(f"contiguous-2d-{suffix}", dtype, (3, 4)),
        InputSpec(f"contiguous-3d-{suffix}", dtype, (2, 3, 4)),
        InputSpec(f"strided-1d-{suffix}", dtype, (12,), (_ix(s(1, None, 3)),)),
        InputSpec(f"reversed-1d-{suffix}", dtype, (6,), (_ix(s(None, None, -1)),)),
        InputSpec(f"strided-cols-2d-{suffix}", dtype, (4, 6), (_ix(_ALL, s(None, None, 2)),)),
        InputSpec(f"reversed-rows-2d-{suffix}", dtype, (3, 4), (_ix(s(None, None, -1), _ALL),)),
        InputSpec(f"offset-block-2d-{suffix}", dtype, (5, 6), (_ix(s(1, 4), s(2, 5)),)),
        InputSpec(f"transposed-2d-{suffix}", dtype, (3, 4), (_perm(1, 0),)),
        InputSpec(f"permuted-3d-{suffix}", dtype, (2, 3, 4), (_perm(2, 0, 1),)),
        InputSpec(f"row-of-2d-{suffix}", dtype, (3, 4), (_ix(1, _ALL),)),
        InputSpec(f"unit-axis-2d-{suffix}", dtype, (3, 4), (_ix(s(1, 2), _ALL),)),
        InputSpec(f"newaxis-2d-{suffix}", dtype, (4,), (_ix(None, _ALL),)),
        InputSpec(f"empty-1d-{suffix}", dtype, (6,), (_ix(s(3, 3)),)),
        InputSpec(f"empty-2d-{suffix}", dtype, (3, 4), (_ix(_ALL, s(2, 2)),)),
        InputSpec(f"zero-d-{suffix}", dtype, ()),
    ]


def _harder_layouts(dtype: str, suffix: str) -> list[InputSpec]:
    """Layouts libraries get wrong: negative steps in every axis position (a reversed
    length-1 axis too), length-1 axes with strides no contiguous array has, views starting
    deep inside a larger buffer, empty arrays of every layout, 0-d views, read-only arrays and
    buffers placed on (and, by the alignment witness, just off) a 64-byte boundary."""
    s = slice
    rev = s(None, None, -1)
    return [
        InputSpec(f"reversed-cols-2d-{suffix}", dtype, (3, 4), (_ix(_ALL, rev),)),
        InputSpec(f"reversed-both-2d-{suffix}", dtype, (3, 4), (_ix(rev, rev),)),
        InputSpec(f"reversed-mid-3d-{suffix}", dtype, (2, 3, 4), (_ix(_ALL, rev, _ALL),)),
        InputSpec(f"reversed-unit-2d-{suffix}", dtype, (1, 4), (_ix(rev, _ALL),)),
        InputSpec(f"unit-axis-strided-2d-{suffix}", dtype, (6, 4), (_ix(s(1, 2, 5), _ALL),)),
        InputSpec(f"unit-last-2d-{suffix}", dtype, (4, 6), (_ix(_ALL, s(2, 3)),)),
        InputSpec(f"offset-1d-{suffix}", dtype, (16,), (_ix(s(5, 11)),)),
        InputSpec(f"empty-reversed-1d-{suffix}", dtype, (6,), (_ix(s(3, 3, -1)),)),
        InputSpec(
            f"empty-transposed-2d-{suffix}", dtype, (3, 4), (_ix(_ALL, s(2, 2)), _perm(1, 0))
        ),
        InputSpec(f"empty-3d-{suffix}", dtype, (2, 3, 4), (_ix(_ALL, s(1, 1), _ALL),)),
        InputSpec(f"zero-d-view-{suffix}", dtype, (3, 4), (_ix(1, 2, Ellipsis),)),
        InputSpec(f"readonly-2d-{suffix}", dtype, (3, 4), readonly=True),
        InputSpec(
            f"readonly-strided-2d-{suffix}", dtype, (4, 6), (_ix(_ALL, _EVERY_2),), readonly=True
        ),
        InputSpec(f"aligned-1d-{suffix}", dtype, (8,), align=0),
        InputSpec(f"aligned-2d-{suffix}", dtype, (3, 4), align=0),
        # An address that is not a multiple of the itemsize: NumPy's ``aligned`` flag False.
        InputSpec(f"unaligned-1d-{suffix}", dtype, (6,), align=1),
    ]


#: The dtypes that also come strided and transposed (the others only contiguous: their point
#: is the dtype, and the float64 inputs cover the layouts).
_LAYOUT_DTYPES = ("int64", "int32", "int8", "uint8", "float32", "complex128", "bool")


def _dtype_family() -> list[InputSpec]:
    """A few layouts in every other dtype: enough to exercise dtype-sensitive operations."""
    out = []
    for dtype, suffix in (
        ("int64", "int64"),
        ("int32", "int32"),
        ("int16", "int16"),
        ("int8", "int8"),
        ("uint64", "uint64"),
        ("uint32", "uint32"),
        ("uint16", "uint16"),
        ("uint8", "uint8"),
        ("float32", "float32"),
        ("complex64", "complex64"),
        ("complex128", "complex128"),
        ("bool", "bool"),
    ):
        out.append(InputSpec(f"contiguous-2d-{suffix}", dtype, (3, 4)))
        if dtype in _LAYOUT_DTYPES:
            out += [
                InputSpec(f"strided-cols-2d-{suffix}", dtype, (4, 6), (_ix(_ALL, _EVERY_2),)),
                InputSpec(f"transposed-2d-{suffix}", dtype, (3, 4), (_perm(1, 0),)),
            ]
    return out


#: The curated inputs, float64 layouts first.
LAYOUT_INPUTS: tuple[InputSpec, ...] = tuple(
    _layouts("float64", "float64") + _harder_layouts("float64", "float64")
)
DTYPE_INPUTS: tuple[InputSpec, ...] = tuple(_dtype_family())
ALL_INPUTS: tuple[InputSpec, ...] = LAYOUT_INPUTS + DTYPE_INPUTS
