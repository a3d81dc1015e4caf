"""Hand-offs with exactly one injected fault, each next to its fault-free control.

A mutant is a receiving call (or a sender) that breaks the promise its hand-off declares: a
``torch.tensor`` that keeps the caller's buffer (declared copy), a ``torch.from_numpy`` that
copies (declared zero-copy), and so on. ``tests/suite/test_handoff_mutants.py`` runs each
through the exchange section on every sender input and checks that the hand-off profile fails
it exactly where the control passes on an array with bytes, and that the control passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from conformance.adapters.protocols_adapter import DLPackOnlyAdapter
from conformance.model.handoffs import Handoff
from conformance.vocabulary import Declared

_NP = ("import numpy as np",)


@dataclass(frozen=True)
class HandoffMutant:
    """``faulty`` and ``control`` have the same source and promise; only the call differs
    (or, for a sender fault, the sender: :attr:`sender` names a mutant sender adapter)."""

    name: str
    faulty: Handoff
    control: Handoff
    #: The phrase the hand-off profile's message must contain.
    says: str
    needs: str = "numpy"


def _pair(
    name: str,
    sender: str,
    receiver: str,
    template: str,
    real: Any,
    fault: Any,
    declared: Declared | None,
    imports: tuple[str, ...],
    says: str,
    needs: str = "numpy",
) -> HandoffMutant:
    def make(call: Any) -> Handoff:
        return Handoff(sender, receiver, template, call, imports, declared)

    return HandoffMutant(name, make(fault), make(real), says, needs)


def _torch() -> Any:
    import torch

    return torch


class _IgnoresCopy:
    """A DLPack exporter that drops the consumer's ``copy`` request (always shares)."""

    def __init__(self, a: np.ndarray) -> None:
        self._a = a

    def __dlpack__(self, **kwargs: Any) -> Any:
        kwargs.pop("copy", None)
        return self._a.__dlpack__(**kwargs)

    def __dlpack_device__(self) -> Any:
        return self._a.__dlpack_device__()


class IgnoresCopySender(DLPackOnlyAdapter):
    """The ``dlpack-only`` sender whose ``__dlpack__`` ignores ``copy=True``."""

    name: ClassVar[str] = "dlpack-ignores-copy"

    def wrap(self, a: np.ndarray) -> Any:
        return _IgnoresCopy(a)

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, _IgnoresCopy)


#: Mutant senders, by name (the section loads them as it loads registered ones).
SENDERS = {IgnoresCopySender.name: IgnoresCopySender()}

COPY_SHARES = "requests a copy, but the result shares memory"
SHARE_COPIES = "is documented as zero-copy, but the result shares no memory"

MUTANTS: tuple[HandoffMutant, ...] = (
    _pair(
        "torch-tensor-keeps-buffer",
        "numpy",
        "torch",
        "torch.tensor({x})",
        lambda x: _torch().tensor(x),
        lambda x: _torch().from_numpy(x),
        Declared.COPY,
        ("import torch",),
        COPY_SHARES,
        "torch",
    ),
    _pair(
        "torch-from-numpy-copies",
        "numpy",
        "torch",
        "torch.from_numpy({x})",
        lambda x: _torch().from_numpy(x),
        lambda x: _torch().tensor(x),
        Declared.SHARE,
        ("import torch",),
        SHARE_COPIES,
        "torch",
    ),
    _pair(
        "asarray-copy-true-keeps-buffer",
        "numpy",
        "numpy",
        "np.asarray({x}, copy=True)",
        lambda x: np.asarray(x, copy=True),
        lambda x: np.asarray(x)[...],
        Declared.COPY,
        _NP,
        COPY_SHARES,
    ),
    _pair(
        "array-copy-false-copies",
        "numpy",
        "numpy",
        "np.array({x}, copy=False)",
        lambda x: np.array(x, copy=False),
        lambda x: np.array(x, copy=True),
        Declared.SHARE,
        _NP,
        SHARE_COPIES,
    ),
    _pair(
        "from-dlpack-copy-false-copies",
        "dlpack-only",
        "numpy",
        "np.from_dlpack({x}, copy=False)",
        lambda x: np.from_dlpack(x, copy=False),
        lambda x: np.from_dlpack(x, copy=True),
        Declared.SHARE,
        _NP,
        SHARE_COPIES,
    ),
    _pair(
        "frombuffer-copies-the-bytes",
        "buffer-protocol",
        "numpy",
        "np.frombuffer({x})",
        lambda x: np.frombuffer(x),
        lambda x: np.frombuffer(x).copy(),
        Declared.SHARE,
        _NP,
        SHARE_COPIES,
    ),
    # torch.asarray(obj) on a buffer-protocol object reads its bytes as the default float dtype
    # (torch 2.13: float64 arrives as twice as many float32s over the same bytes).
    _pair(
        "asarray-reads-bytes-as-float32",
        "numpy",
        "numpy",
        "np.asarray({x})",
        lambda x: np.asarray(x),
        lambda x: np.asarray(x).ravel().view(np.float32),
        None,
        _NP,
        "does not keep the input's values",
    ),
    HandoffMutant(
        "dlpack-sender-ignores-copy",
        Handoff(
            IgnoresCopySender.name,
            "numpy",
            "np.from_dlpack({x}, copy=True)",
            lambda x: np.from_dlpack(x, copy=True),
            _NP,
            Declared.COPY,
        ),
        Handoff(
            "dlpack-only",
            "numpy",
            "np.from_dlpack({x}, copy=True)",
            lambda x: np.from_dlpack(x, copy=True),
            _NP,
            Declared.COPY,
        ),
        COPY_SHARES,
    ),
)
