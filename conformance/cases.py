"""Cases: an input and a chain of operations, with a stable id.

A case carries the operand (shape, dtype) each step sees, fixed when the case is made, so the
oracle and every backend run exactly the same calls with the same parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.catalogue import BY_ID, CATALOGUE
from conformance.inputs import ALL_INPUTS, InputSpec
from conformance.operations import Operation, Shape


@dataclass(frozen=True)
class Case:
    """``chain[i]`` applied to the result of step ``i - 1`` (step 0 gets the input)."""

    input: InputSpec
    chain: tuple[str, ...]
    operands: tuple[Shape, ...]
    generated: bool = False

    @property
    def id(self) -> str:
        return f"{'+'.join(self.chain)}[{self.input.id}]"

    @property
    def operations(self) -> tuple[Operation, ...]:
        return tuple(BY_ID[name] for name in self.chain)

    @property
    def operation(self) -> str:
        return "+".join(self.chain)

    @property
    def category(self) -> str:
        return self.operations[-1].category if len(self.chain) == 1 else "chain"

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
    def from_json(cls, data: dict[str, Any]) -> Case:
        operands = tuple(Shape(tuple(shape), dtype) for shape, dtype in data["operands"])
        return cls(InputSpec.from_json(data["input"]), tuple(data["chain"]), operands,
                   data["generated"])


def single(op: Operation, spec: InputSpec) -> Case:
    return Case(spec, (op.id,), (Shape(spec.shape, spec.dtype),))


def curated_cases(
    operations: tuple[Operation, ...] = CATALOGUE,
    inputs: tuple[InputSpec, ...] = ALL_INPUTS,
) -> list[Case]:
    """Every catalogue operation on every curated input it applies to, in catalogue order."""
    return [single(op, spec) for op in operations for spec in inputs if op.applies(spec)]
