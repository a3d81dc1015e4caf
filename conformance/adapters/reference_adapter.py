"""reference_impl adapter: the oracle. Its results are what the ``numpy`` profile expects."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

import reference_impl as ref
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
from conformance.vocabulary import Profile


class ReferenceAdapter(Adapter):
    """reference_impl mirrors NumPy's names, so it serves both kinds of operation."""

    name: ClassVar[str] = "reference_impl"
    library: ClassVar[str] = "reference_impl"
    alias: ClassVar[str] = "ref"
    capabilities: ClassVar[Capabilities] = Capabilities(has_base=True, has_shares_memory=True)
    promised_profiles: ClassVar[tuple[Profile, ...]] = (
        Profile.NUMPY,
        Profile.ARRAY_API,
        Profile.CONSISTENCY,
    )

    @property
    def version(self) -> str:
        from conformance import __version__

        return getattr(ref, "__version__", __version__)

    def namespace(self, api: str) -> Any:
        return ref

    def from_host(self, host: np.ndarray) -> Any:
        if host.size == 0:  # nested lists cannot spell a shape like (0, 3)
            return ref.zeros(host.shape, dtype=host.dtype.name)
        return ref.asarray(host.tolist(), dtype=host.dtype.name)

    def permute(self, x: Any, axes: tuple[int, ...]) -> Any:
        return x.transpose(axes)

    def protect(self, x: Any) -> Any:
        x.flags.writeable = False
        return x

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, ref.ndarray)

    def to_host(self, x: Any) -> np.ndarray:
        # Values come through the reference's own element reads, not its byte interface,
        # so a wrong ``__array_interface__`` cannot hide behind a right answer.
        if x.size == 0:
            return np.empty(x.shape, dtype=self.dtype_name(x))
        return np.array(x.tolist(), dtype=self.dtype_name(x)).reshape(x.shape)

    def dtype_name(self, x: Any) -> str:
        return str(x.dtype.name)

    def memory(self, x: Any) -> MemoryReport:
        return memory_from_interface(x.__array_interface__, x.itemsize, x.strides)

    def assign(self, x: Any, host: np.ndarray) -> None:
        x[...] = self.from_host(host)

    def base(self, x: Any) -> Any:
        return x.base

    def shares_memory(self, a: Any, b: Any) -> bool:
        return bool(ref.shares_memory(a, b))

    def may_share_memory(self, a: Any, b: Any) -> bool:
        return bool(ref.may_share_memory(a, b))

    def flags(self, x: Any) -> dict[str, bool]:
        return flags_by_name(x.flags)

    def repro_imports(self) -> list[str]:
        return ["import reference_impl as ref"]

    def repro_input(self, recipe: InputRecipe) -> str:
        host = recipe.host
        expr = f"ref.asarray({host.tolist()!r}, dtype={recipe.dtype!r})"
        if host.size == 0:
            expr = f"ref.zeros({host.shape!r}, dtype={recipe.dtype!r})"
        return apply_steps_expression(expr, recipe.steps, "ref.transpose")

    def repro_report(self) -> list[str]:
        return numpy_style_report("ref")


adapter = ReferenceAdapter()
