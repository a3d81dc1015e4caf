"""Witnesses: independent ways of observing whether a result shares memory with its input.

* memory: exact byte overlap of the two layouts, decided by reference_impl's solver on layouts
  alone (no element enumeration, so it is exact and cheap for arrays of any size);
* mutation: write byte-pattern sentinels through one array, look for a change in the other,
  restore; both directions; only on arrays the suite created;
* claims: what the library says (``.base`` target, ``shares_memory``, ``may_share_memory``,
  flags), each ``None`` when the library makes no such claim.

Witnesses read at most what the suite could have made: a result whose own ``shape`` and
exported layout disagree, or that claims more bytes than :data:`MAX_RESULT_BYTES`, is refused
(:class:`LayoutRefused`) before anything is copied, so a lying DLPack capsule costs nothing.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from typing import Any

import numpy as np

from conformance.adapters.base import Adapter, MemoryReport
from conformance.vocabulary import BaseTarget
from reference_impl.overlap import layouts_share_memory

#: The most bytes a result may claim: the suite's inputs are a few hundred bytes, so a result
#: claiming more describes memory it does not have (or would make every read unaffordable).
MAX_RESULT_BYTES = 16 << 20


class LayoutRefused(Exception):
    """The result's layout cannot be true, so no witness reads it (a fault of the library)."""


def check_layout(adapter: Adapter, y: Any, report: MemoryReport | None) -> None:
    """Refuse ``y`` when its claimed size is unaffordable or its exported layout disagrees
    with its own ``shape``. Raises :class:`LayoutRefused`; says nothing when all is well."""
    shape = adapter.shape(y)
    claimed = _itemsize(adapter.dtype_name(y)) if report is None else report.layout.itemsize
    for n in shape:
        claimed *= n
    if claimed > MAX_RESULT_BYTES:
        raise LayoutRefused(
            f"the result claims {claimed} bytes (shape {shape}); no case makes more than "
            f"{MAX_RESULT_BYTES}"
        )
    if report is not None and tuple(report.layout.shape) != tuple(shape):
        raise LayoutRefused(
            f"the exported layout has shape {tuple(report.layout.shape)}, but the array's "
            f"shape is {tuple(shape)}"
        )


def _itemsize(dtype: str) -> int:
    try:
        return int(np.dtype(dtype).itemsize)
    except TypeError:  # a dtype NumPy does not know: assume the widest the suite uses
        return 16


def memory_witness(x_mem: MemoryReport | None, y_mem: MemoryReport | None) -> bool | None:
    """Do the two layouts share at least one byte? ``None`` when a layout is unknown."""
    if x_mem is None or y_mem is None:
        return None
    return bool(layouts_share_memory(x_mem.layout, y_mem.layout))


def sentinels(dtype: str) -> tuple[Any, Any]:
    """Two values whose bytes differ from each other in every position.

    Writing both and watching for *any* change catches aliasing even through a
    reinterpreting view (``x.view('int8')[1::8]`` sees one byte of each element), because a
    byte equal to the first pattern cannot equal the second.
    """
    if dtype == "bool":
        return True, False
    dt = np.dtype(dtype)
    first = np.frombuffer(b"\x5a" * dt.itemsize, dtype=dt)[0].item()
    second = np.frombuffer(b"\x25" * dt.itemsize, dtype=dt)[0].item()
    return first, second


@dataclass(frozen=True)
class Mutation:
    """What writing through one array did to the other (``None``: could not be tried)."""

    forward: bool | None  # write through the input, seen in the result
    backward: bool | None  # write through the result, seen in the input
    write_refused: bool | None  # writing through the result raised


def _bytes(adapter: Adapter, a: Any) -> bytes:
    return adapter.to_host(a).tobytes()


def propagates(source_adapter: Adapter, source: Any, target_adapter: Adapter, target: Any) -> bool:
    """Fill ``source`` with both sentinels in turn; did ``target`` ever change? Restores.

    The two arrays may belong to two libraries (a hand-off): each is read and written through
    its own adapter.
    """
    saved = source_adapter.to_host(source)
    before = _bytes(target_adapter, target)
    changed = False
    try:
        for value in sentinels(source_adapter.dtype_name(source)):
            source_adapter.fill(source, value)
            changed = changed or _bytes(target_adapter, target) != before
    finally:
        source_adapter.assign(source, saved)
    return changed


def _refuses_writes(adapter: Adapter, y: Any) -> bool:
    """Writing an element's own value back through ``y`` raises (changes nothing if not)."""
    shape = adapter.shape(y)
    if 0 in shape:
        return False
    first = (0,) * len(shape)
    try:
        adapter.write(y, first, adapter.read(y, first))
    except Exception:
        return True
    return False


def mutation_witness(adapter: Adapter, x: Any, y: Any) -> Mutation:
    """Writes both ways between input ``x`` and result ``y``, restoring both afterwards."""
    try:
        forward: bool | None = propagates(adapter, x, adapter, y)
    except Exception:  # the input refused writes: no forward observation
        forward = None
    if _refuses_writes(adapter, y):
        return Mutation(forward, None, True)
    try:
        backward: bool | None = propagates(adapter, y, adapter, x)
        # A fill of no element that did not raise says nothing about whether writes are
        # refused (a read-only memoryview accepts it; a read-only ndarray raises anyway).
        refused: bool | None = None if 0 in adapter.shape(y) else False
    except Exception:
        backward, refused = None, True
    return Mutation(forward, backward, refused)


def mutation_between(sender: Adapter, x: Any, receiver: Adapter, y: Any) -> Mutation:
    """Writes both ways between two libraries' arrays, where each side's library takes writes.

    A side whose library has no writes at all (immutable) is not written: no observation in
    that direction, and no claim that the receiver refused a write.
    """
    forward = None
    if writable(sender):
        try:
            forward = propagates(sender, x, receiver, y)
        except Exception:  # the sender refused this write: no forward observation
            forward = None
    if not writable(receiver):
        return Mutation(forward, None, None)
    try:
        backward = propagates(receiver, y, sender, x)
    except Exception:
        return Mutation(forward, None, True)
    # A fill of no element that did not raise says nothing about whether writes are refused
    # (a read-only memoryview of nothing accepts it), as in mutation_witness.
    return Mutation(forward, backward, None if 0 in receiver.shape(y) else False)


def writable(adapter: Adapter) -> bool:
    """Does the library take in-place writes at all (as its capabilities declare)?"""
    caps = adapter.capabilities
    return caps.mutable and not caps.immutable


def keeps_alive(adapter: Adapter, holder: list[Any], y: Any) -> bool:
    """Drop the last reference to the input (``holder`` owns it); are ``y``'s values intact?

    A view that did not keep its memory alive would read freed (and, after the allocations
    below, reused) memory.
    """
    before = _bytes(adapter, y)
    holder.clear()
    gc.collect(0)  # the youngest generation is enough for short-lived cycles, and cheap
    churn = [bytearray(b"\xa5" * 4096) for _ in range(64)]  # reuse freed blocks, if any
    intact = _bytes(adapter, y) == before
    del churn
    return intact


@dataclass(frozen=True)
class Claims:
    """What the library says about the result, relative to the input.

    ``interleaved`` is the library's ``shares_memory(y[::2], y[1::2])``: two halves whose byte
    ranges interleave, so an answer read from bounds alone is caught (``None`` when ``y`` has
    fewer than two rows or the library has no ``shares_memory``).
    """

    base: BaseTarget | None
    shares_memory: bool | None
    may_share_memory: bool | None
    flags: dict[str, bool] | None
    interleaved: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "shares_memory": self.shares_memory,
            "may_share_memory": self.may_share_memory,
            "flags": self.flags,
            "shares_memory_interleaved": self.interleaved,
        }


def interleaved_halves(adapter: Adapter, y: Any) -> tuple[Any, Any] | None:
    """``(y[::2], y[1::2])``: even and odd rows, disjoint unless ``y`` aliases itself.

    ``None`` when ``y`` has fewer than two rows, or when its type refuses a full tuple key
    (a pandas DataFrame, an Arrow array, a memoryview): the witness cannot be applied there,
    which says nothing about the result itself.
    """
    shape = adapter.shape(y)
    if not shape or shape[0] < 2:
        return None
    rest = (slice(None),) * (len(shape) - 1)
    try:
        return y[(slice(None, None, 2), *rest)], y[(slice(1, None, 2), *rest)]
    except Exception:
        return None


def interleaved_witness(adapter: Adapter, halves: tuple[Any, Any] | None) -> bool | None:
    """Do the two halves share a byte? (The truth the ``interleaved`` claim is held to.)"""
    if halves is None:
        return None
    try:
        return memory_witness(adapter.memory(halves[0]), adapter.memory(halves[1]))
    except Exception:  # halves of a type the adapter cannot lay out: no witness
        return None


def base_target(adapter: Adapter, x: Any, x_base: Any, y: Any) -> BaseTarget | None:
    """Where ``y.base`` points: ``none``, ``input``, ``input-base`` or ``intermediate``."""
    if not adapter.capabilities.has_base:
        return None
    b = adapter.base(y)
    if b is None:
        return BaseTarget.NONE
    if b is x:
        return BaseTarget.INPUT
    if x_base is not None and b is x_base:
        return BaseTarget.INPUT_BASE
    return BaseTarget.INTERMEDIATE


def claims_witness(
    adapter: Adapter, x: Any, x_base: Any, y: Any, halves: tuple[Any, Any] | None = None
) -> Claims:
    return Claims(
        base=base_target(adapter, x, x_base, y),
        shares_memory=_ask(adapter.shares_memory, x, y),
        may_share_memory=_ask(adapter.may_share_memory, x, y),
        flags=adapter.flags(y),
        interleaved=None if halves is None else _ask(adapter.shares_memory, *halves),
    )


def _ask(question: Any, x: Any, y: Any) -> bool | None:
    try:
        answer = question(x, y)
    except Exception:  # a claim the library cannot make for these arrays is no claim
        return None
    return None if answer is None else bool(answer)
