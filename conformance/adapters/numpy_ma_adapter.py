"""numpy.ma adapter: masked arrays, whose data AND mask can each be shared or copied.

A masked array is two buffers: the data (what the memory witness sees) and the boolean mask.
Inputs get an explicit all-False mask array (not ``nomask``) so that mask sharing is
observable, and the mutation witness sees both: :meth:`NumpyMaAdapter.fill` writes the value
*and* masks the first element, and :meth:`NumpyMaAdapter.to_host` shows masked elements as a
marker value, so a shared mask changes the other array's host bytes just as shared data does.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import (
    NUMPY_API,
    Capabilities,
    InputRecipe,
    MemoryReport,
    apply_steps_expression,
)
from conformance.adapters.numpy_adapter import NumpyAdapter
from conformance.model.handoffs import Handoff
from conformance.model.operations import Operation
from conformance.vocabulary import Profile


class _MaskedNamespace:
    """``numpy.ma`` where it has the function, else ``numpy`` (which keeps the subclass).

    A NumPy user holding masked arrays calls ``np.ma.where`` where it exists and plain
    ``np.split`` where ``np.ma`` has none, so that is what the suite runs.
    """

    __version__ = np.__version__

    def __getattr__(self, name: str) -> Any:
        return getattr(np.ma, name) if hasattr(np.ma, name) else getattr(np, name)


def _marker(dtype: np.dtype) -> Any:
    """The host value of a masked element: a byte pattern no sentinel or input value uses.

    Note: bool has no third value, so for bool arrays only data sharing is visible.
    """
    if dtype == np.bool_:
        return False
    return np.frombuffer(b"\x3c" * dtype.itemsize, dtype=dtype)[0]


class NumpyMaAdapter(NumpyAdapter):
    """``numpy.ma.MaskedArray``: NumPy semantics promised, with ``.base`` quirks recorded.

    Claims (``.base``, ``shares_memory``, flags), identity and dtype names are NumPy's own, so
    they come from :class:`NumpyAdapter`, as does ``assign`` (``x[...] = host`` also clears the
    mask again when a probe restores the input); what differs is the mask.
    """

    name: ClassVar[str] = "numpy.ma"
    library: ClassVar[str] = "numpy"
    alias: ClassVar[str] = "ma"
    capabilities: ClassVar[Capabilities] = Capabilities(has_base=True, has_shares_memory=True)
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.NUMPY, Profile.CONSISTENCY)
    #: NumPy's hand-offs belong to the numpy backend; numpy.ma declares none of its own yet.
    handoffs: ClassVar[tuple[Handoff, ...]] = ()
    #: So are NumPy's own operations (``np.require``, ``.shape =``...).
    operations: ClassVar[tuple[Operation, ...]] = ()

    _namespace = _MaskedNamespace()

    def namespace(self, api: str) -> Any | None:
        # numpy.ma has no Array API namespace (no copy= keywords, no __array_namespace__).
        return self._namespace if api == NUMPY_API else None

    def from_host(self, host: np.ndarray) -> Any:
        return np.ma.array(host, mask=np.zeros(host.shape, dtype=bool), copy=True)

    def permute(self, x: Any, axes: tuple[int, ...]) -> Any:
        return np.ma.transpose(x, axes)

    def to_host(self, x: Any) -> np.ndarray:
        data = np.array(np.ma.getdata(x), copy=True, order="C")
        mask = np.ma.getmaskarray(x)
        if mask.any():
            data[mask] = _marker(data.dtype)
        return data

    def memory(self, x: Any) -> MemoryReport:
        return super().memory(np.ma.getdata(x))

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return self.to_host(x)[index].item()

    def fill(self, x: Any, value: Any) -> None:
        x[...] = value
        if isinstance(x, np.ma.MaskedArray) and x.size:
            x[(0,) * x.ndim] = np.ma.masked  # a change only a shared mask carries over

    def repro_imports(self) -> list[str]:
        return ["import numpy as np", "import numpy.ma as ma"]

    def repro_input(self, recipe: InputRecipe) -> str:
        values = super().repro_input(InputRecipe(recipe.host, (), recipe.dtype))
        expr = f"ma.array({values}, mask=np.zeros({recipe.host.shape!r}, bool))"
        return apply_steps_expression(expr, recipe.steps, "ma.transpose")

    def repro_report(self) -> list[str]:
        return [
            "print('same object:', y is x)",
            "print('shares data:', np.shares_memory(ma.getdata(x), ma.getdata(y)))",
            "print('shares mask:', np.shares_memory(ma.getmaskarray(x), ma.getmaskarray(y)))",
            "print('base is x:', getattr(y, 'base', None) is x)",
        ]


adapter = NumpyMaAdapter()
