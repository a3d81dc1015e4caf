"""Shrinking a failing generated case to a minimal one, greedily, from the failure itself.

Hypothesis draws the generated cases; once one fails, the suite shrinks that very case (not a
fresh search): drop chain steps, drop view steps, shrink the buffer's axes, fall back to
float64, and keep any candidate that still fails, until none does or the budget runs out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from conformance.adapters.base import Adapter
from conformance.judge.deviations import Deviation
from conformance.model.cases import Case
from conformance.run.engine import fails
from conformance.run.generate import generated_spec, make_case
from conformance.vocabulary import Profile

#: (dtype, view steps, base shape, chain): what a generated case is made of.
Variant = tuple[str, tuple[tuple[str, object], ...], tuple[int, ...], tuple[str, ...]]


def candidates(case: Case) -> Iterator[Variant]:
    """Simpler (dtype, steps, base shape, chain) variants, simplest first."""
    spec, chain = case.input, case.chain
    for i in range(len(chain)):
        if len(chain) > 1:
            yield spec.dtype, spec.steps, spec.base_shape, chain[:i] + chain[i + 1 :]
    for i in range(len(spec.steps)):
        yield spec.dtype, spec.steps[:i] + spec.steps[i + 1 :], spec.base_shape, chain
    for axis, n in enumerate(spec.base_shape):
        for smaller in sorted({1, n - 1} - {n}):
            if smaller >= 0:
                shape = (*spec.base_shape[:axis], smaller, *spec.base_shape[axis + 1 :])
                yield spec.dtype, spec.steps, shape, chain
    if spec.dtype != "float64":
        yield "float64", spec.steps, spec.base_shape, chain


def shrink(case: Case, oracle: Adapter, fails: Callable[[Case], bool], budget: int = 150) -> Case:
    """The smallest still-failing variant of ``case`` found within ``budget`` evaluations."""
    current, tries = case, 0
    improved = True
    while improved and tries < budget:
        improved = False
        for dtype, steps, shape, chain in candidates(current):
            try:
                candidate = make_case(oracle, generated_spec(dtype, shape, steps), chain)
            except Exception:  # the variant is not a valid input for this chain
                continue
            if not all(
                op.applies(o)
                for op, o in zip(candidate.operations, candidate.operands, strict=True)
            ):
                continue
            tries += 1
            if fails(candidate):
                current, improved = candidate, True
                break
            if tries >= budget:
                break
    return current


def minimal_failing(
    adapter: Adapter,
    oracle: Adapter,
    case: Case,
    failing: set[str],
    profiles: tuple[Profile, ...],
    deviations: tuple[Deviation, ...] = (),
    budget: int = 150,
) -> Case:
    """The smallest variant of ``case`` that still fails one of the ``failing`` profiles."""

    def still_fails(candidate: Case) -> bool:
        return bool(fails(adapter, oracle, candidate, profiles, deviations) & failing)

    return shrink(case, oracle, still_fails, budget)
