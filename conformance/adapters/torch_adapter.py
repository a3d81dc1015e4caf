"""PyTorch adapter (CPU, or CUDA when available): layouts from ``data_ptr()`` and ``stride()``.

Namespaces: ``array-api`` operations run on ``array_api_compat.torch``. ``numpy`` operations
run on the same namespace (torch's own functions re-exported, plus the standard's spellings)
with the few NumPy names that torch spells differently added from :data:`NUMPY_RENAMES`;
methods (``x.T``, ``x.reshape``, ``x.view``, ``x[idx]``) are torch's own. A NumPy spelling
torch lacks (``x.copy()``, ``x.astype``, ``np.asfortranarray``) raises AttributeError and is
recorded as ``not-applicable`` (missing), not as a behaviour.

Claims: ``x._base`` (torch's autograd base: always the root tensor, never an intermediate
view), ``x._is_view()`` as the ``owndata`` flag, ``x.is_contiguous()`` as ``c_contiguous``,
and storage identity (``untyped_storage().data_ptr()``, the usual "is this a view?" idiom) as
the ``may_share_memory`` answer. Torch has no exact ``shares_memory`` and no writeable flag.

Status: the CPU path is tested here; the CUDA path (chosen when ``torch.cuda.is_available()``)
is untested on a GPU so far.
"""

from __future__ import annotations

import types
from typing import Any, ClassVar

import array_api_compat.torch as compat_torch
import numpy as np
import torch

from conformance.adapters.base import (
    ARRAY_API,
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
    apply_steps_expression,
)
from conformance.model.handoffs import Handoff, receiving
from conformance.vocabulary import Declared, Profile
from reference_impl.layout import Layout

#: NumPy function name -> the torch attribute with the same meaning under another name.
NUMPY_RENAMES: dict[str, str] = {
    "copy": "clone",
    "ascontiguousarray": "Tensor.contiguous",
    "split": "tensor_split",
    "array_split": "tensor_split",
}


def _torch_attr(path: str) -> Any:
    obj: Any = torch
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def numpy_names_namespace() -> types.SimpleNamespace:
    """``array_api_compat.torch`` with :data:`NUMPY_RENAMES` added (a fresh namespace)."""
    names = {k: v for k, v in vars(compat_torch).items() if not k.startswith("__")}
    names.update({np_name: _torch_attr(path) for np_name, path in NUMPY_RENAMES.items()})
    names["__name__"] = "copyview-numpy-names-over-torch"
    return types.SimpleNamespace(**names)


def _device() -> str:
    # Note: CUDA when present, because that is where torch users keep their arrays.
    return "cuda:0" if torch.cuda.is_available() else "cpu"


_TORCH = ("import torch",)

#: torch's constructors that take another library's array, and ``Tensor.numpy()``.
HANDOFFS: tuple[Handoff, ...] = (
    Handoff(
        "numpy",
        "torch",
        "torch.from_numpy({x})",
        lambda x: torch.from_numpy(x),
        _TORCH,
        Declared.SHARE,
    ),
    Handoff("numpy", "torch", "torch.as_tensor({x})", lambda x: torch.as_tensor(x), _TORCH),
    Handoff("numpy", "torch", "torch.asarray({x})", lambda x: torch.asarray(x), _TORCH),
    Handoff(
        "numpy",
        "torch",
        "torch.asarray({x}, copy=True)",
        lambda x: torch.asarray(x, copy=True),
        _TORCH,
        Declared.COPY,
    ),
    Handoff(
        "numpy", "torch", "torch.tensor({x})", lambda x: torch.tensor(x), _TORCH, Declared.COPY
    ),
    *receiving(
        "torch", ("numpy", "jax"), "torch.from_dlpack({x})", lambda x: torch.from_dlpack(x), _TORCH
    ),
    Handoff("torch", "numpy", "{x}.numpy()", lambda x: x.numpy(), (), Declared.SHARE),
)


class TorchAdapter(Adapter):
    """torch tensors; strides come in elements and are reported in bytes."""

    name: ClassVar[str] = "torch"
    library: ClassVar[str] = "torch"
    alias: ClassVar[str] = "xp"
    capabilities: ClassVar[Capabilities] = Capabilities(
        mutable=True,
        immutable=False,
        lazy=False,
        has_base=True,
        has_shares_memory=False,
        device=_device(),
    )
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.ARRAY_API, Profile.CONSISTENCY)
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS

    def __init__(self) -> None:
        self._numpy_names = numpy_names_namespace()

    def namespace(self, api: str) -> Any:
        return compat_torch if api == ARRAY_API else self._numpy_names

    # -- making and inspecting arrays -----------------------------------------------------

    def from_host(self, host: np.ndarray) -> Any:
        # torch.tensor copies into memory torch allocates (torch.from_numpy would borrow).
        return torch.tensor(host, device=self.capabilities.device)

    def build(self, recipe: InputRecipe) -> Any:
        """The input, or ``NotImplementedError`` when it needs a negative step."""
        for kind, key in recipe.steps:
            parts = key if kind == "index" else ()
            if any(isinstance(p, slice) and (p.step or 1) < 0 for p in parts):
                # Note: torch has no negative strides (``x[::-1]`` raises ValueError, and
                # ``as_strided`` rejects them), so such an input does not exist in torch.
                raise NotImplementedError("torch tensors cannot have negative strides")
        return super().build(recipe)

    def permute(self, x: Any, axes: tuple[int, ...]) -> Any:
        return x.permute(axes)

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, torch.Tensor)

    def to_host(self, x: Any) -> np.ndarray:
        # Note: resolve the lazy conjugate / negative bits first: .numpy() and DLPack refuse
        # tensors that carry them (x.conj() on complex input).
        plain = x.detach().resolve_conj().resolve_neg().cpu()
        return np.array(plain.numpy(), copy=True, order="C")

    def dtype_name(self, x: Any) -> str:
        return str(x.dtype).removeprefix("torch.")

    def memory(self, x: Any) -> MemoryReport:
        size = x.element_size()
        strides = tuple(s * size for s in x.stride())
        # data_ptr() already includes storage_offset() * element_size().
        return MemoryReport(Layout(x.data_ptr(), tuple(x.shape), strides, size), readonly=False)

    # -- reading and writing --------------------------------------------------------------

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return x[index].item()

    def assign(self, x: Any, host: np.ndarray) -> None:
        x[...] = torch.tensor(host, device=x.device)

    # -- what the library claims ----------------------------------------------------------

    def base(self, x: Any) -> Any:
        return x._base

    def may_share_memory(self, a: Any, b: Any) -> bool | None:
        if not (self.is_array(a) and self.is_array(b)):
            return None
        return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()

    def flags(self, x: Any) -> dict[str, bool]:
        return {"owndata": not x._is_view(), "c_contiguous": bool(x.is_contiguous())}

    # -- repro snippets -------------------------------------------------------------------

    def repro_imports(self) -> list[str]:
        renames = ", ".join(f"{k}=torch.{v}" for k, v in NUMPY_RENAMES.items())
        return [
            "import types",
            "import torch",
            "import array_api_compat.torch as _xp",
            "# NumPy names torch spells differently (copyview's numpy-names namespace)",
            f"xp = types.SimpleNamespace(**{{**vars(_xp), **dict({renames})}})",
        ]

    def repro_input(self, recipe: InputRecipe) -> str:
        host = recipe.host
        values = host.ravel().tolist()
        expr = f"torch.tensor({values!r}, dtype=torch.{recipe.dtype}).reshape({host.shape!r})"
        return apply_steps_expression(expr, recipe.steps, "torch.permute")

    def repro_report(self) -> list[str]:
        return [
            "print('same object:', y is x)",
            "if isinstance(y, torch.Tensor):",
            "    same = y.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()",
            "    print('same storage:', same, '| data_ptr:', x.data_ptr(), y.data_ptr())",
            "    print('y._is_view():', y._is_view(), '| y._base is None:', y._base is None)",
        ]


adapter = TorchAdapter()
