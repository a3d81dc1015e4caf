"""xarray adapter: ``DataArray`` over a NumPy array, indexed by position or by label.

A ``DataArray`` wraps its ``.data`` (here a NumPy array) without copying, so its layout is the
wrapped array's. xarray makes no claims of its own (no ``.base``, no ``shares_memory``). Results
that are plain NumPy arrays (``.values``, ``.data``) are handled as NumPy arrays. xarray has no
``newaxis`` indexing: such inputs are not built (``NotImplementedError``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import xarray as xr

from conformance.adapters.base import (
    NUMPY_API,
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
    apply_steps_expression,
)
from conformance.adapters.numpy_adapter import adapter as numpy_adapter
from conformance.model.handoffs import PROTOCOL_SENDERS, Handoff
from conformance.model.operations import Operand, Operation
from conformance.vocabulary import Declared, Profile


def _nd(o: Operand) -> bool:
    return len(o.shape) >= 1


def _nonempty(o: Operand) -> bool:
    return len(o.shape) >= 1 and 0 not in o.shape


def _first_dim_step(xp: Any, x: Any) -> Any:
    return x.isel({x.dims[0]: slice(None, None, 2)})


def _assign_data(xp: Any, x: Any) -> Any:
    y = x.copy(deep=False)
    y.data = x.data
    return y


def _first_dim_labels(xp: Any, x: Any) -> Any:
    return x.sel({x.dims[0]: x[x.dims[0]].values[:1]})


#: xarray's own spellings of selection, transposition and conversion.
OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "xarray-isel-step",
        "indexing",
        NUMPY_API,
        "{x}.isel({{{x}.dims[0]: slice(None, None, 2)}})",
        _first_dim_step,
        _nd,
    ),
    Operation(
        "xarray-sel-label-list",
        "advanced-indexing",
        NUMPY_API,
        "{x}.sel({{{x}.dims[0]: {x}[{x}.dims[0]].values[:1]}})",
        _first_dim_labels,
        _nonempty,
    ),
    Operation(
        "xarray-transpose", "transpose", NUMPY_API, "{x}.transpose()", lambda xp, x: x.transpose()
    ),
    Operation("xarray-values", "interchange", NUMPY_API, "{x}.values", lambda xp, x: x.values),
    Operation("xarray-data", "interchange", NUMPY_API, "{x}.data", lambda xp, x: x.data),
    Operation(
        "xarray-assign-coords",
        "metadata",
        NUMPY_API,
        "{x}.assign_coords({{{x}.dims[0]: range({x}.shape[0])}})",
        lambda xp, x: x.assign_coords({x.dims[0]: range(x.shape[0])}),
        _nd,
    ),
    Operation(
        "xarray-rename",
        "metadata",
        NUMPY_API,
        "{x}.rename('renamed')",
        lambda xp, x: x.rename("renamed"),
    ),
    Operation(
        "xarray-expand-dims",
        "view",
        NUMPY_API,
        "{x}.expand_dims('new')",
        lambda xp, x: x.expand_dims("new"),
    ),
    Operation(
        "xarray-transpose-reversed",
        "transpose",
        NUMPY_API,
        "{x}.transpose(*reversed({x}.dims))",
        lambda xp, x: x.transpose(*reversed(x.dims)),
    ),
    # Assigning .data rebinds the wrapped array: the new object holds exactly what was given.
    Operation(
        "xarray-assign-data",
        "metadata",
        NUMPY_API,
        "{y} = {x}.copy(deep=False)\n{y}.data = {x}.data",
        _assign_data,
        statement=True,
    ),
    Operation(
        "xarray-copy-shallow",
        "copy",
        NUMPY_API,
        "{x}.copy(deep=False)",
        lambda xp, x: x.copy(deep=False),
    ),
)


_XR = ("import xarray as xr",)


def _dims(x: Any) -> tuple[str, ...]:
    return tuple(f"dim_{i}" for i in range(len(x.shape)))


# What xarray promises (https://docs.xarray.dev/en/stable/generated/xarray.DataArray.copy.html):
# copy(deep=True) "the data array and its coordinates are loaded into memory and copied";
# copy(deep=False) "the new object ... shares data with the original"; DataArray.data
# ("DataArray.data: the DataArray's data as an array. The underlying array type ... is
# preserved") is the wrapped array itself. The constructors make no promise.

#: xarray's constructors over another library's array, and its conversions to others.
HANDOFFS: tuple[Handoff, ...] = (
    *(
        Handoff(sender, "xarray", "xr.DataArray({x})", xr.DataArray, _XR)
        for sender in ("numpy", "pandas", *PROTOCOL_SENDERS)
    ),
    Handoff(
        "numpy",
        "xarray",
        "xr.Variable([f'dim_{{i}}' for i in range({x}.ndim)], {x})",
        lambda x: xr.Variable(_dims(x), x),
        _XR,
    ),
    Handoff(
        "numpy",
        "xarray",
        "xr.Dataset({{'v': ([f'dim_{{i}}' for i in range({x}.ndim)], {x})}})['v']",
        lambda x: xr.Dataset({"v": (_dims(x), x)})["v"],
        _XR,
    ),
    Handoff(
        "pandas",
        "xarray",
        "xr.DataArray.from_series({x})",
        xr.DataArray.from_series,
        _XR,
        ndims=(1,),
    ),
    Handoff("xarray", "numpy", "{x}.values", lambda x: x.values),
    Handoff("xarray", "numpy", "{x}.data", lambda x: x.data, declared=Declared.SHARE),
    Handoff("xarray", "numpy", "{x}.to_numpy()", lambda x: x.to_numpy()),
    Handoff("xarray", "pandas", "{x}.to_pandas()", lambda x: x.to_pandas()),
    Handoff("xarray", "pandas", "{x}.to_series()", lambda x: x.to_series(), ndims=(1,)),
    Handoff("xarray", "xarray", "xr.DataArray({x})", xr.DataArray, _XR),
    Handoff(
        "xarray",
        "xarray",
        "{x}.copy(deep=False)",
        lambda x: x.copy(deep=False),
        declared=Declared.SHARE,
    ),
    Handoff("xarray", "xarray", "{x}.copy()", lambda x: x.copy(), declared=Declared.COPY),
    Handoff("xarray", "xarray", "{x}.variable", lambda x: x.variable, declared=Declared.SHARE),
)


class XarrayAdapter(Adapter):
    """``xarray.DataArray`` with default dimension names; writes by position."""

    name: ClassVar[str] = "xarray"
    library: ClassVar[str] = "xarray"
    alias: ClassVar[str] = "xr"
    capabilities: ClassVar[Capabilities] = Capabilities()
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.CONSISTENCY,)
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS

    def namespace(self, api: str) -> Any | None:
        # DataArray methods carry NumPy's names; xr.<function> mostly does not exist.
        return xr if api == NUMPY_API else None

    def from_host(self, host: np.ndarray) -> Any:
        return xr.DataArray(np.array(host, copy=True))

    def build(self, recipe: InputRecipe) -> Any:
        x = self.allocate(recipe)
        for kind, arg in recipe.steps:
            if kind == "permute":
                x = x.transpose(*(x.dims[a] for a in arg))
            elif None in arg:
                raise NotImplementedError("xarray has no newaxis indexing")
            else:
                x = x[arg]
        return self.finish(recipe, x)

    def permute(self, x: Any, axes: tuple[int, ...]) -> Any:
        return x.transpose(*(x.dims[a] for a in axes))

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, (xr.DataArray, xr.Variable, np.ndarray))

    def to_host(self, x: Any) -> np.ndarray:
        wrapped = isinstance(x, (xr.DataArray, xr.Variable))
        return np.array(x.values if wrapped else x, copy=True, order="C")

    def dtype_name(self, x: Any) -> str:
        return x.dtype.name

    def memory(self, x: Any) -> MemoryReport | None:
        data = x.data if isinstance(x, (xr.DataArray, xr.Variable)) else x
        return numpy_adapter.memory(data) if isinstance(data, np.ndarray) else None

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return self.to_host(x)[index].item()

    def assign(self, x: Any, host: np.ndarray) -> None:
        x[...] = host

    def repro_imports(self) -> list[str]:
        return ["import numpy as np", "import xarray as xr"]

    def repro_input(self, recipe: InputRecipe) -> str:
        values = numpy_adapter.repro_input(InputRecipe(recipe.host, (), recipe.dtype))
        expr = f"xr.DataArray({values})"
        for kind, arg in recipe.steps:
            if kind == "permute":
                dims = ", ".join(f"'dim_{a}'" for a in arg)
                expr = f"{expr}.transpose({dims})"
            else:
                expr = apply_steps_expression(expr, ((kind, arg),), "")
        return expr

    def repro_report(self) -> list[str]:
        return [
            "def _data(a):",
            "    return a.data if isinstance(a, xr.DataArray) else np.asarray(a)",
            "print('same object:', y is x)",
            "print('shares memory:', np.shares_memory(_data(x), _data(y)))",
        ]


adapter = XarrayAdapter()
