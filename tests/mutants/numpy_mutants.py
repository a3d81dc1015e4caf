"""Mutant backends: the numpy adapter with exactly one injected fault each.

Each mutant says which profiles its fault violates (``violates``); ``tests/test_mutants.py``
checks that the suite fails exactly those and passes the others.
"""

from __future__ import annotations

import ctypes
import weakref
from typing import Any, ClassVar

import numpy as np

from conformance.adapters.numpy_adapter import NumpyAdapter


class PatchedNumpy:
    """NumPy's namespace with some functions replaced (the fault lives here, not in NumPy)."""

    def __init__(self, **replacements: Any) -> None:
        self._replacements = replacements

    def __getattr__(self, name: str) -> Any:
        return self._replacements.get(name) or getattr(np, name)


class Mutant(NumpyAdapter):
    violates: ClassVar[frozenset[str]] = frozenset()
    namespace_patch: ClassVar[dict[str, Any]] = {}

    def namespace(self, api: str) -> Any:
        return PatchedNumpy(**self.namespace_patch)


class CopiesWhereNumpyViews(Mutant):
    """``transpose`` returns a copy."""

    name = "mutant-copies-views"
    violates = frozenset({"numpy"})
    namespace_patch: ClassVar[dict[str, Any]] = {
        "transpose": lambda x, axes=None: np.transpose(x, axes).copy()
    }


def _aliasing_array(obj: Any, *args: Any, copy: bool | None = True, **kwargs: Any) -> Any:
    if copy is True and not args and not kwargs:
        return np.asarray(obj)[...]  # a view where NumPy copies
    return np.array(obj, *args, copy=copy, **kwargs)


class ViewsWhereNumpyCopies(Mutant):
    """``np.array(x)`` returns a view."""

    name = "mutant-views-copies"
    violates = frozenset({"numpy"})
    namespace_patch: ClassVar[dict[str, Any]] = {"array": _aliasing_array}


class WrongBase(NumpyAdapter):
    """Every view claims itself as its own base."""

    name = "mutant-wrong-base"
    violates = frozenset({"numpy"})

    def base(self, x: Any) -> Any:
        return None if x.base is None else x


class SharesMemoryFalsePositive(NumpyAdapter):
    """``shares_memory`` answers from byte bounds alone (as ``may_share_memory`` does)."""

    name = "mutant-shares-false-positive"
    violates = frozenset({"numpy", "consistency"})

    def shares_memory(self, a: Any, b: Any) -> bool:
        return bool(np.may_share_memory(a, b))


class SharesMemoryFalseNegative(NumpyAdapter):
    """``shares_memory`` says False when the arrays are different objects."""

    name = "mutant-shares-false-negative"
    violates = frozenset({"numpy", "consistency"})

    def shares_memory(self, a: Any, b: Any) -> bool:
        return a is b and a.size > 0


class MayShareMemoryFalseNegative(NumpyAdapter):
    """``may_share_memory`` says False unless the data pointers are equal."""

    name = "mutant-may-share-false-negative"
    violates = frozenset({"numpy", "consistency"})

    def may_share_memory(self, a: Any, b: Any) -> bool:
        return bool(np.may_share_memory(a, b)) and (
            a.__array_interface__["data"][0] == b.__array_interface__["data"][0]
        )


def _asarray_ignoring_copy(obj: Any, *args: Any, copy: bool | None = None, **kwargs: Any) -> Any:
    return np.asarray(obj, *args, **kwargs)  # copy=True silently aliases


class AsarrayCopyTrueAliases(Mutant):
    """``asarray(x, copy=True)`` returns ``x``."""

    name = "mutant-asarray-aliases"
    violates = frozenset({"numpy", "array-api"})
    namespace_patch: ClassVar[dict[str, Any]] = {"asarray": _asarray_ignoring_copy}


def _reshape_copying(x: Any, shape: Any, *args: Any, copy: bool | None = None, **kw: Any) -> Any:
    if copy is False:
        return np.reshape(x, shape, *args, copy=True, **kw)  # silently copies
    return np.reshape(x, shape, *args, copy=copy, **kw)


class ReshapeCopyFalseCopies(Mutant):
    """``reshape(x, shape, copy=False)`` copies instead of viewing or raising."""

    name = "mutant-reshape-copies"
    violates = frozenset({"numpy", "array-api"})
    namespace_patch: ClassVar[dict[str, Any]] = {"reshape": _reshape_copying}


class _Tracked:
    """Results a mutant made, so its claims can lie about exactly those."""

    def __init__(self) -> None:
        self._ids: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()

    def add(self, array: Any) -> Any:
        self._ids[id(array)] = array
        return array

    def __contains__(self, array: Any) -> bool:
        return self._ids.get(id(array)) is array


_WRITABLE_BROADCASTS = _Tracked()


def _writable_broadcast(x: Any, shape: Any, **kwargs: Any) -> Any:
    view = np.lib.stride_tricks.as_strided(
        x, shape, (0,) * (len(shape) - x.ndim) + x.strides, writeable=True
    )
    return _WRITABLE_BROADCASTS.add(view)


class ReadOnlyNotEnforced(Mutant):
    """``broadcast_to`` results claim ``writeable=False`` but accept writes."""

    name = "mutant-readonly-not-enforced"
    violates = frozenset({"numpy", "consistency"})
    namespace_patch: ClassVar[dict[str, Any]] = {"broadcast_to": _writable_broadcast}

    def flags(self, x: Any) -> dict[str, bool]:
        flags = super().flags(x)
        return {**flags, "writeable": False} if x in _WRITABLE_BROADCASTS else flags


_LEAKY_COPIES = _Tracked()


class CopyLeaksBack(Mutant):
    """``np.copy(x)`` returns a view while claiming an independent copy."""

    name = "mutant-copy-leaks"
    violates = frozenset({"numpy", "consistency"})
    namespace_patch: ClassVar[dict[str, Any]] = {
        "copy": lambda x, *args, **kwargs: _LEAKY_COPIES.add(x[...])
    }

    def base(self, x: Any) -> Any:
        return None if x in _LEAKY_COPIES else x.base

    def shares_memory(self, a: Any, b: Any) -> bool:
        return False if (a in _LEAKY_COPIES or b in _LEAKY_COPIES) else super().shares_memory(a, b)

    def flags(self, x: Any) -> dict[str, bool]:
        flags = super().flags(x)
        return {**flags, "owndata": True} if x in _LEAKY_COPIES else flags


class CopyInFortranOrder(Mutant):
    """``np.copy(x)`` returns a correct, independent copy, but laid out in Fortran order where
    NumPy keeps C order (same class, same values: only the result's strides differ)."""

    name = "mutant-copy-fortran-order"
    violates = frozenset({"numpy"})
    namespace_patch: ClassVar[dict[str, Any]] = {
        "copy": lambda x, *args, **kwargs: np.array(x, order="F", copy=True)
    }


class ContiguityFlagsLie(NumpyAdapter):
    """The flags say every array is C-contiguous and none is F-contiguous."""

    name = "mutant-contiguity-flags-lie"
    violates = frozenset({"numpy", "consistency"})

    def flags(self, x: Any) -> dict[str, bool]:
        return {**super().flags(x), "c_contiguous": True, "f_contiguous": False}


def _copy_warning(x: Any, *args: Any, **kwargs: Any) -> Any:
    import warnings

    warnings.warn("copy() will return a view in a future release", FutureWarning, stacklevel=2)
    return np.copy(x, *args, **kwargs)


class CopyWarns(Mutant):
    """``np.copy`` raises a FutureWarning NumPy never raises (the copy itself is right)."""

    name = "mutant-copy-warns"
    violates = frozenset({"numpy"})
    namespace_patch: ClassVar[dict[str, Any]] = {"copy": _copy_warning}


def _reshape_by_address(x: Any, *args: Any, **kwargs: Any) -> Any:
    y = np.reshape(x, *args, **kwargs)
    if kwargs.get("copy") is not None or x.ctypes.data % 64 == 0:
        return y
    return y.copy()


class AddressDependentReshape(Mutant):
    """``np.reshape`` returns a view only when the input starts on a 64-byte boundary and a
    copy otherwise (as a SIMD fast path that only handles aligned buffers might): the
    alignment witness sees the class change with the address."""

    name = "mutant-address-dependent-reshape"
    violates = frozenset({"numpy", "consistency"})
    namespace_patch: ClassVar[dict[str, Any]] = {"reshape": _reshape_by_address}


#: Inputs of the writable aliases below: the aliases borrow their bytes without a reference.
_BORROWED: list[Any] = []


def _writable_alias(x: Any, *args: Any, **kwargs: Any) -> Any:
    y = np.transpose(x, *args, **kwargs)
    if y.flags.writeable or y.size == 0:
        return y
    # The same bytes through a writable window: what a library that drops the read-only
    # flag when it makes a view hands out.
    lo, hi = np.lib.array_utils.byte_bounds(y)
    _BORROWED.append(x)
    window = (ctypes.c_char * (hi - lo)).from_address(lo)
    return np.ndarray(y.shape, y.dtype, window, y.ctypes.data - lo, y.strides)


class ReadOnlyViewWritable(Mutant):
    """``np.transpose`` of a read-only array returns a view that accepts writes."""

    name = "mutant-readonly-view-writable"
    violates = frozenset({"numpy"})
    namespace_patch: ClassVar[dict[str, Any]] = {"transpose": _writable_alias}


def _reinterpreting_astype(x: Any, dtype: Any, /, *, copy: bool = True, **kwargs: Any) -> Any:
    target = np.dtype(dtype)
    flips = {target.kind, x.dtype.kind} == {"i", "u"}
    if flips and target.itemsize == x.dtype.itemsize:
        return x.view(target)  # same width, other signedness: the bytes reinterpreted
    return np.astype(x, dtype, copy=copy, **kwargs)


class SignednessCastReinterprets(Mutant):
    """``astype(x, uint8)`` on an int8 array (any same-width change of signedness) returns a
    view of the same bytes instead of a copy."""

    name = "mutant-signedness-cast-reinterprets"
    violates = frozenset({"numpy", "array-api"})
    namespace_patch: ClassVar[dict[str, Any]] = {"astype": _reinterpreting_astype}


def _reshape_copying_negative_strides(x: Any, *args: Any, **kwargs: Any) -> Any:
    y = np.reshape(x, *args, **kwargs)
    if kwargs.get("copy") is not None or not any(s < 0 for s in x.strides):
        return y
    return y.copy()


class NegativeStrideReshapeCopies(Mutant):
    """``np.reshape`` copies any input with a negative stride, even where NumPy keeps a view
    (a reversed length-1 axis, a reversed 1-d array reshaped to itself)."""

    name = "mutant-negative-stride-reshape-copies"
    violates = frozenset({"numpy"})
    namespace_patch: ClassVar[dict[str, Any]] = {"reshape": _reshape_copying_negative_strides}


MUTANTS: tuple[type[NumpyAdapter], ...] = (
    CopiesWhereNumpyViews,
    ViewsWhereNumpyCopies,
    WrongBase,
    SharesMemoryFalsePositive,
    SharesMemoryFalseNegative,
    MayShareMemoryFalseNegative,
    AsarrayCopyTrueAliases,
    ReshapeCopyFalseCopies,
    ReadOnlyNotEnforced,
    CopyLeaksBack,
    CopyInFortranOrder,
    ContiguityFlagsLie,
    CopyWarns,
    AddressDependentReshape,
    ReadOnlyViewWritable,
    SignednessCastReinterprets,
    NegativeStrideReshapeCopies,
)
