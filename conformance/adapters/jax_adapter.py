"""JAX adapter (CPU): immutable arrays, so only the memory witness and identity can speak.

``jax.numpy`` is both the NumPy-style and the Array API namespace. JAX arrays have no in-place
writes (``x.at[i].set(v)`` returns a new array; ``x[i] = v`` raises TypeError), so the
adapter declares ``immutable=True`` and the mutation witness never runs. Layouts come from
``unsafe_buffer_pointer()`` (the device buffer's address) and the array's layout
(``x.format.layout.major_to_minor`` where JAX has it, else row-major, JAX's default), so a
conversion that promises a copy is checked against the bytes it really uses. JAX makes no
claims (no ``.base``, no ``shares_memory``).

Importing this module turns on ``jax_enable_x64`` (float64 and int64 arrays are part of the
suite's inputs); the suite runs each backend in its own process, so nothing else sees it.

Speed: nearly all of a JAX run is XLA compiling one small kernel per operation, shape and dtype
(about 1,400 of them). Kernels that tiny gain nothing from LLVM's optimisation passes, so they
are compiled without them (``XLA_FLAGS``, unless set by the caller), and compiled kernels are
kept in JAX's persistent cache under ``$XDG_CACHE_HOME/copyview/jax`` (``~/.cache`` by
default; ``COPYVIEW_JAX_CACHE=0`` turns it off), so later runs load instead of compiling.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

# Read when XLA's CPU backend starts, which is at the first computation, not at import.
os.environ.setdefault("XLA_FLAGS", "--xla_backend_optimization_level=0")

import jax
import numpy as np

jax.config.update("jax_enable_x64", True)


def _persistent_cache() -> None:
    if os.environ.get("COPYVIEW_JAX_CACHE", "1") == "0":
        return
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    jax.config.update("jax_compilation_cache_dir", str(Path(home) / "copyview" / "jax"))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", -1)


_persistent_cache()

import jax.numpy as jnp  # noqa: E402  (after the x64 switch, which must come first)

from conformance.adapters.base import (  # noqa: E402
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
    apply_steps_expression,
)
from conformance.model.handoffs import Handoff, receiving  # noqa: E402
from conformance.vocabulary import Declared, Profile  # noqa: E402
from reference_impl.layout import Layout  # noqa: E402


def byte_strides(
    shape: tuple[int, ...], major_to_minor: tuple[int, ...], itemsize: int
) -> tuple[int, ...]:
    """Dense byte strides of ``shape`` whose axes, slowest first, are ``major_to_minor``."""
    strides = [0] * len(shape)
    step = itemsize
    for axis in reversed(major_to_minor):
        strides[axis] = step
        step *= max(shape[axis], 1)
    return tuple(strides)


def _major_to_minor(x: Any) -> tuple[int, ...]:
    layout = getattr(getattr(x, "format", None), "layout", None)
    order = getattr(layout, "major_to_minor", None)
    if order is None or len(order) != x.ndim:
        return tuple(range(x.ndim))  # JAX's default layout: row-major
    return tuple(int(a) for a in order)


#: A repro runs with float64 as the suite does (``jax_enable_x64``, set at import above).
_X64 = ("import jax", "jax.config.update('jax_enable_x64', True)")
_JNP = (*_X64, "import jax.numpy as jnp")
_JAX = _X64

#: Senders jnp.asarray converts: NumPy, torch (through __array__ or DLPack), one-protocol ones.
ASARRAY_SENDERS = (
    "numpy",
    "torch",
    "array-no-copy-kw",
    "array-interface-only",
    "buffer-protocol",
    "dlpack-only",
)
DLPACK_SENDERS = ("numpy", "torch", "dlpack-only")

#: jax.numpy's constructors that take another library's array, and JAX's transfers.
# jnp.asarray / jnp.array: copy=True always copies, copy=False "error if a copy is necessary"
# (https://docs.jax.dev/en/latest/_autosummary/jax.numpy.asarray.html); jnp.from_dlpack and
# jax.dlpack.from_dlpack: copy=True copies, copy=False never copies
# (https://docs.jax.dev/en/latest/_autosummary/jax.numpy.from_dlpack.html); jax.device_put
# with may_alias=False: "`x` will be copied"
# (https://docs.jax.dev/en/latest/_autosummary/jax.device_put.html).
HANDOFFS: tuple[Handoff, ...] = (
    *receiving("jax", ASARRAY_SENDERS, "jnp.asarray({x})", lambda x: jnp.asarray(x), _JNP),
    *receiving(
        "jax",
        ASARRAY_SENDERS,
        "jnp.asarray({x}, copy=True)",
        lambda x: jnp.asarray(x, copy=True),
        _JNP,
        Declared.COPY,
    ),
    *receiving(
        "jax",
        ASARRAY_SENDERS,
        "jnp.asarray({x}, copy=False)",
        lambda x: jnp.asarray(x, copy=False),
        _JNP,
        Declared.SHARE,
    ),
    *receiving(
        "jax", ASARRAY_SENDERS, "jnp.array({x})", lambda x: jnp.array(x), _JNP, Declared.COPY
    ),
    *receiving(
        "jax",
        ASARRAY_SENDERS,
        "jnp.array({x}, copy=False)",
        lambda x: jnp.array(x, copy=False),
        _JNP,
        Declared.SHARE,
    ),
    *receiving("jax", DLPACK_SENDERS, "jnp.from_dlpack({x})", lambda x: jnp.from_dlpack(x), _JNP),
    *receiving(
        "jax",
        DLPACK_SENDERS,
        "jnp.from_dlpack({x}, copy=True)",
        lambda x: jnp.from_dlpack(x, copy=True),
        _JNP,
        Declared.COPY,
    ),
    *receiving(
        "jax",
        DLPACK_SENDERS,
        "jnp.from_dlpack({x}, copy=False)",
        lambda x: jnp.from_dlpack(x, copy=False),
        _JNP,
        Declared.SHARE,
    ),
    *receiving(
        "jax",
        DLPACK_SENDERS,
        "jax.dlpack.from_dlpack({x})",
        lambda x: jax.dlpack.from_dlpack(x),
        (*_X64, "import jax.dlpack"),
    ),
    *receiving("jax", ("numpy", "jax"), "jax.device_put({x})", lambda x: jax.device_put(x), _JAX),
    *receiving(
        "jax",
        ("numpy", "jax"),
        "jax.device_put({x}, may_alias=False)",
        lambda x: jax.device_put(x, may_alias=False),
        _JAX,
        Declared.COPY,
    ),
    Handoff("jax", "numpy", "jax.device_get({x})", lambda x: jax.device_get(x), _JAX),
)


class JaxAdapter(Adapter):
    """jax.Array on the default (CPU) device."""

    name: ClassVar[str] = "jax"
    library: ClassVar[str] = "jax"
    alias: ClassVar[str] = "jnp"
    capabilities: ClassVar[Capabilities] = Capabilities(
        mutable=False,
        immutable=True,
        lazy=False,
        has_base=False,
        has_shares_memory=False,
        device=str(jax.devices()[0].platform),
    )
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.ARRAY_API, Profile.CONSISTENCY)
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS

    def namespace(self, api: str) -> Any:
        return jnp

    def from_host(self, host: np.ndarray) -> Any:
        return jnp.array(host, copy=True)

    def permute(self, x: Any, axes: tuple[int, ...]) -> Any:
        return jnp.permute_dims(x, axes)

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, jax.Array)

    def to_host(self, x: Any) -> np.ndarray:
        return np.array(x, copy=True, order="C")

    def dtype_name(self, x: Any) -> str:
        return np.dtype(x.dtype).name

    def memory(self, x: Any) -> MemoryReport | None:
        try:
            address = x.unsafe_buffer_pointer()
        except Exception:  # sharded or deleted arrays have no single buffer
            return None
        itemsize = np.dtype(x.dtype).itemsize
        shape = tuple(int(n) for n in x.shape)
        strides = byte_strides(shape, _major_to_minor(x), itemsize)
        return MemoryReport(Layout(address, shape, strides, itemsize), readonly=True)

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return x[index].item()

    def write(self, x: Any, index: tuple[int, ...], value: Any) -> None:
        x[index] = value  # raises TypeError: JAX arrays are immutable

    def assign(self, x: Any, host: np.ndarray) -> None:
        x[...] = host  # raises TypeError, as every JAX write does

    def repro_imports(self) -> list[str]:
        return [
            "import jax",
            "jax.config.update('jax_enable_x64', True)",
            "import jax.numpy as jnp",
        ]

    def repro_input(self, recipe: InputRecipe) -> str:
        host = recipe.host
        values = host.ravel().tolist()
        expr = f"jnp.asarray({values!r}, dtype=jnp.{recipe.dtype}).reshape({host.shape!r})"
        return apply_steps_expression(expr, recipe.steps, "jnp.permute_dims")

    def repro_report(self) -> list[str]:
        return [
            "print('same object:', y is x)",
            "if isinstance(y, jax.Array):",
            "    print('same buffer:', y.unsafe_buffer_pointer() == x.unsafe_buffer_pointer())",
        ]


adapter = JaxAdapter()
