"""Dask adapter: lazy arrays, judged by what writes do to results taken earlier.

A Dask array is a task graph, not a buffer: there is no address to report, so ``memory()`` is
``None`` and the memory witness is silent. ``x[idx] = v`` is supported, but it rewrites the
graph of ``x``; the mutation witness therefore asks the question that matters to a Dask user:
does a write through one array change what the other one computes? Values are always read
with ``compute()``. ``array_api_compat.dask.array`` is both namespaces (it re-exports
``dask.array`` and adds the standard's spellings); NumPy names Dask lacks raise and are
recorded as ``error``. Dask makes no claims (no ``.base``, no ``shares_memory``).
"""

from __future__ import annotations

import math
import os
from typing import Any, ClassVar

import numpy as np

from conformance.adapters.numba_mode import interpreted

with interpreted():  # dask.array imports sparse, where installed
    import array_api_compat.dask.array as compat_dask
    import dask.array as da
    import dask.core

from conformance.adapters.base import (
    NUMPY_API,
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
    apply_steps_expression,
)
from conformance.model.handoffs import Handoff, receiving
from conformance.model.operations import Operation
from conformance.vocabulary import Profile

#: Chunk length per axis for inputs: several chunks, so graphs look like real ones.
CHUNK = 2

#: Scheduler of every ``compute()``: threads buy nothing on arrays of a few elements and make
#: runs noisier; passed per call so the adapter never changes Dask's global configuration.
SCHEDULER = "synchronous"
#: Graph optimisation (fusing, culling) changes no value and cost a fifth of a run: a case
#: computes its small graphs about ten times.
#: ``COPYVIEW_DASK_OPTIMIZE=1`` optimises as Dask does by default (the results-equality test).
AS_DASK_DOES = os.environ.get("COPYVIEW_DASK_OPTIMIZE") == "1"
COMPUTE = {"scheduler": SCHEDULER, "optimize_graph": AS_DASK_DOES}


def compute(x: Any) -> Any:
    """The value of ``x``: its graph's tasks run by ``dask.core.get`` (a plain recursive
    evaluation), then Dask's own finalisation (concatenating the chunks).

    Note: on graphs of a few tasks, the local scheduler's ordering and bookkeeping cost four
    fifths of a ``compute()``; the values are the same (``COPYVIEW_DASK_OPTIMIZE=1`` computes
    through the scheduler, with optimisation, for the results-equality test).
    """
    if AS_DASK_DOES:
        return x.compute(**COMPUTE)
    finalize, extra = x.__dask_postcompute__()
    return finalize(dask.core.get(dict(x.__dask_graph__()), x.__dask_keys__()), *extra)


#: Dask's own surfaces: ``persist`` (computes the chunks now and keeps them in memory) and
#: ``rechunk`` (a new graph over the same tasks). Both hand back a new collection: does a
#: later write through either one change what the other computes?
OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "dask-persist",
        "copy",
        NUMPY_API,
        "{x}.persist(scheduler='synchronous')",
        lambda xp, x: x.persist(scheduler=SCHEDULER),
        lambda o: o.dtype == "float64",
    ),
    Operation(
        "dask-rechunk",
        "view",
        NUMPY_API,
        "{x}.rechunk(1)",
        lambda xp, x: x.rechunk(1),
        lambda o: o.dtype == "float64",
    ),
)

_DA = ("import dask.array as da",)

#: Senders da.asarray takes: NumPy arrays, torch tensors, and objects with one array protocol.
ASARRAY_SENDERS = ("numpy", "torch", "array-no-copy-kw", "array-interface-only")

#: dask.array's constructors over another library's array, and Dask's way back to NumPy.
# None of them promises a copy or a share: from_array puts the array itself into the graph
# (inline_array=False: "included in a task by itself"; asarray=True: "call np.asarray on
# chunks"), so whether a later write to it shows in compute() is exactly what is observed
# (https://docs.dask.org/en/stable/generated/dask.array.from_array.html).
HANDOFFS: tuple[Handoff, ...] = (
    *receiving("dask", ("numpy", "torch"), "da.from_array({x})", lambda x: da.from_array(x), _DA),
    *receiving(
        "dask",
        ("numpy", "torch"),
        "da.from_array({x}, asarray=False)",
        lambda x: da.from_array(x, asarray=False),
        _DA,
    ),
    *receiving(
        "dask",
        ("numpy", "torch"),
        "da.from_array({x}, asarray=True)",
        lambda x: da.from_array(x, asarray=True),
        _DA,
    ),
    *receiving(
        "dask",
        ("numpy", "torch"),
        "da.from_array({x}, inline_array=True)",
        lambda x: da.from_array(x, inline_array=True),
        _DA,
    ),
    *receiving("dask", ASARRAY_SENDERS, "da.asarray({x})", lambda x: da.asarray(x), _DA),
    *receiving("dask", ASARRAY_SENDERS, "da.asanyarray({x})", lambda x: da.asanyarray(x), _DA),
    Handoff("dask", "numpy", "{x}.compute()", lambda x: x.compute(scheduler=SCHEDULER), _DA),
)


class DaskAdapter(Adapter):
    """dask.array.Array, computed with the synchronous scheduler (cases are tiny)."""

    name: ClassVar[str] = "dask"
    library: ClassVar[str] = "dask"
    alias: ClassVar[str] = "xp"
    capabilities: ClassVar[Capabilities] = Capabilities(
        mutable=True,
        immutable=False,
        lazy=True,
        has_base=False,
        has_shares_memory=False,
        device="cpu",
    )
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.ARRAY_API, Profile.CONSISTENCY)
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS

    def namespace(self, api: str) -> Any:
        return compat_dask

    def from_host(self, host: np.ndarray) -> Any:
        # from_array keeps a reference to the NumPy array it wraps: give it a private one.
        return da.from_array(np.array(host, copy=True), chunks=CHUNK)

    def permute(self, x: Any, axes: tuple[int, ...]) -> Any:
        return da.transpose(x, axes)

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, da.Array)

    def to_host(self, x: Any) -> np.ndarray:
        return np.array(compute(x), copy=True, order="C")

    def dtype_name(self, x: Any) -> str:
        return np.dtype(x.dtype).name

    def shape(self, x: Any) -> tuple[int, ...]:
        if any(isinstance(n, float) and math.isnan(n) for n in x.shape):  # after a boolean mask
            return tuple(int(n) for n in compute(x).shape)
        return tuple(int(n) for n in x.shape)

    def memory(self, x: Any) -> MemoryReport | None:
        return None  # a graph has no address; compute() allocates anew each time

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return np.asarray(compute(x[index])).item()

    def assign(self, x: Any, host: np.ndarray) -> None:
        x[...] = host

    def repro_imports(self) -> list[str]:
        return ["import numpy", "import array_api_compat.dask.array as xp"]

    def repro_input(self, recipe: InputRecipe) -> str:
        host = recipe.host
        values = host.ravel().tolist()
        expr = (
            f"xp.from_array(numpy.asarray({values!r}, dtype=numpy.{recipe.dtype})"
            f".reshape({host.shape!r}), chunks={CHUNK})"
        )
        return apply_steps_expression(expr, recipe.steps, "xp.permute_dims")

    def repro_report(self) -> list[str]:
        return [
            "print('same object:', y is x)",
            "if isinstance(y, xp.Array):",
            "    before = y.compute().copy()",
            "    x[...] = 99",
            "    print('a write through x changes y:', bool((y.compute() != before).any()))",
        ]


adapter = DaskAdapter()
