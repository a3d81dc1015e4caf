"""``shares_memory`` and ``may_share_memory``: the overlap solver on absolute layouts.

Each array's layout is shifted by its buffer's real address, so arrays on different buffers
never overlap and the answers are exact. Inputs that are not reference arrays are converted to
fresh arrays first, as NumPy does, so they never share memory with anything.
"""

from __future__ import annotations

from typing import Any

from reference_impl.array import ndarray
from reference_impl.layout import Layout
from reference_impl.overlap import layouts_may_share_memory, layouts_share_memory


def absolute_layout(arr: ndarray) -> Layout:
    """The array's layout with its offset replaced by the address of its first element."""
    return arr.layout.shifted(arr._buffer.address)


def _as_array(x: Any) -> ndarray:
    from reference_impl.creation import asarray

    return x if isinstance(x, ndarray) else asarray(x)


def shares_memory(a: Any, b: Any, max_work: int | None = None) -> bool:
    """Exact: do the two arrays have a byte in common? May raise `TooHardError`."""
    return layouts_share_memory(
        absolute_layout(_as_array(a)), absolute_layout(_as_array(b)), max_work=max_work
    )


def may_share_memory(a: Any, b: Any, max_work: int | None = None) -> bool:
    """Byte extents only by default (``max_work=None`` means 0 here, as in NumPy)."""
    return layouts_may_share_memory(
        absolute_layout(_as_array(a)),
        absolute_layout(_as_array(b)),
        max_work=0 if max_work is None else max_work,
    )
