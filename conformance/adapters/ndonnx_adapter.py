"""ndonnx adapter: Array API arrays that are ONNX graphs, with values propagated eagerly.

An ndonnx array is a node of a graph; with constant inputs its values are computed as the
graph is built (``unwrap_numpy()``). There are no bytes to point at: ``__dlpack__`` raises
``BufferError``, so the memory witness is ``None``. ``__setitem__`` works, but it rebinds the
array to a new graph node instead of writing bytes, so silence from the mutation witness says
nothing about sharing: the adapter declares ``lazy``, and a new array without propagation is
``unknown``. A write that *did* propagate would still be seen as one.
"""

from __future__ import annotations

from typing import Any, ClassVar

import ndonnx as ndx
import numpy as np

from conformance.adapters.base import ARRAY_API, Adapter, Capabilities, MemoryReport
from conformance.vocabulary import Profile


class NdonnxAdapter(Adapter):
    """ndonnx through its Array API namespace; no NumPy-style namespace, no claims."""

    name: ClassVar[str] = "ndonnx"
    library: ClassVar[str] = "ndonnx"
    alias: ClassVar[str] = "ndx"
    capabilities: ClassVar[Capabilities] = Capabilities(lazy=True)
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.CONSISTENCY,)

    def namespace(self, api: str) -> Any | None:
        return ndx if api == ARRAY_API else None

    def from_host(self, host: np.ndarray) -> Any:
        return ndx.asarray(np.array(host, copy=True))

    def to_host(self, x: Any) -> np.ndarray:
        # unwrap_numpy hands out the node's own constant array: copy before anyone writes.
        return np.array(x.unwrap_numpy(), copy=True)

    def memory(self, x: Any) -> MemoryReport | None:
        return None  # __dlpack__ raises BufferError: ndonnx exports no memory

    def repro_imports(self) -> list[str]:
        return ["import ndonnx as ndx"]


adapter = NdonnxAdapter()
