"""Operations: declared once, with the source text a repro shows and the call the suite makes.

An :class:`Operation` is a value: an id, a category, the namespace kind it needs (``numpy`` or
``array-api``), a template for the repro snippet, the function that performs it through an
adapter's namespace, a predicate saying which operands it applies to, (for the ``array-api``
profile) the normative rule it is subject to, if any, and tags the site selects cases by.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from conformance.vocabulary import Api, Rule, Tag


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
    api: Api
    template: str
    apply: Callable[..., Any]
    applies: Callable[[Operand], bool] = _always
    params: Callable[[Operand], Mapping[str, Any]] = _no_params
    rule: Rule | None = None
    statement: bool = False
    #: Values are part of the contract (in-place operators, ``__setitem__``).
    values_matter: bool = False
    #: May appear inside a random chain of operations.
    chainable: bool = True
    description: str = field(default="", compare=False)
    #: What kind of operation it is (``vocabulary.Tag``), written into results so that the
    #: site selects cases by meaning instead of parsing ids or expressions.
    tags: frozenset[Tag] = field(default=frozenset(), compare=False)

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
