"""The twelve claims, checked from results: holds, false with a counterexample, no evidence."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from conformance.site.myths import CLAIMS, c_contiguous, check_claim
from conformance.site.results import Verdict, load_results
from conformance.site.results import load_many as load_results_many

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
        1: "false",
        2: "false",
        3: "holds",
        4: "holds",
        5: "holds",
        6: "false",
        7: "holds",
        8: "false",
        9: "false",
        10: "holds",
        11: "holds",
        12: "false",
    }


def test_copying_reshape_with_intermediate_base_refutes_base_none_claim():
    ids = {case.id for case, _ in finding("numpy", 1).counterexamples}
    assert "reshape-flat[strided-cols-2d-float64]" in ids
    assert "fancy-index-slice[contig-2d-float64]" in ids


def test_view_of_a_view_has_the_owner_as_base():
    ((case, reason),) = finding("numpy", 2).counterexamples
    assert case.id == "slice-basic[strided-cols-2d-float64]"
    assert "input-base" in reason


def test_fortran_order_reshape_of_c_contiguous_array_refutes_reshape_claim():
    ((case, reason),) = finding("numpy", 6).counterexamples
    assert case.operation == "reshape-fortran"
    assert reason == "a copy of a C-contiguous input"


def test_in_place_add_refutes_arithmetic_claim_and_read_only_view_refutes_writes():
    assert finding("numpy", 9).counterexamples[0][0].operation == "iadd-scalar"
    assert finding("numpy", 8).counterexamples[0][0].operation == "broadcast-to"


def test_library_without_base_or_shares_memory_has_no_evidence():
    found = statuses("jax")
    assert found[1] == found[2] == found[10] == "no evidence"


def test_immutable_library_refutes_fancy_assignment_with_the_error():
    ((case, reason),) = finding("jax", 5).counterexamples
    assert case.operation == "setitem-fancy"
    assert reason == "the assignment raised TypeError"


def test_unknown_class_gives_no_evidence_instead_of_a_guess():
    run = load_results(FIXTURES / "numpy.json")
    blind = tuple(
        replace(c, observed={"class": "unknown", "witnesses": {}, "claims": {}}) for c in run.cases
    )
    lazy = replace(run, cases=blind)
    assert {check_claim(claim, lazy).status for claim in CLAIMS} == {"no evidence"}


@pytest.mark.parametrize(
    ("shape", "strides", "expected"),
    [
        ([4, 6], [48, 8], True),
        ([4, 3], [48, 16], False),
        ([1, 6], [999, 8], True),
        ([0, 3], [7, 5], True),
        ([6, 4], [8, 48], False),
    ],
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


def chained(case, first: str = "xp-astype-other-copy-false"):
    """``case``'s operation applied to the result of ``first``, as a generated chain records it:
    the result is now compared with the chain's input, not with its own operand."""
    expression = "t1 = np.astype(x, np.float32, copy=False)\n" + re.sub(
        r"\bx\b", "t1", case.expression
    )
    return replace(
        case,
        id=f"{first}+{case.id}",
        operation=f"{first}+{case.operation}",
        category="chain",
        expression=expression,
    )


def followed(case, then: str = "astype-other"):
    """``case``'s operation, then a copying ``astype``: the chain ends with another step."""
    expression = re.sub(r"^y =", "t1 =", case.expression) + "\ny = t1.astype('float32')"
    return replace(
        case,
        id=f"{case.operation}+{then}[{case.input.get('id')}]",
        operation=f"{case.operation}+{then}",
        category="chain",
        expression=expression,
    )


def test_chain_whose_earlier_step_copied_does_not_refute_transpose_views():
    # The generated case that once made claim 7 false on NumPy: astype copied, then moveaxis
    # made a view of the copy, which shares no byte with the chain's input.
    run = load_results(FIXTURES / "numpy.json")
    transpose = next(c for c in run.cases if c.operation == "transpose")
    fooling = chained(
        replace(
            transpose,
            observed={
                **transpose.observed,
                "class": "view",
                "witnesses": {**transpose.witnesses, "memory": False},
            },
        )
    )
    assert CLAIMS[6].judge(fooling) is not True  # judged alone, it would count against
    with_chain = replace(run, cases=(*run.cases, fooling))
    assert check_claim(CLAIMS[6], with_chain).status == "holds"


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6, 7, 9, 11, 12])
def test_claims_about_one_operation_read_no_chain(number):
    run = load_results(FIXTURES / "numpy.json")
    claim = CLAIMS[number - 1]
    selected = [c for c in run.cases if claim.selects(c)]
    assert selected, "the fixture has no case for this claim"
    assert not any(claim.selects(chained(c)) or claim.selects(followed(c)) for c in selected)


@pytest.mark.parametrize("number", [8, 10])
def test_claims_about_any_result_also_read_chains(number):
    run = load_results(FIXTURES / "numpy.json")
    claim = CLAIMS[number - 1]
    assert any(claim.selects(chained(c)) for c in run.cases if claim.selects(c))


def fancy_assignment(verdict: str, message: str = ""):
    run = load_results(FIXTURES / "numpy.json")
    case = next(c for c in run.cases if c.operation == "setitem-fancy")
    return replace(case, verdicts={**case.verdicts, "numpy": Verdict(verdict, message)})


def test_fancy_assignment_with_numpys_values_changed_the_original():
    assert CLAIMS[4].judge(fancy_assignment("pass")) is True
    assert CLAIMS[4].judge(fancy_assignment("differs", "flags.owndata=True, but...")) is True


def test_fancy_assignment_with_other_values_says_nothing():
    # A digest that is not NumPy's cannot tell "unchanged" from "changed otherwise".
    case = fancy_assignment("differs", "values differ from NumPy's")
    assert CLAIMS[4].judge(case) is None
    assert CLAIMS[4].judge(fancy_assignment("not-applicable")) is None


def test_assignment_into_a_fancy_indexed_copy_is_not_fancy_assignment():
    # ``t1 = x[[0, 0]]; y = t1; y[(0,)] = 1`` writes into a copy: not what claim 5 is about.
    case = chained(fancy_assignment("pass"), first="index-int-list")
    assert not CLAIMS[4].selects(case)


def test_asarray_into_another_dtype_refutes_never_copies_where_no_witness_sees():
    # A lazy library (dask) shows no bytes; converted values still need new memory.
    run = load_results(FIXTURES / "numpy.json")
    case = next(c for c in run.cases if c.operation == "asarray-dtype")
    unseen = replace(case, observed={"class": "unknown", "witnesses": {}, "dtype": "float32"})
    assert CLAIMS[11].judge(unseen) == (
        "asarray converted float64 to float32, which needs new memory (observed: unknown)"
    )
    same = replace(unseen, observed={**unseen.observed, "dtype": "float64"})
    assert CLAIMS[11].judge(same) is None


def test_empty_input_returned_as_itself_is_no_evidence_that_slicing_views():
    run = load_results(FIXTURES / "numpy.json")
    case = next(c for c in run.cases if c.operation == "slice-empty")
    itself = replace(case, observed={**case.observed, "class": "same-object"})
    assert CLAIMS[2].selects(itself) and CLAIMS[2].judge(itself) is None


@pytest.mark.parametrize(("number", "operation"), [(3, "slice-basic"), (7, "transpose")])
def test_copy_on_write_result_is_not_a_view(number, operation):
    # pandas 3: the bytes are shared until a write, which never reaches the other array.
    run = load_results(FIXTURES / "numpy.json")
    case = next(c for c in run.cases if c.operation == operation)
    cow = replace(
        case,
        observed={
            **case.observed,
            "class": "copy-on-write",
            "witnesses": {**case.witnesses, "memory": True},
        },
    )
    claim = CLAIMS[number - 1]
    assert claim.selects(cow)
    assert claim.judge(case) is True
    assert "copy-on-write" in claim.judge(cow)


def test_claims_select_cases_by_the_catalogues_tags_when_results_carry_them():
    run = load_results(Path(__file__).parent / "fixtures" / "results" / "numpy.json")
    case = run.cases[0]
    slicing = next(c for c in CLAIMS if c.slug == "slicing-views")
    transpose = next(c for c in CLAIMS if c.slug == "transpose-views")
    odd = replace(case, operation="frobnicate", category="misc", expression="frob(x)")
    assert not slicing.selects(odd)  # no tags: the expression decides
    assert slicing.selects(replace(odd, tags=frozenset({"slice"})))
    assert not slicing.selects(replace(odd, tags=frozenset({"slice", "in-place"})))
    assert transpose.selects(replace(odd, tags=frozenset({"transpose"})))
    as_transpose = replace(case, expression="x.T", tags=frozenset({"slice"}))
    assert not transpose.selects(as_transpose)  # tags win over what the text looks like


def test_myths_say_in_which_versions_each_claim_held():
    from conformance.site.model import build_model
    from conformance.site.pages import myths

    site = build_model(load_results_many([FIXTURES / "numpy-2.3.0.json", FIXTURES / "numpy.json"]))
    page = myths.render(site)
    lines = re.findall(r'class="cv-by-version">(.*?)</p>', page)
    assert len(lines) == 12  # one per claim, for the library given at two versions
    assert all(re.search(r"2\.3\.0 .*2\.4\.6 ", line) for line in lines)
