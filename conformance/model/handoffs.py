"""Hand-offs: one call that turns one library's array into another's.

``torch.from_numpy(x)``, ``pd.Series(x)``, ``np.asarray(t)``: each is a :class:`Handoff`, declared
by the adapter of the library whose call it is (the receiver's constructor, or the sender's
conversion method), so only adapters know libraries. The exchange section pairs every hand-off
with sender inputs and observes both sides through their own adapters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conformance.vocabulary import Declared


@dataclass(frozen=True)
class Handoff:
    """One conversion call from a ``sender`` backend's array to a ``receiver`` backend's.

    ``template`` is the call as source, ``{x}`` standing for the sender's array, and ``call``
    performs it. ``imports`` are the import lines its source needs. ``declared`` is what the
    call promises: ``share`` (documented zero-copy), ``copy`` (a copy is requested) or ``None``
    (the library decides). ``ndims`` are the sender ranks the receiver can hold.
    ``reinterprets``: the call's purpose is another reading of the bytes (a byte cast, the raw
    bytes), so its values are not the input's by design and the values check does not apply.
    """

    sender: str
    receiver: str
    template: str
    call: Callable[[Any], Any]
    imports: tuple[str, ...] = ()
    declared: Declared | None = None
    ndims: tuple[int, ...] = (1, 2)
    reinterprets: bool = False

    @property
    def source(self) -> str:
        return self.template.format(x="x")

    @property
    def id(self) -> str:
        return f"{self.sender}->{self.receiver}:{self.source}"


def receiving(
    receiver: str,
    senders: tuple[str, ...],
    template: str,
    call: Callable[[Any], Any],
    imports: tuple[str, ...] = (),
    declared: Declared | None = None,
    ndims: tuple[int, ...] = (1, 2),
) -> tuple[Handoff, ...]:
    """The same receiving call (``np.asarray({x})``) from each of ``senders``."""
    return tuple(
        Handoff(sender, receiver, template, call, imports, declared, ndims) for sender in senders
    )


#: The partial-protocol senders (``conformance/adapters/protocols_adapter.py``): objects that
#: speak one way of exporting memory each, wrapping a NumPy array.
PROTOCOL_SENDERS: tuple[str, ...] = (
    "array-no-copy-kw",
    "array-interface-only",
    "buffer-protocol",
    "dlpack-only",
)
