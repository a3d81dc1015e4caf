"""Cases: an input and a chain of operations, with a stable id.

A case carries the operand (shape, dtype) each step sees, fixed when the case is made, so the
oracle and every backend run exactly the same calls with the same parameters. A step names a
catalogue operation or one of the adapter's own (``Adapter.operations``: ``iloc``, ``isel``,
``cast``...); a case made of the latter is a *library case*, which only that adapter runs and
for which the oracle has no expectation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance.model.catalogue import BY_ID, CATALOGUE
from conformance.model.inputs import ALL_INPUTS, InputSpec
from conformance.model.operations import Operation, Shape
from conformance.vocabulary import Api, Tag


@dataclass(frozen=True)
class Case:
    """``chain[i]`` applied to the result of step ``i - 1`` (step 0 gets the input)."""

    input: InputSpec
    chain: tuple[str, ...]
    operands: tuple[Shape, ...]
    generated: bool = False
    #: The adapter's own operations that ``chain`` may name besides the catalogue's.
    library_operations: tuple[Operation, ...] = field(default=(), compare=False, repr=False)

    @property
    def id(self) -> str:
        return f"{'+'.join(self.chain)}[{self.input.id}]"

    @property
    def operations(self) -> tuple[Operation, ...]:
        own = {op.id: op for op in self.library_operations}
        return tuple(BY_ID.get(name) or own[name] for name in self.chain)

    @property
    def in_catalogue(self) -> bool:
        """Every step is a catalogue operation (so ``reference_impl`` can give an expectation)."""
        return all(name in BY_ID for name in self.chain)

    @property
    def operation(self) -> str:
        return "+".join(self.chain)

    @property
    def category(self) -> str:
        return self.operations[-1].category if len(self.chain) == 1 else "chain"

    @property
    def in_standard(self) -> bool:
        """A single operation the Array API standard spells (a function or array syntax)."""
        return len(self.chain) == 1 and self.operations[0].api in (Api.ARRAY_API, Api.SYNTAX)

    @property
    def tags(self) -> frozenset[Tag]:
        """The operation's tags for a single operation; a chain is tagged ``chain``."""
        return self.operations[0].tags if len(self.chain) == 1 else frozenset({Tag.CHAIN})

    @property
    def values_matter(self) -> bool:
        return any(op.values_matter for op in self.operations)

    @property
    def rule(self) -> str | None:
        """The Array API rule this case is subject to (single operations only)."""
        return self.operations[0].rule if len(self.chain) == 1 else None

    def expression(self, alias: str = "xp") -> str:
        """The operation(s) as source, input named ``x`` and result ``y``."""
        return "\n".join(self.source_lines(alias))

    def source_lines(self, alias: str) -> list[str]:
        lines, name = [], "x"
        for i, (op, operand) in enumerate(zip(self.operations, self.operands, strict=True)):
            result = "y" if i == len(self.chain) - 1 else f"t{i + 1}"
            lines.append(op.source(operand, alias, x=name, y=result))
            name = result
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "input": self.input.to_json(),
            "chain": list(self.chain),
            "operands": [[list(o.shape), o.dtype] for o in self.operands],
            "generated": self.generated,
        }

    @classmethod
    def from_json(
        cls, data: dict[str, Any], library_operations: tuple[Operation, ...] = ()
    ) -> Case:
        """The case ``to_json`` wrote; ``library_operations`` resolve non-catalogue steps."""
        operands = tuple(Shape(tuple(shape), dtype) for shape, dtype in data["operands"])
        return cls(
            InputSpec.from_json(data["input"]),
            tuple(data["chain"]),
            operands,
            data["generated"],
            library_operations,
        )


def single(op: Operation, spec: InputSpec, library_operations: tuple[Operation, ...] = ()) -> Case:
    return Case(
        spec, (op.id,), (Shape(spec.shape, spec.dtype),), library_operations=library_operations
    )


def curated_cases(
    operations: tuple[Operation, ...] = CATALOGUE,
    inputs: tuple[InputSpec, ...] = ALL_INPUTS,
) -> list[Case]:
    """Every catalogue operation on every curated input it applies to, in catalogue order."""
    return [single(op, spec) for op in operations for spec in inputs if op.applies(spec)]


def library_cases(
    operations: tuple[Operation, ...], inputs: tuple[InputSpec, ...] = ALL_INPUTS
) -> list[Case]:
    """An adapter's own operations on every curated input they apply to, in declared order.

    Their ids (``pandas-iloc-step[contiguous-2d-float64]``) are as stable as the catalogue's,
    so deviations files and the site can name them.
    """
    clashes = sorted(op.id for op in operations if op.id in BY_ID)
    if clashes:  # the catalogue's entry would silently win in ``Case.operations``
        raise ValueError(f"adapter operations reuse catalogue ids: {', '.join(clashes)}")
    return [
        single(op, spec, operations) for op in operations for spec in inputs if op.applies(spec)
    ]
