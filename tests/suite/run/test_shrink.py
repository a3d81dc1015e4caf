"""A failing generated case shrinks to a minimal one that still fails."""

from __future__ import annotations

from mutants.numpy_mutants import CopiesWhereNumpyViews

from conformance.run.engine import fails, oracle_adapter
from conformance.run.generate import generated_spec, make_case
from conformance.run.shrink import shrink
from conformance.vocabulary import PROFILES


def test_failing_chain_shrinks_to_the_faulty_operation_on_a_small_input() -> None:
    oracle, mutant = oracle_adapter(), CopiesWhereNumpyViews()
    spec = generated_spec(
        "float64", (4, 5, 3), (("index", (slice(None, None, -1), slice(1, None), slice(None))),)
    )
    case = make_case(oracle, spec, ("index-step", "transpose", "index-reverse"))

    def fails_numpy(candidate) -> bool:
        return "numpy" in fails(mutant, oracle, candidate, PROFILES)

    assert fails_numpy(case)
    minimal = shrink(case, oracle, fails_numpy)
    assert fails_numpy(minimal)
    assert minimal.chain == ("transpose",)
    assert minimal.input.steps == ()
    assert sum(minimal.input.base_shape) < sum(spec.base_shape)


def test_a_passing_case_is_left_alone() -> None:
    oracle = oracle_adapter()
    case = make_case(oracle, generated_spec("float64", (3,), ()), ("index-step",))
    assert shrink(case, oracle, lambda candidate: False) == case
