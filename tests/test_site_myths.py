"""The twelve claims, checked from results: holds, false with a counterexample, no evidence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conformance.site.myths import CLAIMS, c_contiguous, check_claim
from conformance.site.results import load_results

FIXTURES = Path(__file__).parent / "fixtures" / "results"


def statuses(name: str) -> dict[int, str]:
    run = load_results(FIXTURES / f"{name}.json")
    return {claim.number: check_claim(claim, run).status for claim in CLAIMS}


def finding(name: str, number: int):
    run = load_results(FIXTURES / f"{name}.json")
    return check_claim(CLAIMS[number - 1], run)


def test_there_are_twelve_numbered_claims_with_a_documented_mapping():
    assert [c.number for c in CLAIMS] == list(range(1, 13))
    assert all(c.about and c.truth and c.text for c in CLAIMS)
    assert len({c.slug for c in CLAIMS}) == 12


def test_numpy_fixture_claims():
    assert statuses("numpy") == {
        1: "false", 2: "false", 3: "holds", 4: "holds", 5: "holds", 6: "false", 7: "holds",
        8: "false", 9: "false", 10: "holds", 11: "holds", 12: "false"}


def test_copying_reshape_with_intermediate_base_refutes_base_none_claim():
    ids = {case.id for case, _ in finding("numpy", 1).counterexamples}
    assert "reshape-flat[strided-cols-2d-float64]" in ids
    assert "fancy-index-slice[contig-2d-float64]" in ids


def test_view_of_a_view_has_the_owner_as_base():
    (case, reason), = finding("numpy", 2).counterexamples
    assert case.id == "slice-basic[strided-cols-2d-float64]"
    assert "input-base" in reason


def test_fortran_order_reshape_of_c_contiguous_array_refutes_reshape_claim():
    (case, reason), = finding("numpy", 6).counterexamples
    assert case.operation == "reshape-fortran"
    assert reason == "a copy of a C-contiguous input"


def test_in_place_add_refutes_arithmetic_claim_and_read_only_view_refutes_writes():
    assert finding("numpy", 9).counterexamples[0][0].operation == "iadd-scalar"
    assert finding("numpy", 8).counterexamples[0][0].operation == "broadcast-to"


def test_library_without_base_or_shares_memory_has_no_evidence():
    found = statuses("jax")
    assert found[1] == found[2] == found[10] == "no evidence"


def test_immutable_library_refutes_fancy_assignment_with_the_error():
    (case, reason), = finding("jax", 5).counterexamples
    assert case.operation == "setitem-fancy"
    assert reason == "the assignment raised TypeError"


def test_unknown_class_gives_no_evidence_instead_of_a_guess():
    run = load_results(FIXTURES / "numpy.json")
    blind = tuple(replace(c, observed={"class": "unknown", "witnesses": {}, "claims": {}})
                  for c in run.cases)
    lazy = replace(run, cases=blind)
    assert {check_claim(claim, lazy).status for claim in CLAIMS} == {"no evidence"}


@pytest.mark.parametrize(
    ("shape", "strides", "expected"),
    [([4, 6], [48, 8], True), ([4, 3], [48, 16], False), ([1, 6], [999, 8], True),
     ([0, 3], [7, 5], True), ([6, 4], [8, 48], False)],
)
def test_c_contiguity_from_recorded_layout(shape, strides, expected):
    run = load_results(FIXTURES / "numpy.json")
    case = replace(run.cases[0], input={"shape": shape, "strides": strides, "itemsize": 8})
    assert c_contiguous(case) is expected


def test_empty_result_is_no_evidence_either_way():
    # x[5:5] is a view of no bytes: the memory witness cannot tell it from a copy.
    run = load_results(FIXTURES / "numpy.json")
    case = next(c for c in run.cases if c.operation == "slice-empty")
    assert CLAIMS[2].selects(case) and CLAIMS[2].judge(case) is None
    full = replace(case, observed={**case.observed, "shape": [1, 6]})
    assert "shares no byte" in CLAIMS[2].judge(full)
