"""CuPy adapter (CUDA): NumPy's semantics on a GPU, read through ``__cuda_array_interface__``.

Layouts come from ``__cuda_array_interface__`` (device addresses; both arrays of a case live on
the same device, so byte overlap is still exact). Claims: ``.base``, ``flags``,
``cupy.shares_memory`` and ``cupy.may_share_memory``. ``numpy`` operations run on ``cupy``
itself; ``array-api`` operations on ``array_api_compat.cupy``.

Without a usable GPU the backend cannot run at all: instantiating :class:`CupyAdapter` (which
is what the registry does with the entry point) raises a one-line
:class:`~conformance.adapters.registry.BackendError` saying why, which ``copyview run`` reports
as an environment error (exit 2). CuPy is imported only then, so this module imports anywhere.

Status: untested on a GPU. It was written against CuPy's documented API on a machine without
one; no case has run through it yet, and ``conformance/judge/known/cupy.txt`` is empty until the
first GPU run.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import (
    ARRAY_API,
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
    apply_steps_expression,
    flags_by_name,
    memory_from_interface,
    numpy_style_report,
)
from conformance.adapters.registry import BackendError
from conformance.model.handoffs import Handoff, receiving
from conformance.vocabulary import Declared, Profile

#: Host senders: their bytes are in host memory, so CuPy must copy them to the device.
HOST_SENDERS = ("numpy", "array-no-copy-kw", "array-interface-only", "buffer-protocol")


def handoffs_for(cp: Any) -> tuple[Handoff, ...]:
    """CuPy's calls that take another library's array, and its ways back to the host, made
    with the module ``cp`` (CuPy, or a host stand-in in tests).

    Host memory is not device memory: every transfer between them copies
    (https://docs.cupy.dev/en/stable/user_guide/basic.html#data-transfer), so the calls
    that cross are declared copies; from_dlpack / ``__cuda_array_interface__`` consumers on
    the same device share (https://docs.cupy.dev/en/stable/user_guide/interoperability.html).
    """
    imports = ("import cupy",)
    return (
        *receiving(
            "cupy",
            HOST_SENDERS,
            "cupy.asarray({x})",
            lambda x: cp.asarray(x),
            imports,
            Declared.COPY,
        ),
        *receiving(
            "cupy",
            HOST_SENDERS,
            "cupy.array({x})",
            lambda x: cp.array(x),
            imports,
            Declared.COPY,
        ),
        *receiving(
            "cupy",
            ("torch", "dlpack-only"),
            "cupy.from_dlpack({x})",
            lambda x: cp.from_dlpack(x),
            imports,
        ),
        Handoff("torch", "cupy", "cupy.asarray({x})", lambda x: cp.asarray(x), imports),
        Handoff(
            "cupy",
            "numpy",
            "cupy.asnumpy({x})",
            lambda x: cp.asnumpy(x),
            imports,
            Declared.COPY,
        ),
        Handoff("cupy", "numpy", "{x}.get()", lambda x: x.get(), (), Declared.COPY),
    )


def load_cupy() -> Any:
    """The ``cupy`` module, or :class:`BackendError` when no GPU can run it."""
    try:
        cupy = importlib.import_module("cupy")
    except ImportError:
        raise BackendError(
            "backend 'cupy' skipped: CuPy is not installed; it needs an NVIDIA GPU with CUDA "
            "(`pip install copyview[cupy]` on such a machine)"
        ) from None
    except Exception as exc:  # a CUDA library that fails to load raises other errors
        raise BackendError(
            f"backend 'cupy' skipped: importing CuPy failed ({type(exc).__name__}: {exc})"
        ) from None
    try:
        available = bool(cupy.is_available())
    except Exception:
        available = False
    if not available:
        raise BackendError(
            "backend 'cupy' skipped: no usable CUDA GPU (cupy.is_available() is False); "
            "run it on a machine with an NVIDIA GPU and its driver"
        )
    return cupy


class CupyAdapter(Adapter):
    """cupy.ndarray on the current CUDA device."""

    name: ClassVar[str] = "cupy"
    library: ClassVar[str] = "cupy"
    alias: ClassVar[str] = "xp"
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.ARRAY_API, Profile.CONSISTENCY)

    def __init__(self, cupy: Any | None = None, array_api: Any | None = None) -> None:
        """Load CuPy (a GPU is required), or use the given modules instead.

        The two parameters are a seam for tests: a NumPy-backed stand-in with CuPy's
        interface runs this adapter's layout and claim code on host memory, where no GPU is.
        """
        self._cp = load_cupy() if cupy is None else cupy
        if array_api is not None:
            self._xp = array_api
        else:
            try:
                self._xp = importlib.import_module("array_api_compat.cupy")
            except ImportError:
                raise BackendError(
                    "backend 'cupy' needs array-api-compat for its Array API namespace; "
                    "install it: `pip install copyview[cupy]`"
                ) from None
        #: An instance attribute: the calls need the loaded module.
        self.handoffs = handoffs_for(self._cp)  # type: ignore[misc]
        device = f"cuda:{self._cp.cuda.Device().id}"
        # An instance attribute: the device is only known once a GPU has been found.
        self.capabilities = Capabilities(  # type: ignore[misc]
            mutable=True,
            immutable=False,
            lazy=False,
            has_base=True,
            has_shares_memory=True,
            device=device,
        )

    @property
    def version(self) -> str:
        return str(self._cp.__version__)

    def namespace(self, api: str) -> Any:
        return self._xp if api == ARRAY_API else self._cp

    def from_host(self, host: np.ndarray) -> Any:
        return self._cp.array(host, copy=True, order="C")

    def permute(self, x: Any, axes: tuple[int, ...]) -> Any:
        return x.transpose(axes)

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, self._cp.ndarray)

    def to_host(self, x: Any) -> np.ndarray:
        return np.array(self._cp.asnumpy(x), copy=True, order="C")

    def dtype_name(self, x: Any) -> str:
        return str(x.dtype.name)

    def memory(self, x: Any) -> MemoryReport:
        # Same keys as __array_interface__ (data, shape, strides: None when C-contiguous).
        return memory_from_interface(x.__cuda_array_interface__, x.itemsize, x.strides)

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return x[index].item()

    def assign(self, x: Any, host: np.ndarray) -> None:
        x[...] = self._cp.asarray(host)

    def base(self, x: Any) -> Any:
        return x.base

    def shares_memory(self, a: Any, b: Any) -> bool:
        return bool(self._cp.shares_memory(a, b))

    def may_share_memory(self, a: Any, b: Any) -> bool:
        return bool(self._cp.may_share_memory(a, b))

    def flags(self, x: Any) -> dict[str, bool]:
        # Note: CuPy has no writeable flag; only these three exist.
        return flags_by_name(x.flags, ("owndata", "c_contiguous", "f_contiguous"))

    def repro_imports(self) -> list[str]:
        return ["import cupy", "import array_api_compat.cupy as xp"]

    def repro_input(self, recipe: InputRecipe) -> str:
        host = recipe.host
        values = host.ravel().tolist()
        expr = f"cupy.asarray({values!r}, dtype=cupy.{recipe.dtype}).reshape({host.shape!r})"
        return apply_steps_expression(expr, recipe.steps, "cupy.transpose")

    def repro_report(self) -> list[str]:
        return numpy_style_report("cupy")
