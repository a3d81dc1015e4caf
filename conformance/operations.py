"""Operations: declared once, with the source text a repro shows and the call the suite makes.

An :class:`Operation` is a value: an id, a category, the namespace kind it needs (``numpy`` or
``array-api``), a template for the repro snippet, the function that performs it through an
adapter's namespace, a predicate saying which operands it applies to, and (for the
``array-api`` profile) the normative rule it is subject to, if any.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


class Operand(Protocol):
    """What an operation may look at before it runs: shape and dtype name."""

    @property
    def shape(self) -> tuple[int, ...]: ...

    @property
    def dtype(self) -> str: ...


@dataclass(frozen=True)
class Shape:
    """A plain operand description (for intermediate results of a chain)."""

    shape: tuple[int, ...]
    dtype: str


#: Array API rules an operation can be subject to (see ARRAY-API-COPY-RULES).
RULES = {
    "must-copy": "copy=True (or astype to a new dtype): a newly allocated array is returned",
    "must-not-copy": "copy=False: never copies (raising ValueError/BufferError is allowed)",
    "reuse": "copy=None with nothing to convert: reuses the existing buffer",
    "same-object": "astype(x, x.dtype, copy=False): the input array itself is returned",
    "must-raise": "copy=False when a copy is needed (dtype change): raises ValueError",
    "in-place": "x1 op= x2: dtype and shape of x1 unchanged, values as x1[...] = x1 op x2",
    "setitem": "__setitem__: dtype and shape of self unchanged",
}


def _always(operand: Operand) -> bool:
    return True


def _no_params(operand: Operand) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Operation:
    """One operation of the catalogue.

    ``template`` is Python source with ``{x}`` (the operand), ``{xp}`` (the namespace alias)
    and one ``{name}`` per parameter; a ``statement`` template also names ``{y}`` (the result)
    and may span lines. ``apply(xp, x, **params)`` performs the same thing and returns the
    result (for statements, the object ``{y}`` is bound to).
    """

    id: str
    category: str
    api: str
    template: str
    apply: Callable[..., Any]
    applies: Callable[[Operand], bool] = _always
    params: Callable[[Operand], Mapping[str, Any]] = _no_params
    rule: str | None = None
    statement: bool = False
    #: Values are part of the contract (in-place operators, ``__setitem__``).
    values_matter: bool = False
    #: May appear inside a random chain of operations.
    chainable: bool = True
    description: str = field(default="", compare=False)

    def source(self, operand: Operand, alias: str, x: str = "x", y: str = "y") -> str:
        """The repro line(s) that bind ``y`` to this operation applied to ``x``."""
        params = {k: repr(v) for k, v in self.params(operand).items()}
        text = self.template.format(x=x, y=y, xp=alias, **params)
        return text if self.statement else f"{y} = {text}"

    def expression(self, operand: Operand, alias: str = "xp") -> str:
        """The template with ``x`` as the operand, as shown in results."""
        params = {k: repr(v) for k, v in self.params(operand).items()}
        return self.template.format(x="x", y="y", xp=alias, **params)

    def run(self, namespace: Any, x: Any, operand: Operand) -> Any:
        return self.apply(namespace, x, **self.params(operand))
