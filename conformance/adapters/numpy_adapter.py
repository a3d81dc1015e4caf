"""NumPy adapter: the library whose semantics the suite's ``numpy`` profile describes."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import (
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
from conformance.vocabulary import Declared, Profile

_NP = ("import numpy as np",)

#: NumPy's calls that take another library's array (and NumPy's own, as a control).
HANDOFFS: tuple[Handoff, ...] = (
    Handoff("numpy", "numpy", "np.asarray({x})", lambda x: np.asarray(x), _NP),
    Handoff(
        "numpy",
        "numpy",
        "np.asarray({x}, copy=True)",
        lambda x: np.asarray(x, copy=True),
        _NP,
        Declared.COPY,
    ),
    Handoff("numpy", "numpy", "np.from_dlpack({x})", lambda x: np.from_dlpack(x), _NP),
    Handoff(
        "numpy",
        "numpy",
        "np.from_dlpack({x}, copy=True)",
        lambda x: np.from_dlpack(x, copy=True),
        _NP,
        Declared.COPY,
    ),
    *receiving(
        "numpy",
        ("torch", "jax", "pandas", "xarray"),
        "np.asarray({x})",
        lambda x: np.asarray(x),
        _NP,
    ),
    *receiving(
        "numpy",
        ("pyarrow", "memoryview"),
        "np.asarray({x})",
        lambda x: np.asarray(x),
        _NP,
        ndims=(1,),
    ),
    *receiving("numpy", ("torch", "jax"), "np.from_dlpack({x})", lambda x: np.from_dlpack(x), _NP),
    Handoff(
        "memoryview", "numpy", "np.frombuffer({x})", lambda x: np.frombuffer(x), _NP, ndims=(1,)
    ),
)


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

    def namespace(self, api: str) -> Any:
        return np

    def from_host(self, host: np.ndarray) -> Any:
        return np.array(host, copy=True, order="C")

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
