"""NumPy adapter: the library whose semantics the suite's ``numpy`` profile describes."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import (
    NUMPY_API,
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
    apply_steps_expression,
    flags_by_name,
    memory_from_interface,
    numpy_style_report,
)
from conformance.model.handoffs import Handoff, receiving
from conformance.model.inputs import ALIGNMENT
from conformance.model.operations import Operand, Operation
from conformance.vocabulary import Declared, Profile

_NP = ("import numpy as np",)

#: Senders that speak only one protocol (``conformance/adapters/protocols_adapter.py``).
ARRAY_PROTOCOL_SENDERS = ("array-no-copy-kw", "array-interface-only", "buffer-protocol")
DLPACK_SENDERS = ("numpy", "torch", "jax", "dlpack-only")
#: Libraries whose arrays NumPy converts through ``__array__`` or the buffer protocol.
CONVERTED = ("numpy", "torch", "jax", "dask", *ARRAY_PROTOCOL_SENDERS)

# The copy= contract of np.array / np.asarray: True always copies, False never copies (raising
# ValueError when it must), None copies only if needed
# (https://numpy.org/doc/stable/reference/generated/numpy.array.html).
HANDOFFS: tuple[Handoff, ...] = (
    *receiving(
        "numpy",
        ("numpy", "torch", "jax", "dask", "pandas", "xarray", *ARRAY_PROTOCOL_SENDERS),
        "np.asarray({x})",
        lambda x: np.asarray(x),
        _NP,
    ),
    *receiving(
        "numpy",
        CONVERTED,
        "np.asarray({x}, copy=True)",
        lambda x: np.asarray(x, copy=True),
        _NP,
        Declared.COPY,
    ),
    *receiving(
        "numpy",
        CONVERTED,
        "np.asarray({x}, copy=False)",
        lambda x: np.asarray(x, copy=False),
        _NP,
        Declared.SHARE,
    ),
    *receiving("numpy", CONVERTED, "np.array({x})", lambda x: np.array(x), _NP, Declared.COPY),
    *receiving(
        "numpy",
        CONVERTED,
        "np.array({x}, copy=False)",
        lambda x: np.array(x, copy=False),
        _NP,
        Declared.SHARE,
    ),
    *receiving(
        "numpy", CONVERTED, "np.array({x}, copy=None)", lambda x: np.array(x, copy=None), _NP
    ),
    *receiving(
        "numpy",
        ("pyarrow", "memoryview"),
        "np.asarray({x})",
        lambda x: np.asarray(x),
        _NP,
        ndims=(1,),
    ),
    # np.from_dlpack: copy=True always copies, False never does (BufferError when it must)
    # (https://numpy.org/doc/stable/reference/generated/numpy.from_dlpack.html).
    *receiving("numpy", DLPACK_SENDERS, "np.from_dlpack({x})", lambda x: np.from_dlpack(x), _NP),
    *receiving(
        "numpy",
        DLPACK_SENDERS,
        "np.from_dlpack({x}, copy=True)",
        lambda x: np.from_dlpack(x, copy=True),
        _NP,
        Declared.COPY,
    ),
    *receiving(
        "numpy",
        DLPACK_SENDERS,
        "np.from_dlpack({x}, copy=False)",
        lambda x: np.from_dlpack(x, copy=False),
        _NP,
        Declared.SHARE,
    ),
    # np.frombuffer "interprets a buffer as a 1-dimensional array" without copying; so does
    # np.ndarray(buffer=...) (https://numpy.org/doc/stable/reference/generated/numpy.ndarray.html).
    *receiving(
        "numpy",
        ("numpy", "buffer-protocol"),
        "np.frombuffer({x})",
        lambda x: np.frombuffer(x),
        _NP,
        Declared.SHARE,
    ),
    Handoff(
        "memoryview", "numpy", "np.frombuffer({x})", lambda x: np.frombuffer(x), _NP, ndims=(1,)
    ),
    *receiving(
        "numpy",
        ("numpy", "buffer-protocol"),
        "np.ndarray(np.shape({x}), buffer={x})",
        lambda x: np.ndarray(np.shape(x), buffer=x),
        _NP,
        Declared.SHARE,
    ),
    *receiving(
        "numpy", ("torch", "jax"), "{x}.__array__()", lambda x: x.__array__(), (), ndims=(0, 1, 2)
    ),
    # The standard's to_device: on the array's own device it "may" return the array itself
    # (https://data-apis.org/array-api/latest/API_specification/generated/array_api.array.to_device.html).
    Handoff("numpy", "numpy", "{x}.to_device('cpu')", lambda x: x.to_device("cpu")),
)


def _shape_assigned(xp: Any, x: Any) -> Any:
    y = x.view()
    y.shape = (x.size,)
    return y


def _float64(o: Operand) -> bool:
    return o.dtype == "float64"


def _float64_with_axis(o: Operand) -> bool:
    return o.dtype == "float64" and len(o.shape) >= 1


#: NumPy's own surfaces beside the catalogue: views as another type, np.require's flags, a
#: buffer read back as an array, and the in-place ``.shape =`` (on a view, so x keeps its
#: shape). Layouts are the question, so they run on the float64 inputs.
OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "numpy-view-masked-array",
        "view",
        NUMPY_API,
        "{x}.view(np.ma.MaskedArray)",
        lambda xp, x: x.view(np.ma.MaskedArray),
        _float64,
    ),
    *(
        Operation(
            f"numpy-require-{flag}",
            "copy",
            NUMPY_API,
            f"np.require({{x}}, requirements={flag!r})",
            lambda xp, x, flag=flag: np.require(x, requirements=flag),
            _float64,
        )
        for flag in ("C", "F", "W", "O")
    ),
    Operation(
        "numpy-frombuffer",
        "view",
        NUMPY_API,
        "np.frombuffer({x})",
        lambda xp, x: np.frombuffer(x),
        _float64,
    ),
    Operation(
        "numpy-shape-assign-flat",
        "shape",
        NUMPY_API,
        "{y} = {x}.view()\n{y}.shape = ({x}.size,)",
        _shape_assigned,
        _float64_with_axis,
        statement=True,
    ),
)


def aligned_copy(host: np.ndarray, tries: int = 64) -> np.ndarray:
    """An owning, C-contiguous copy of ``host`` whose data starts on an :data:`ALIGNMENT`
    boundary (almost surely: after ``tries`` allocations, the last one, aligned or not).

    Note: NumPy's allocator promises 16 bytes, so a 64-byte boundary is chance, and some
    receivers alias only aligned memory (``jax.device_put``), which would make their verdicts
    flap from run to run. The array must own its data (``.base`` and ``owndata`` are judged),
    so it is allocated again, not sliced out of a larger buffer; inputs that must be
    misaligned get there by their view steps.
    """
    held: list[np.ndarray] = []  # alive until the end, so each allocation gets a new address
    out = np.array(host, copy=True, order="C")
    while out.ctypes.data % ALIGNMENT and host.nbytes and len(held) < tries:
        held.append(out)
        out = np.array(host, copy=True, order="C")
    return out


class NumpyAdapter(Adapter):
    """NumPy is both the NumPy-style and the Array API namespace (NumPy >= 2)."""

    name: ClassVar[str] = "numpy"
    library: ClassVar[str] = "numpy"
    alias: ClassVar[str] = "np"
    capabilities: ClassVar[Capabilities] = Capabilities(has_base=True, has_shares_memory=True)
    promised_profiles: ClassVar[tuple[Profile, ...]] = (
        Profile.NUMPY,
        Profile.ARRAY_API,
        Profile.CONSISTENCY,
    )
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS

    def namespace(self, api: str) -> Any:
        return np

    def from_host(self, host: np.ndarray) -> Any:
        return aligned_copy(host)

    def permute(self, x: Any, axes: tuple[int, ...]) -> Any:
        return np.transpose(x, axes)

    def place(self, host: np.ndarray, align: int) -> Any:
        if align % host.dtype.itemsize == 0:
            return super().place(host, align)
        # An address that is no multiple of the itemsize: only a view of a byte buffer has
        # one (``flags.aligned`` False), as a record read from a file or a packet would.
        raw = np.zeros(host.nbytes + ALIGNMENT, dtype=np.uint8)
        k = (align - raw.ctypes.data) % ALIGNMENT
        x = raw[k : k + host.nbytes].view(host.dtype).reshape(host.shape)
        x[...] = host
        return x

    def protect(self, x: Any) -> Any:
        x.flags.writeable = False
        return x

    def repro_place(self, recipe: InputRecipe, name: str) -> list[str]:
        host = recipe.host
        if recipe.align is None or recipe.align % host.dtype.itemsize == 0:
            return super().repro_place(recipe, name)
        values = self.repro_input(InputRecipe(host, (), recipe.dtype))
        lines = [
            f"_raw = np.zeros({host.nbytes + ALIGNMENT}, dtype=np.uint8)",
            f"_k = ({recipe.align} - _raw.ctypes.data) % {ALIGNMENT}",
            f"{name} = _raw[_k:_k + {host.nbytes}].view(np.{recipe.dtype}).reshape({host.shape!r})",
            f"{name}[...] = {values}",
        ]
        steps = apply_steps_expression(name, recipe.steps, "np.transpose")
        return lines if steps == name else [*lines, f"{name} = {steps}"]

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, np.ndarray)

    def to_host(self, x: Any) -> np.ndarray:
        return np.array(x, copy=True, order="C")

    def dtype_name(self, x: Any) -> str:
        return x.dtype.name

    def memory(self, x: Any) -> MemoryReport:
        return memory_from_interface(x.__array_interface__, x.itemsize, x.strides)

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return x[index].item()

    def assign(self, x: Any, host: np.ndarray) -> None:
        x[...] = host

    def base(self, x: Any) -> Any:
        return x.base

    def shares_memory(self, a: Any, b: Any) -> bool:
        return bool(np.shares_memory(a, b))

    def may_share_memory(self, a: Any, b: Any) -> bool:
        return bool(np.may_share_memory(a, b))

    def flags(self, x: Any) -> dict[str, bool]:
        return flags_by_name(x.flags)

    def repro_imports(self) -> list[str]:
        return ["import numpy as np"]

    def repro_input(self, recipe: InputRecipe) -> str:
        host = recipe.host
        expr = f"np.arange({host.size}).astype(np.{recipe.dtype})"
        if recipe.dtype == "bool":
            expr = f"(np.arange({host.size}) % 3 == 0)"
        elif recipe.dtype.startswith("complex"):
            expr = f"(np.arange({host.size}) * (1 + 1j)).astype(np.{recipe.dtype})"
        expr = f"{expr}.reshape({host.shape!r})"
        return apply_steps_expression(expr, recipe.steps, "np.transpose")

    def repro_report(self) -> list[str]:
        return numpy_style_report("np")


adapter = NumpyAdapter()
