"""Array API namespaces whose ``asarray(x, copy=True)`` returns a result that lies to the
witnesses, one lie each (the namespace is :class:`mutants.xp_mutants.Namespace` otherwise).

They prove that a result no witness can read fails instead of passing, that a lying DLPack
layout is refused before anything is copied, and that writes going one way are never a view.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mutants.xp_mutants import Namespace, Wrapped, unwrap

#: Elements a lying capsule claims: 1 GiB of float64 through zero strides.
HUGE = (1 << 30) // 8


class Garbage:
    """Looks like an array to a duck-typing check, but every attribute is nonsense."""

    shape = "abc"
    dtype = "no dtype"
    ndim = 3

    def __dlpack__(self, **kwargs: Any) -> Any:
        return "not a capsule"

    def __dlpack_device__(self) -> Any:
        return (1, 0)


class GarbageCopy(Namespace):
    """``asarray(x, copy=True)`` returns an object whose shape is a string and whose
    ``__dlpack__`` returns a string."""

    name = "xp-garbage-copy"
    violates = frozenset({"numpy", "array-api", "consistency"})

    def asarray(
        self, obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None
    ) -> Any:
        if copy:
            return Garbage()
        return super().asarray(obj, dtype=dtype, device=device, copy=copy)


class Exporting(Wrapped):
    """A wrapped array whose DLPack export is another NumPy array (``_export``)."""

    def __init__(self, a: np.ndarray, xp: Namespace, export: np.ndarray) -> None:
        super().__init__(a, xp)
        self._export = export

    def __dlpack__(self, **kwargs: Any) -> Any:
        return self._export.__dlpack__(**kwargs)


class HugeDLPackClaim(Namespace):
    """``asarray(x, copy=True)`` is a real copy, but its DLPack capsule claims a 1 GiB layout
    (zero strides over the copy's first element) that disagrees with its own ``shape``."""

    name = "xp-huge-dlpack-claim"
    violates = frozenset({"numpy", "array-api", "consistency"})

    def asarray(
        self, obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None
    ) -> Any:
        result = super().asarray(obj, dtype=dtype, device=device, copy=copy)
        if not copy or result._a.size == 0:
            return result
        lie = np.lib.stride_tricks.as_strided(result._a, shape=(HUGE,), strides=(0,))
        return Exporting(result._a, self, lie)


class OneWayCopy(Namespace):
    """``asarray(x, copy=True)`` is a real copy, but it exports the *input's* buffer through
    ``__dlpack__``: writes to the input show in what the result exports, writes to the
    result never reach the input."""

    name = "xp-one-way-copy"
    violates = frozenset({"numpy", "array-api", "consistency"})

    def asarray(
        self, obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None
    ) -> Any:
        result = super().asarray(obj, dtype=dtype, device=device, copy=copy)
        source = unwrap(obj)
        if not copy or not isinstance(source, np.ndarray) or result._a.dtype != source.dtype:
            return result
        return Exporting(result._a, self, source)


WITNESS_MUTANTS: tuple[type[Namespace], ...] = (GarbageCopy, HugeDLPackClaim, OneWayCopy)
