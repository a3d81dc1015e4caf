"""Library adapters whose hand-offs carry exactly one injected fault each.

Each mutant is a real library adapter (pandas, xarray, pyarrow, sparse, memoryview) with one of
its declared hand-offs (:attr:`target`) swapped for a call that breaks the promise the library
documents for it: a constructor with ``copy=True`` that keeps the caller's buffer, a
``to_numpy(copy=True)`` that returns a view, an immutable wrapper that goes on reading the
caller's bytes although it claims a copy, zero-copy conversions that silently copy. Only the
hand-off ``consistency`` profile (``conformance/judge/handoff_profile.py``) judges hand-offs,
and :attr:`rule` is the words of the rule in it that must flag the fault;
``tests/suite/test_library_mutants.py`` checks that exactly the target hand-off fails, by that
rule, and that the unmutated adapters (the control) pass wherever they are not listed in
``known/exchange.txt``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import pyarrow as pa

from conformance.adapters.array_api_strict_adapter import ArrayAPIStrictAdapter
from conformance.adapters.base import Adapter
from conformance.adapters.memoryview_adapter import MemoryviewAdapter
from conformance.adapters.pandas_adapter import PandasAdapter
from conformance.adapters.pyarrow_adapter import PyarrowAdapter
from conformance.adapters.sparse_adapter import SparseAdapter, sparse
from conformance.adapters.xarray_adapter import XarrayAdapter
from conformance.model.handoffs import Handoff


def swapped(
    handoffs: tuple[Handoff, ...], target: str, call: Callable[[Any], Any]
) -> tuple[Handoff, ...]:
    """``handoffs`` with the one whose id is ``target`` performing ``call`` instead."""
    assert any(h.id == target for h in handoffs), f"no hand-off {target}"
    return tuple(dataclasses.replace(h, call=call) if h.id == target else h for h in handoffs)


class LibraryMutant(Adapter):
    """What every mutant declares besides its adapter's contract."""

    #: The id of the hand-off that carries the fault.
    target: ClassVar[str]
    #: Words of the hand-off consistency rule that must flag it.
    rule: ClassVar[str]


def _series_keeps_buffer(x: Any) -> Any:
    return pd.Series(x, copy=False)  # the fault: copy=True ignored


class SeriesCopyKeepsBuffer(PandasAdapter, LibraryMutant):
    """``pd.Series(x, copy=True)`` keeps the caller's ndarray."""

    name = "mutant-series-copy-keeps-buffer"
    target = "numpy->pandas:pd.Series(x, copy=True)"
    rule = "requests a copy"
    handoffs = swapped(PandasAdapter.handoffs, target, _series_keeps_buffer)


def _to_numpy_views(x: Any) -> Any:
    return x.to_numpy()  # the fault: copy=True ignored, pandas' read-only view returned


class ToNumpyCopyReturnsView(PandasAdapter, LibraryMutant):
    """``Series.to_numpy(copy=True)`` returns the read-only view of pandas' own buffer."""

    name = "mutant-to-numpy-copy-views"
    target = "pandas->numpy:x.to_numpy(copy=True)"
    rule = "requests a copy"
    handoffs = swapped(PandasAdapter.handoffs, target, _to_numpy_views)


def _coo_over_caller(x: Any) -> Any:
    # The fault: the COO's values are the caller's ndarray itself, not a copy of them.
    coords = np.indices(x.shape).reshape(x.ndim, -1)
    return sparse.COO(coords, x.reshape(-1), shape=x.shape, has_duplicates=False, sorted=True)


class FrozenWrapperFollowsSource(SparseAdapter, LibraryMutant):
    """``sparse.COO.from_numpy(x)`` keeps the caller's values: an array sparse calls immutable
    changes when the caller writes its ndarray."""

    name = "mutant-frozen-wrapper-follows-source"
    target = "numpy->sparse:sparse.COO.from_numpy(x)"
    rule = "never change"
    handoffs = swapped(SparseAdapter.handoffs, target, _coo_over_caller)


def _deep_shallow_copy(x: Any) -> Any:
    return x.copy(deep=True)  # the fault: deep=False ignored


class ShallowCopyCopies(XarrayAdapter, LibraryMutant):
    """``DataArray.copy(deep=False)`` copies the data it documents as shared."""

    name = "mutant-shallow-copy-copies"
    target = "xarray->xarray:x.copy(deep=False)"
    rule = "zero-copy"
    handoffs = swapped(XarrayAdapter.handoffs, target, _deep_shallow_copy)


def _buffer_of_copy(x: Any) -> Any:
    return memoryview(np.array(x, copy=True).data)  # the fault: a private copy's buffer


class MemoryviewSilentlyCopies(MemoryviewAdapter, LibraryMutant):
    """``memoryview(x)`` exports a copy's buffer instead of the caller's."""

    name = "mutant-memoryview-copies"
    target = "numpy->memoryview:memoryview(x)"
    rule = "zero-copy"
    handoffs = swapped(MemoryviewAdapter.handoffs, target, _buffer_of_copy)


def _arrow_buffer_of_copy(x: Any) -> Any:
    # The fault: py_buffer over a private copy, though zero-copy was asked for.
    fresh = np.array(x, copy=True)
    return pa.Array.from_buffers(pa.from_numpy_dtype(x.dtype), len(x), [None, pa.py_buffer(fresh)])


class ArrowZeroCopySilentlyCopies(PyarrowAdapter, LibraryMutant):
    """An Arrow array over ``py_buffer(x)`` that is built over a copy of ``x``."""

    name = "mutant-arrow-zero-copy-copies"
    target = (
        "numpy->pyarrow:pa.Array.from_buffers(pa.from_numpy_dtype(x.dtype), len(x), "
        "[None, pa.py_buffer(x)])"
    )
    rule = "zero-copy"
    handoffs = swapped(PyarrowAdapter.handoffs, target, _arrow_buffer_of_copy)


def _asarray_copy_false_copies(x: Any) -> Any:
    import array_api_strict

    return array_api_strict.asarray(np.array(x, copy=True))  # the fault: copy=False copies


class StrictCopyFalseCopies(ArrayAPIStrictAdapter, LibraryMutant):
    """``xp.asarray(x, copy=False)`` copies, where the standard says it never may."""

    name = "mutant-strict-copy-false-copies"
    target = "numpy->array_api_strict:xp.asarray(x, copy=False)"
    rule = "zero-copy"
    handoffs = swapped(ArrayAPIStrictAdapter.handoffs, target, _asarray_copy_false_copies)


MUTANTS: list[type[LibraryMutant]] = [
    SeriesCopyKeepsBuffer,
    ToNumpyCopyReturnsView,
    FrozenWrapperFollowsSource,
    ShallowCopyCopies,
    MemoryviewSilentlyCopies,
    ArrowZeroCopySilentlyCopies,
    StrictCopyFalseCopies,
]


def control(mutant: type[LibraryMutant]) -> type[Adapter]:
    """The unmutated adapter the mutant is made from (its first base)."""
    return mutant.__bases__[0]
