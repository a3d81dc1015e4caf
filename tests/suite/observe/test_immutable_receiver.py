"""A hand-off receiver that takes no writes is a ``copy`` where the memory witness proves a
separate buffer, a ``view`` where a forward write shows, and ``immutable`` otherwise."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import Capabilities, MemoryReport
from conformance.adapters.numpy_adapter import NumpyAdapter
from conformance.observe.observer import observe_pair
from conformance.vocabulary import Behaviour


class FrozenNumpy(NumpyAdapter):
    """NumPy arrays treated as a library that never takes writes (as JAX's are)."""

    name = "frozen-numpy"
    capabilities: ClassVar[Capabilities] = Capabilities(mutable=False, immutable=True)


class FrozenNoAddress(FrozenNumpy):
    """The same, with no memory report (the memory witness cannot speak)."""

    name = "frozen-no-address"

    def memory(self, x: Any) -> MemoryReport | None:
        return None

    def shares_memory(self, a: Any, b: Any) -> bool | None:
        return None

    def may_share_memory(self, a: Any, b: Any) -> bool | None:
        return None


def pair(receiver: NumpyAdapter, share: bool) -> Behaviour:
    sender = NumpyAdapter()
    x = np.arange(6.0)
    y = x[:] if share else x.copy()
    y.flags.writeable = False
    return observe_pair(sender, x, receiver, y).cls


def test_a_separate_buffer_is_a_copy_not_immutable() -> None:
    assert pair(FrozenNumpy(), share=False) == Behaviour.COPY


def test_a_shared_buffer_is_not_immutable() -> None:
    assert pair(FrozenNumpy(), share=True) not in (Behaviour.IMMUTABLE, Behaviour.UNKNOWN)


def test_without_a_memory_witness_it_stays_immutable() -> None:
    assert pair(FrozenNoAddress(), share=False) == Behaviour.IMMUTABLE
