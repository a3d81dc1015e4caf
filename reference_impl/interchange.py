"""DLPack interchange, modelled: ``ndarray.__dlpack__`` exports, ``from_dlpack`` imports.

NumPy's ``__dlpack__`` hands out a capsule that points at the array's memory, or, with
``copy=True``, at a fresh copy in order 'K'. ``from_dlpack`` asks the producer for a capsule
(``max_version=(1, 0)``, passing its ``copy=``) and wraps the memory in a new array whose
``.base`` is the capsule: never the input itself, never an owner (``owndata`` False), read-only
when the producer said so. Everything here follows that, except what a capsule is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reference_impl.array import make_view, ndarray

#: ``(kDLCPU, 0)``: the only device NumPy (and reference_impl) arrays live on.
CPU_DEVICE: tuple[int, int] = (1, 0)


@dataclass(frozen=True, eq=False)
class Capsule:
    """What ``__dlpack__`` exports: the array whose memory a consumer may wrap.

    Note: NumPy exports a ``PyCapsule`` holding a C ``DLManagedTensor``; a pure-Python
    array has no such struct, so its capsule holds the exported array itself.
    """

    array: ndarray


def export(
    arr: ndarray,
    *,
    stream: Any = None,
    max_version: Any = None,
    dl_device: Any = None,
    copy: bool | None = None,
) -> Capsule:
    """``arr.__dlpack__(...)``: a capsule for ``arr``'s memory, or for a copy with ``copy=True``."""
    from reference_impl.conversion import copy as copy_array

    if stream is not None:
        raise RuntimeError("NumPy only supports stream=None.")
    if dl_device is not None and tuple(dl_device) != CPU_DEVICE:
        raise BufferError("unsupported device requested")
    return Capsule(copy_array(arr, "K") if copy else arr)  # Note: a Python object, no PyCapsule


def from_dlpack(x: Any, /, *, device: Any = None, copy: bool | None = None) -> ndarray:
    """A new array on the memory ``x.__dlpack__`` exports; its ``.base`` is the capsule."""
    if device is not None and device != "cpu":
        raise ValueError(f'Device not understood. Only "cpu" is allowed, but received: {device}')
    capsule = x.__dlpack__(max_version=(1, 0), dl_device=None, copy=copy)
    if not isinstance(capsule, Capsule):
        # Note: NumPy reads any producer's C capsule; reference_impl can only wrap memory it
        # models itself, so it consumes only its own exports.
        raise TypeError("reference_impl.from_dlpack consumes only reference_impl arrays")
    exported = capsule.array
    return make_view(exported, exported._layout, base=capsule, writeable=exported._writeable)
