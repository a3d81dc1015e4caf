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
from collections.abc import Callable
from typing import Any, ClassVar

import array_api_compat.torch as compat_torch
import numpy as np
import torch

from conformance.adapters.base import (
    ARRAY_API,
    NUMPY_API,
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
    apply_steps_expression,
)
from conformance.model.handoffs import Handoff, receiving
from conformance.model.operations import Operand, Operation
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
#: What moving a tensor to the CPU promises: nothing moves if it is there already.
_TO_CPU = Declared.SHARE if _device() == "cpu" else Declared.COPY

#: Senders whose arrays torch.asarray may alias: DLPack, the buffer protocol, NumPy arrays.
PROTOCOL_SENDERS = ("array-no-copy-kw", "array-interface-only", "buffer-protocol", "dlpack-only")
ASARRAY_SENDERS = ("numpy", "jax", *PROTOCOL_SENDERS)
DLPACK_SENDERS = ("numpy", "jax", "dlpack-only")

#: torch's constructors that take another library's array, and torch's conversions.
# torch.asarray: copy=True copies, copy=False shares or raises, None shares when it can
# (https://pytorch.org/docs/stable/generated/torch.asarray.html). torch.tensor "always copies
# data" (https://pytorch.org/docs/stable/generated/torch.tensor.html); torch.from_numpy and
# torch.frombuffer share (".../torch.from_numpy.html", ".../torch.frombuffer.html").
HANDOFFS: tuple[Handoff, ...] = (
    Handoff(
        "numpy",
        "torch",
        "torch.from_numpy({x})",
        lambda x: torch.from_numpy(x),
        _TORCH,
        Declared.SHARE,
    ),
    *receiving(
        "torch", ASARRAY_SENDERS, "torch.as_tensor({x})", lambda x: torch.as_tensor(x), _TORCH
    ),
    *receiving("torch", ASARRAY_SENDERS, "torch.asarray({x})", lambda x: torch.asarray(x), _TORCH),
    *receiving(
        "torch",
        ASARRAY_SENDERS,
        "torch.asarray({x}, copy=True)",
        lambda x: torch.asarray(x, copy=True),
        _TORCH,
        Declared.COPY,
    ),
    *receiving(
        "torch",
        ASARRAY_SENDERS,
        "torch.asarray({x}, copy=False)",
        lambda x: torch.asarray(x, copy=False),
        _TORCH,
        Declared.SHARE,
    ),
    *receiving(
        "torch",
        ASARRAY_SENDERS,
        "torch.tensor({x})",
        lambda x: torch.tensor(x),
        _TORCH,
        Declared.COPY,
    ),
    *receiving(
        "torch", DLPACK_SENDERS, "torch.from_dlpack({x})", lambda x: torch.from_dlpack(x), _TORCH
    ),
    *receiving(
        "torch",
        DLPACK_SENDERS,
        "torch.from_dlpack({x}, copy=True)",
        lambda x: torch.from_dlpack(x, copy=True),
        _TORCH,
        Declared.COPY,
    ),
    *receiving(
        "torch",
        DLPACK_SENDERS,
        "torch.from_dlpack({x}, copy=False)",
        lambda x: torch.from_dlpack(x, copy=False),
        _TORCH,
        Declared.SHARE,
    ),
    *receiving(
        "torch",
        ("numpy", "buffer-protocol"),
        "torch.frombuffer({x}, dtype=torch.float64)",
        lambda x: torch.frombuffer(x, dtype=torch.float64),
        _TORCH,
        Declared.SHARE,
    ),
    # Tensor.numpy(): "The returned ndarray and the tensor will share their storage";
    # force=True may copy (https://pytorch.org/docs/stable/generated/torch.Tensor.numpy.html).
    Handoff("torch", "numpy", "{x}.numpy()", lambda x: x.numpy(), (), Declared.SHARE),
    Handoff("torch", "numpy", "{x}.numpy(force=True)", lambda x: x.numpy(force=True)),
    # Tensor.to / .cpu return self when nothing changes, else a copy, and always a copy with
    # copy=True (https://pytorch.org/docs/stable/generated/torch.Tensor.to.html): which one
    # depends on where the adapter keeps its tensors.
    Handoff("torch", "torch", "{x}.to('cpu')", lambda x: x.to("cpu"), (), _TO_CPU),
    Handoff(
        "torch",
        "torch",
        "{x}.to('cpu', copy=True)",
        lambda x: x.to("cpu", copy=True),
        (),
        Declared.COPY,
    ),
    Handoff("torch", "torch", "{x}.cpu()", lambda x: x.cpu(), (), _TO_CPU),
    Handoff("torch", "torch", "{x}.to({x}.device)", lambda x: x.to(x.device), (), Declared.SHARE),
)


def _rank(*ranks: int) -> Callable[[Operand], bool]:
    return lambda o: len(o.shape) in ranks


def _some_axis(o: Operand) -> bool:
    return len(o.shape) >= 1


def _has_unit_axis(o: Operand) -> bool:
    return 1 in o.shape


def _always(o: Operand) -> bool:
    return True


def _op(
    op_id: str,
    category: str,
    template: str,
    apply: Callable[..., Any],
    applies: Callable[[Operand], bool],
) -> Operation:
    """One of torch's own operations, on the float64 inputs (layouts, not dtypes, matter)."""
    return Operation(
        op_id, category, NUMPY_API, template, apply, lambda o: o.dtype == "float64" and applies(o)
    )


#: torch's own surfaces: each in-place method that changes a tensor's shape, strides or
#: metadata next to its out-of-place twin. The in-place one runs on ``x[:]`` (a second tensor
#: over x's storage), so the case asks what a user with two handles asks: after ``a.t_()``,
#: does a write through either handle still reach the other? (``resize_`` only shrinks: growing
#: past the storage reallocates the bytes both handles share, and the witnesses compare with
#: the input's layout as it was before the call.)
OPERATIONS: tuple[Operation, ...] = (
    _op("torch-t", "transpose", "{x}.t()", lambda xp, x: x.t(), _rank(1, 2)),
    _op("torch-t_", "in-place", "{x}[:].t_()", lambda xp, x: x[:].t_(), _rank(1, 2)),
    _op(
        "torch-transpose",
        "transpose",
        "{x}.transpose(0, -1)",
        lambda xp, x: x.transpose(0, -1),
        _some_axis,
    ),
    _op(
        "torch-transpose_",
        "in-place",
        "{x}[:].transpose_(0, -1)",
        lambda xp, x: x[:].transpose_(0, -1),
        _some_axis,
    ),
    _op(
        "torch-swapdims",
        "transpose",
        "{x}.swapdims(0, -1)",
        lambda xp, x: x.swapdims(0, -1),
        _some_axis,
    ),
    _op(
        "torch-swapdims_",
        "in-place",
        "{x}[:].swapdims_(0, -1)",
        lambda xp, x: x[:].swapdims_(0, -1),
        _some_axis,
    ),
    _op("torch-squeeze", "shape", "{x}.squeeze()", lambda xp, x: x.squeeze(), _has_unit_axis),
    _op(
        "torch-squeeze_",
        "in-place",
        "{x}[:].squeeze_()",
        lambda xp, x: x[:].squeeze_(),
        _has_unit_axis,
    ),
    _op("torch-unsqueeze", "shape", "{x}.unsqueeze(0)", lambda xp, x: x.unsqueeze(0), _some_axis),
    _op(
        "torch-unsqueeze_",
        "in-place",
        "{x}[:].unsqueeze_(0)",
        lambda xp, x: x[:].unsqueeze_(0),
        _some_axis,
    ),
    _op(
        "torch-as-strided",
        "shape",
        "{x}.as_strided(({x}.numel(),), (1,), {x}.storage_offset())",
        lambda xp, x: x.as_strided((x.numel(),), (1,), x.storage_offset()),
        _some_axis,
    ),
    _op(
        "torch-as-strided_",
        "in-place",
        "{x}[:].as_strided_(({x}.numel(),), (1,), {x}.storage_offset())",
        lambda xp, x: x[:].as_strided_((x.numel(),), (1,), x.storage_offset()),
        _some_axis,
    ),
    _op(
        "torch-resize_-shrink",
        "in-place",
        "{x}[:].resize_(1)",
        lambda xp, x: x[:].resize_(1),
        _some_axis,
    ),
    _op("torch-detach", "view", "{x}.detach()", lambda xp, x: x.detach(), _always),
    _op("torch-detach_", "in-place", "{x}[:].detach_()", lambda xp, x: x[:].detach_(), _some_axis),
    _op("torch-view-same", "view", "{x}.view({x}.shape)", lambda xp, x: x.view(x.shape), _always),
    _op("torch-view-flat", "shape", "{x}.view(-1)", lambda xp, x: x.view(-1), _always),
    _op("torch-contiguous", "copy", "{x}.contiguous()", lambda xp, x: x.contiguous(), _always),
    _op("torch-clone", "copy", "{x}.clone()", lambda xp, x: x.clone(), _always),
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
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS

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
