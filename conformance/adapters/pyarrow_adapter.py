"""pyarrow adapter: immutable columnar ``Array`` (1-D inputs) and ``Tensor`` (other inputs).

Arrow arrays have no in-place writes, so the mutation witness does not run (the class is
``immutable``) and the memory witness speaks alone. An ``Array``'s layout is its values buffer
(``buffers()[1]``) shifted by ``offset`` elements; booleans are bit-packed, which no byte layout
describes, so their layout is unknown. A ``Tensor``'s layout comes from ``to_numpy()``, which is
zero-copy. Arrow slices with a step are copies, so strided 1-D inputs are contiguous copies;
a ``Tensor`` cannot be sliced or transposed, so only whole tensors are built. Arrow has no
complex types (``NotImplementedError``). Results that are NumPy arrays (``to_numpy()``) are
handled as NumPy arrays.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

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
from reference_impl.layout import Layout


def _arrow_1d(o: Operand) -> bool:
    return len(o.shape) == 1


def _arrow_nonempty(o: Operand) -> bool:
    return o.shape[:1] != (0,) and len(o.shape) == 1


def _other_type(o: Operand) -> dict[str, Any]:
    return {"dtype": "float32" if o.dtype != "float32" else "float64"}


def _same_type(o: Operand) -> dict[str, Any]:
    return {"dtype": o.dtype}


def _arrow_type(name: str) -> pa.DataType:
    return pa.from_numpy_dtype(np.dtype(name))


#: Arrow's own operations on arrays.
OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "pyarrow-slice-method",
        "indexing",
        NUMPY_API,
        "{x}.slice(1)",
        lambda xp, x: x.slice(1),
        _arrow_1d,
    ),
    Operation(
        "pyarrow-cast-same",
        "dtype",
        NUMPY_API,
        "{x}.cast({dtype})",
        lambda xp, x, dtype: x.cast(_arrow_type(dtype)),
        _arrow_1d,
        params=_same_type,
    ),
    Operation(
        "pyarrow-cast-other",
        "dtype",
        NUMPY_API,
        "{x}.cast({dtype})",
        lambda xp, x, dtype: x.cast(_arrow_type(dtype)),
        _arrow_1d,
        params=_other_type,
    ),
    Operation(
        "pyarrow-take",
        "advanced-indexing",
        NUMPY_API,
        "{x}.take([0])",
        lambda xp, x: x.take([0]),
        _arrow_nonempty,
    ),
    Operation(
        "pyarrow-filter",
        "advanced-indexing",
        NUMPY_API,
        "{x}.filter({xp}.array([True] * len({x})))",
        lambda xp, x: x.filter(pa.array([True] * len(x))),
        _arrow_1d,
    ),
    Operation(
        "pyarrow-to-numpy", "interchange", NUMPY_API, "{x}.to_numpy()", lambda xp, x: x.to_numpy()
    ),
    Operation(
        "pyarrow-array-of-array",
        "copy",
        NUMPY_API,
        "{xp}.array({x})",
        lambda xp, x: pa.array(x),
        _arrow_1d,
    ),
    Operation(
        "pyarrow-combine-chunks",
        "copy",
        NUMPY_API,
        "{xp}.chunked_array([{x}]).combine_chunks()",
        lambda xp, x: pa.chunked_array([x]).combine_chunks(),
        _arrow_1d,
    ),
    Operation(
        "pyarrow-slice-offset-length",
        "indexing",
        NUMPY_API,
        "{x}.slice(0, len({x}))",
        lambda xp, x: x.slice(0, len(x)),
        _arrow_1d,
    ),
    Operation(
        "pyarrow-compute-add-zero",
        "arithmetic",
        NUMPY_API,
        "pc.add({x}, 0)",
        lambda xp, x: pc.add(x, 0),
        _arrow_1d,
    ),
)


_PA = ("import pyarrow as pa",)
_NP = ("import numpy as np",)


def _over_buffer(x: np.ndarray) -> pa.Array:
    """An Arrow array over the ndarray's own bytes (``py_buffer`` takes contiguous ones)."""
    return pa.Array.from_buffers(pa.from_numpy_dtype(x.dtype), len(x), [None, pa.py_buffer(x)])


# What each call promises, from pyarrow's docs (https://arrow.apache.org/docs/python/):
# Array.to_numpy "zero_copy_only: raise an ArrowInvalid if this function call would require
# copying the underlying data", "writable: ... the resulting array is not writable ...
# setting this to True will ... copy"; Tensor.to_numpy "Convert arrow::Tensor to numpy.ndarray
# with zero copy"; py_buffer wraps a buffer-like object's memory; pa.array, Tensor.from_numpy,
# FixedShapeTensorArray.from_numpy_ndarray and Array.from_pandas make no promise.

#: pyarrow's constructors that take another library's array, and its conversions to others.
HANDOFFS: tuple[Handoff, ...] = (
    *(
        Handoff(sender, "pyarrow", "pa.array({x})", pa.array, _PA, ndims=(1,))
        for sender in ("numpy", "pandas", *PROTOCOL_SENDERS)
    ),
    Handoff(
        "pandas",
        "pyarrow",
        "pa.Array.from_pandas({x})",
        pa.Array.from_pandas,
        _PA,
        ndims=(1,),
    ),
    # The Arrow PyCapsule interface: a Series exports __arrow_c_stream__.
    Handoff(
        "pandas",
        "pyarrow",
        "pa.chunked_array({x}).chunk(0)",
        lambda x: pa.chunked_array(x).chunk(0),
        _PA,
        ndims=(1,),
    ),
    Handoff(
        "numpy",
        "pyarrow",
        "pa.Tensor.from_numpy({x})",
        pa.Tensor.from_numpy,
        _PA,
    ),
    Handoff(
        "numpy",
        "pyarrow",
        "pa.FixedShapeTensorArray.from_numpy_ndarray({x})",
        pa.FixedShapeTensorArray.from_numpy_ndarray,
        _PA,
        ndims=(2,),
    ),
    Handoff(
        "numpy",
        "pyarrow",
        "pa.Array.from_buffers(pa.from_numpy_dtype({x}.dtype), len({x}), "
        "[None, pa.py_buffer({x})])",
        _over_buffer,
        _PA,
        Declared.SHARE,
        (1,),
    ),
    Handoff("pyarrow", "numpy", "{x}.to_numpy()", lambda x: x.to_numpy(), declared=Declared.SHARE),
    Handoff(
        "pyarrow",
        "numpy",
        "{x}.to_numpy(zero_copy_only=False)",
        lambda x: x.to_numpy(zero_copy_only=False),
        ndims=(1,),
    ),
    Handoff(
        "pyarrow",
        "numpy",
        "{x}.to_numpy(zero_copy_only=False, writable=True)",
        lambda x: x.to_numpy(zero_copy_only=False, writable=True),
        declared=Declared.COPY,
        ndims=(1,),
    ),
    Handoff("pyarrow", "numpy", "np.from_dlpack({x})", np.from_dlpack, _NP, ndims=(1,)),
    Handoff("pyarrow", "pandas", "{x}.to_pandas()", lambda x: x.to_pandas(), ndims=(1,)),
)


def _wrap(values: np.ndarray) -> Any:
    """The Arrow object over the ndarray ``values``: an Array for 1-d, else a Tensor."""
    if values.dtype.kind == "c":
        raise NotImplementedError("Arrow has no complex types")
    if values.dtype.kind == "b" and values.ndim != 1:
        # Note: Tensor.from_numpy takes a bool array as uint8 (pyarrow 26), silently.
        raise NotImplementedError("an Arrow Tensor has no bool type")
    return pa.array(values) if values.ndim == 1 else pa.Tensor.from_numpy(values)


class PyarrowAdapter(Adapter):
    """Immutable Arrow containers; no claims (Arrow makes none about sharing)."""

    name: ClassVar[str] = "pyarrow"
    library: ClassVar[str] = "pyarrow"
    alias: ClassVar[str] = "pa"
    capabilities: ClassVar[Capabilities] = Capabilities(mutable=False, immutable=True)
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.CONSISTENCY,)
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS

    def namespace(self, api: str) -> Any | None:
        return pa if api == NUMPY_API else None

    def from_host(self, host: np.ndarray) -> Any:
        return _wrap(np.array(host, copy=True))  # pa.array / Tensor.from_numpy wrap, not copy

    def build(self, recipe: InputRecipe) -> Any:
        # Arrow places no buffer of its own here: it wraps the ndarray, so the placement and
        # the read-only flag are the ndarray's (a Tensor over a read-only one is immutable).
        values = np.array(recipe.host, copy=True)
        if recipe.align is not None:
            values = numpy_adapter.place(recipe.host, recipe.align)
        if recipe.readonly:
            values = numpy_adapter.protect(values)
        x = _wrap(values)
        for kind, arg in recipe.steps:
            if kind != "index" or not isinstance(x, pa.Array) or len(arg) != 1 or arg[0] is None:
                raise NotImplementedError(f"an Arrow {type(x).__name__} cannot {kind} {arg!r}")
            x = x[arg[0]]
        return x

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, (pa.Array, pa.Tensor, np.ndarray))

    def to_host(self, x: Any) -> np.ndarray:
        if isinstance(x, pa.FixedShapeTensorArray):
            return np.array(x.to_numpy_ndarray(), copy=True)
        if isinstance(x, pa.Array):
            return np.array(x.to_numpy(zero_copy_only=False), copy=True)
        if isinstance(x, pa.Tensor):
            return np.array(x.to_numpy(), copy=True)
        return np.array(x, copy=True)

    def dtype_name(self, x: Any) -> str:
        if isinstance(x, pa.FixedShapeTensorArray):
            return np.dtype(x.type.value_type.to_pandas_dtype()).name
        if isinstance(x, (pa.Array, pa.Tensor)):
            return np.dtype(x.type.to_pandas_dtype()).name
        return x.dtype.name

    def shape(self, x: Any) -> tuple[int, ...]:
        if isinstance(x, pa.FixedShapeTensorArray):
            return (len(x), *x.type.shape)
        return (len(x),) if isinstance(x, pa.Array) else tuple(x.shape)

    def memory(self, x: Any) -> MemoryReport | None:
        if isinstance(x, pa.Tensor):
            report = numpy_adapter.memory(x.to_numpy())  # zero-copy
            return MemoryReport(report.layout, readonly=not x.is_mutable)
        if isinstance(x, pa.FixedShapeTensorArray):
            # Zero-copy for primitive values: the tensors' storage, read-only.
            report = numpy_adapter.memory(x.to_numpy_ndarray())
            return MemoryReport(report.layout, readonly=True)
        if not isinstance(x, pa.Array):
            return numpy_adapter.memory(x)
        if not pa.types.is_primitive(x.type) or pa.types.is_boolean(x.type):
            return None  # bit-packed or variable-size values: no byte layout
        values = x.buffers()[1]
        width = x.type.bit_width // 8
        address = values.address + x.offset * width
        return MemoryReport(Layout(address, (len(x),), (width,), width), readonly=True)

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return self.to_host(x)[index].item()

    def repro_imports(self) -> list[str]:
        return ["import numpy as np", "import pyarrow as pa", "import pyarrow.compute as pc"]

    def repro_lines(self, recipe: InputRecipe, name: str = "x") -> list[str]:
        if recipe.align is None and not recipe.readonly:
            return super().repro_lines(recipe, name)
        placed = InputRecipe(recipe.host, (), recipe.dtype, recipe.align, recipe.readonly)
        wrap = "pa.array" if recipe.host.ndim == 1 else "pa.Tensor.from_numpy"
        steps = tuple((k, a[0] if len(a) == 1 else a) for k, a in recipe.steps)
        return [
            *numpy_adapter.repro_lines(placed, "_values"),
            f"{name} = {apply_steps_expression(f'{wrap}(_values)', steps, 'no_transpose')}",
        ]

    def repro_input(self, recipe: InputRecipe) -> str:
        values = numpy_adapter.repro_input(InputRecipe(recipe.host, (), recipe.dtype))
        if recipe.host.ndim != 1:
            return apply_steps_expression(
                f"pa.Tensor.from_numpy({values})", recipe.steps, "no_transpose_for_tensor"
            )
        steps = tuple((k, a[0] if len(a) == 1 else a) for k, a in recipe.steps)
        return apply_steps_expression(f"pa.array({values})", steps, "no_transpose_for_array")

    def repro_report(self) -> list[str]:
        return [
            "def _start(a):",
            "    if isinstance(a, pa.Array):",
            "        return a.buffers()[1].address + a.offset * a.type.bit_width // 8",
            "    return np.asarray(a).__array_interface__['data'][0]",
            "print('same object:', y is x)",
            "print('first element at the same address:', _start(x) == _start(y))",
        ]


adapter = PyarrowAdapter()
