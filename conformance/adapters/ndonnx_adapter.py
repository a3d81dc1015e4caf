"""ndonnx adapter: Array API arrays that are ONNX graphs, with values propagated eagerly.

An ndonnx array is a node of a graph; with constant inputs its values are computed as the
graph is built (``unwrap_numpy()``). There are no bytes to point at: ``__dlpack__`` raises
``BufferError``, so the memory witness is ``None``. ``__setitem__`` works, but it rebinds the
array to a new graph node instead of writing bytes, so silence from the mutation witness says
nothing about sharing: the adapter declares ``lazy``, and a new array without propagation is
``unknown``. A write that *did* propagate would still be seen as one.
"""

from __future__ import annotations

import copy
import functools
from typing import Any, ClassVar

import ndonnx as ndx
import numpy as np

from conformance.adapters.base import ARRAY_API, Adapter, Capabilities, InputRecipe, MemoryReport
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


def _scalar(dtype: np.dtype, value: Any) -> Any:
    """``value`` as a 0-d ndonnx constant of ``dtype``, made once per value's bytes (so -0.0
    is not 0.0)."""
    raw = np.asarray(value, dtype=dtype)
    return _values(raw.dtype.str, (), raw.tobytes())


@functools.lru_cache(maxsize=256)
def _values(dtype: str, shape: tuple[int, ...], data: bytes) -> Any:
    """An ndonnx constant holding ``data`` (the witnesses write the same values and restore the
    same saved ones case after case), made once."""
    return ndx.asarray(np.frombuffer(data, dtype=np.dtype(dtype)).reshape(shape).copy())


@functools.lru_cache(maxsize=256)
def _mask(shape: tuple[int, ...], index: tuple[int, ...] | None) -> Any:
    """A boolean mask selecting the element ``index`` (every element for ``None``), made
    once."""
    where = np.ones(shape, dtype=bool) if index is None else np.zeros(shape, dtype=bool)
    if index is not None:
        where[index] = True
    return ndx.asarray(where)


#: Inputs already built, by recipe (oldest dropped first).
_BUILT: dict[tuple[Any, ...], Any] = {}
_BUILT_MAX = 512


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

    def build(self, recipe: InputRecipe) -> Any:
        # Each slicing step is several graph nodes whose values ndonnx propagates (a third of a
        # run went there). The graph for a recipe is built once; every case gets its own array
        # object over that graph's output, so a witness's write (which rebinds the array to a
        # new node) never reaches another case's input.
        host = recipe.host
        key: tuple[Any, ...] = (host.dtype.str, host.shape, host.tobytes(), repr(recipe.steps))
        key += (recipe.dtype, recipe.align, recipe.readonly)
        built = _BUILT.get(key)
        if built is None:
            try:
                built = super().build(recipe)
            except NotImplementedError as e:
                built = e
            if len(_BUILT) >= _BUILT_MAX:
                _BUILT.pop(next(iter(_BUILT)))
            _BUILT[key] = built
        if isinstance(built, NotImplementedError):
            raise NotImplementedError(*built.args)
        return ndx.Array._from_tyarray(copy.copy(built._tyarray))

    def to_host(self, x: Any) -> np.ndarray:
        # unwrap_numpy hands out the node's own constant array: copy before anyone writes.
        return np.array(x.unwrap_numpy(), copy=True)

    def memory(self, x: Any) -> MemoryReport | None:
        return None  # __dlpack__ raises BufferError: ndonnx exports no memory

    # ndonnx 0.23 writes ``x[...] = v`` and ``x[i, j] = v`` through its integer-array path (a
    # meshgrid of every index, one ONNX constant per element: 20-40 ms a write). A boolean mask
    # with a 0-d value is one ``Where`` node (about 0.7 ms): the witnesses write every element,
    # or one, that way, with the masks and values made once (each new constant is a node whose
    # values ndonnx propagates through ONNX's reference evaluator). Restoring a whole array is
    # ``x[()] = values`` (NumPy's meaning: every element).
    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        # The propagated values, not x[index]: ndonnx builds a graph node for every index.
        return self.to_host(x)[index].item()

    def write(self, x: Any, index: tuple[int, ...], value: Any) -> None:
        shape = self.shape(x)
        x[_mask(shape, index)] = _scalar(np.dtype(self.dtype_name(x)), value)

    def fill(self, x: Any, value: Any) -> None:
        x[_mask(self.shape(x), None)] = _scalar(np.dtype(self.dtype_name(x)), value)

    def assign(self, x: Any, host: np.ndarray) -> None:
        x[()] = _values(host.dtype.str, host.shape, host.tobytes())

    def repro_imports(self) -> list[str]:
        return ["import ndonnx as ndx"]


adapter = NdonnxAdapter()
