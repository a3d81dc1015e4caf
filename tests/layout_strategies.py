"""Hypothesis strategies for inputs built the same way in NumPy and reference_impl.

An input is an owning array of some dtype with small values (halves included for float and
complex types), reshaped, sliced with any steps, maybe transposed, maybe broadcast: every kind
of layout (negative, zero and non-unit strides, offsets, empty axes) a result layout can
depend on. ``build(xp)`` returns ``(input,)`` for `numpy_compare.assert_same_behaviour`.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod
from typing import Any

from hypothesis import strategies as st

DTYPES = (
    "bool",
    "int8",
    "uint8",
    "int16",
    "int32",
    "int64",
    "uint64",
    "float32",
    "float64",
    "complex64",
    "complex128",
)


@dataclass(frozen=True)
class Recipe:
    """owner (values -3.5 .. 3 in halves, cast) -> reshape -> slices -> transpose -> broadcast."""

    dtype: str
    shape: tuple[int, ...]
    slices: tuple[slice, ...]
    perm: tuple[int, ...] | None
    broadcast: int | None

    def build(self, xp: Any) -> tuple[Any, ...]:
        values = (xp.arange(prod(self.shape)) % 8 - 4) * 0.5 + 0.5
        if self.dtype.startswith("complex"):
            values = values - values * 1j
        arr = values.astype(getattr(xp, self.dtype)).reshape(self.shape)[self.slices or ...]
        if self.perm is not None:
            arr = arr.transpose(self.perm)
        if self.broadcast is not None:
            arr = xp.broadcast_to(arr, (self.broadcast, *arr.shape))
        return (arr,)


def _slice(n: int) -> st.SearchStrategy[slice]:
    bound = st.one_of(st.none(), st.integers(-n - 1, n + 1))
    return st.builds(slice, bound, bound, st.sampled_from([None, 1, 2, -1, -2]))


@st.composite
def recipes(draw: Any, dtypes: tuple[str, ...] = DTYPES, max_dims: int = 3) -> Recipe:
    shape = tuple(draw(st.lists(st.integers(0, 4), max_size=max_dims), label="base shape"))
    slices = tuple(draw(_slice(n), label=f"slice axis {i}") for i, n in enumerate(shape))
    perm = draw(
        st.one_of(st.none(), st.permutations(range(len(shape))).map(tuple)), label="transpose"
    )
    broadcast = draw(st.one_of(st.none(), st.none(), st.integers(0, 2)), label="broadcast")
    return Recipe(draw(st.sampled_from(dtypes), label="dtype"), shape, slices, perm, broadcast)
