"""array-api-strict adapter: the standard's minimal reference namespace, through DLPack.

Its hand-offs are the standard's own conversions, whose ``copy=`` rules are normative
(https://data-apis.org/array-api/latest/API_specification/generated/array_api.asarray.html and
``from_dlpack.html``): ``copy=True`` always copies, ``copy=False`` never does (it raises
``ValueError`` or ``BufferError`` when a copy is needed). ``asarray`` also takes objects that
support the buffer protocol (``memoryview``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import array_api_strict
import numpy as np

from conformance.adapters.base import ARRAY_API, Adapter
from conformance.model.handoffs import PROTOCOL_SENDERS, Handoff
from conformance.vocabulary import Declared

NAME = "array_api_strict"
_XP = ("import array_api_strict as xp",)


def _with_copy(call: Callable[..., Any], copy: bool | None) -> Callable[[Any], Any]:
    return lambda x: call(x, copy=copy)


def _copying(
    template: str, call: Callable[..., Any], senders: tuple[str, ...]
) -> tuple[Handoff, ...]:
    """``template`` with ``copy=None/True/False`` from each of ``senders``."""
    out = []
    for copy, declared in ((None, None), (True, Declared.COPY), (False, Declared.SHARE)):
        source = template if copy is None else template.replace("{x})", f"{{x}}, copy={copy})")
        for sender in senders:
            out.append(Handoff(sender, NAME, source, _with_copy(call, copy), _XP, declared))
    return tuple(out)


#: The standard's constructors over NumPy, torch, buffer objects and the partial-protocol
#: senders, and NumPy's views of an array-api-strict array.
HANDOFFS: tuple[Handoff, ...] = (
    *_copying("xp.asarray({x})", array_api_strict.asarray, ("numpy", "memoryview")),
    *_copying("xp.from_dlpack({x})", array_api_strict.from_dlpack, ("numpy", "torch")),
    *(
        Handoff(sender, NAME, "xp.asarray({x})", array_api_strict.asarray, _XP)
        for sender in PROTOCOL_SENDERS
    ),
    Handoff(NAME, "numpy", "np.from_dlpack({x})", np.from_dlpack, ("import numpy as np",)),
    Handoff(
        NAME,
        "numpy",
        "np.from_dlpack({x}, copy=True)",
        lambda x: np.from_dlpack(x, copy=True),
        ("import numpy as np",),
        Declared.COPY,
    ),
    *_copying("xp.asarray({x})", array_api_strict.asarray, (NAME,)),
)


class ArrayAPIStrictAdapter(Adapter):
    """No ``.base``, no ``shares_memory``, no flags: only the witnesses can speak."""

    name: ClassVar[str] = NAME
    library: ClassVar[str] = "array-api-strict"
    alias: ClassVar[str] = "xp"
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS

    def namespace(self, api: str) -> Any | None:
        return array_api_strict if api == ARRAY_API else None

    def repro_imports(self) -> list[str]:
        return ["import array_api_strict as xp"]


adapter = ArrayAPIStrictAdapter()
