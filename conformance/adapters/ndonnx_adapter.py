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
from conformance.model.handoffs import PROTOCOL_SENDERS, Handoff
from conformance.vocabulary import Declared, Profile

_NDX = ("import ndonnx as ndx",)

# ndx.asarray follows the Array API standard's copy= (copy=False never copies and raises
# ValueError when it must: https://data-apis.org/array-api/latest/API_specification/generated/
# array_api.asarray.html). unwrap_numpy "Return[s] the propagated value as a NumPy array".

#: ndonnx's constructor over NumPy (and the partial-protocol senders), and its ways back.
HANDOFFS: tuple[Handoff, ...] = (
    *(
        Handoff(sender, "ndonnx", "ndx.asarray({x})", ndx.asarray, _NDX)
        for sender in ("numpy", *PROTOCOL_SENDERS)
    ),
    Handoff(
        "numpy",
        "ndonnx",
        "ndx.asarray({x}, copy=True)",
        lambda x: ndx.asarray(x, copy=True),
        _NDX,
        Declared.COPY,
    ),
    Handoff(
        "numpy",
        "ndonnx",
        "ndx.asarray({x}, copy=False)",
        lambda x: ndx.asarray(x, copy=False),
        _NDX,
        Declared.SHARE,
    ),
    Handoff("ndonnx", "numpy", "{x}.unwrap_numpy()", lambda x: x.unwrap_numpy()),
    Handoff("ndonnx", "numpy", "np.asarray({x})", np.asarray, ("import numpy as np",)),
)


class NdonnxAdapter(Adapter):
    """ndonnx through its Array API namespace; no NumPy-style namespace, no claims."""

    name: ClassVar[str] = "ndonnx"
    library: ClassVar[str] = "ndonnx"
    alias: ClassVar[str] = "ndx"
    capabilities: ClassVar[Capabilities] = Capabilities(lazy=True)
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.CONSISTENCY,)
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS

    def namespace(self, api: str) -> Any | None:
        return ndx if api == ARRAY_API else None

    def from_host(self, host: np.ndarray) -> Any:
        return ndx.asarray(np.array(host, copy=True))

    def to_host(self, x: Any) -> np.ndarray:
        # unwrap_numpy hands out the node's own constant array: copy before anyone writes.
        return np.array(x.unwrap_numpy(), copy=True)

    def memory(self, x: Any) -> MemoryReport | None:
        return None  # __dlpack__ raises BufferError: ndonnx exports no memory

    # ndonnx 0.23 writes ``x[...] = v`` and ``x[i, j] = v`` through its integer-array path (a
    # meshgrid of every index, one ONNX constant per element: 20-40 ms a write). The same
    # in-place writes as ``x[()] = v`` (every element, as in NumPy) and through a boolean mask
    # take 1-2 ms.
    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        # The propagated values, not x[index]: ndonnx builds a graph node for every index.
        return self.to_host(x)[index].item()

    def write(self, x: Any, index: tuple[int, ...], value: Any) -> None:
        if not index:
            x[()] = value
            return
        where = np.zeros(self.shape(x), dtype=bool)
        where[index] = True
        x[ndx.asarray(where)] = value

    def fill(self, x: Any, value: Any) -> None:
        x[()] = value

    def assign(self, x: Any, host: np.ndarray) -> None:
        x[()] = self.from_host(host)

    def repro_imports(self) -> list[str]:
        return ["import ndonnx as ndx"]


adapter = NdonnxAdapter()
