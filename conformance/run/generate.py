"""Hypothesis strategies for suite inputs and operation chains, drawn through the oracle.

Inputs are random layouts: a base buffer of random shape and dtype, then basic-indexing keys
(any step, negative included, integers, new axes, empty ranges) and axis permutations. Chains
draw operations that apply to the current operand; the oracle runs each step to learn the next
operand's shape and dtype, so every backend later runs exactly the same calls.
"""

from __future__ import annotations

import hashlib
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from conformance.adapters.base import Adapter
from conformance.model.cases import Case
from conformance.model.catalogue import BY_ID, CATALOGUE
from conformance.model.inputs import InputSpec
from conformance.model.operations import Shape

DTYPES = ("float64", "float32", "int64", "int32", "int8", "uint8", "complex128", "bool")
CHAINABLE = tuple(op for op in CATALOGUE if op.chainable)


@st.composite
def axis_key(draw: st.DrawFn, n: int) -> Any:
    """One entry of a basic-indexing key for an axis of length ``n``."""
    if n > 0 and draw(st.booleans(), label="integer index"):
        return draw(st.integers(-n, n - 1), label="index")
    # Note: bounds stay within [-n, n]; the Array API leaves out-of-bounds bounds unspecified.
    bound = st.none() | st.integers(-n, n)
    step = draw(st.none() | st.sampled_from((1, 2, 3, -1, -2)), label="step")
    return slice(draw(bound, label="start"), draw(bound, label="stop"), step)


@st.composite
def input_specs(draw: st.DrawFn) -> InputSpec:
    dtype = draw(st.sampled_from(DTYPES), label="dtype")
    base_shape = tuple(draw(st.lists(st.integers(0, 5), max_size=3), label="base shape"))
    shape, steps = base_shape, []
    for _ in range(draw(st.integers(0, 2), label="view steps")):
        if len(shape) > 1 and draw(st.booleans(), label="permute"):
            axes = tuple(draw(st.permutations(range(len(shape))), label="axes"))
            steps.append(("permute", axes))
            shape = tuple(shape[a] for a in axes)
            continue
        key = [draw(axis_key(n)) for n in shape]
        if draw(st.booleans(), label="new axis"):
            key.insert(draw(st.integers(0, len(key)), label="where"), None)
        if all(isinstance(part, int) for part in key):  # would give a scalar, not an array
            key.append(None)
        steps.append(("index", tuple(key)))
        shape = InputSpec("", dtype, shape, (("index", tuple(key)),)).shape
    return generated_spec(dtype, base_shape, tuple(steps))


def generated_spec(
    dtype: str, base_shape: tuple[int, ...], steps: tuple[tuple[str, Any], ...]
) -> InputSpec:
    """A drawn input, named by a hash of its content so its id is stable across runs."""
    content = repr((dtype, base_shape, steps)).encode()
    return InputSpec(f"gen-{hashlib.sha1(content).hexdigest()[:10]}", dtype, base_shape, steps)


def make_case(oracle: Adapter, spec: InputSpec, chain: tuple[str, ...]) -> Case:
    """``chain`` on ``spec`` with each step's operand learnt from the oracle (may raise)."""
    operands = [Shape(spec.shape, spec.dtype)]
    y = oracle.build(spec.recipe())
    for name in chain[:-1]:
        op = BY_ID[name]
        y = op.run(oracle.namespace_for(op.api), y, operands[-1])
        operands.append(Shape(oracle.shape(y), oracle.dtype_name(y)))
    return Case(spec, chain, tuple(operands), generated=True)


@st.composite
def cases(draw: st.DrawFn, oracle: Adapter, max_chain: int = 3) -> Case:
    """A random input and a chain of 1..``max_chain`` operations the oracle can run."""
    spec = draw(input_specs())
    operand = Shape(spec.shape, spec.dtype)
    y = oracle.build(spec.recipe())
    chain: list[str] = []
    operands: list[Shape] = []
    for _ in range(draw(st.integers(1, max_chain), label="chain length")):
        options = [op for op in CHAINABLE if op.applies(operand)]
        if not options:
            break
        op = draw(st.sampled_from(options), label="operation")
        chain.append(op.id)
        operands.append(operand)
        try:
            y = op.run(oracle.namespace_for(op.api), y, operand)
        except Exception:  # an erroring step ends the chain: it is the case's last step
            break
        if not oracle.is_array(y):
            break
        operand = Shape(oracle.shape(y), oracle.dtype_name(y))
    if not chain:  # no operation applies: fall back to one that applies to anything
        chain, operands = ["index-ellipsis"], [Shape(spec.shape, "float64")]
        spec = generated_spec("float64", spec.base_shape, spec.steps)
    return Case(spec, tuple(chain), tuple(operands), generated=True)


#: The seed of ``--ci`` runs.
CI_SEED = 0


def generated_cases(oracle: Adapter, count: int, seed_value: int, ci: bool) -> list[Case]:
    """``count`` Hypothesis draws (fewer after removing duplicates), reproducible by seed.

    ``ci`` fixes the seed to :data:`CI_SEED`, so the draws depend only on the catalogue and
    the strategies. (Hypothesis's own ``derandomize`` seeds from the test function's source
    text, so reformatting this module used to reshuffle every generated case.)
    """
    if count <= 0:
        return []
    found: dict[str, Case] = {}

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def collect(data: st.DataObject) -> None:
        case = data.draw(cases(oracle), label="case")
        found.setdefault(case.id, case)

    seed(CI_SEED if ci else seed_value)(collect)()
    return list(found.values())
