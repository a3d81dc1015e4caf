"""An adapter's own operations (``Adapter.operations``) run as cases of that backend only."""

from __future__ import annotations

import pytest

from conformance.adapters import load
from conformance.adapters.base import NUMPY_API, Adapter
from conformance.model.cases import Case, library_cases
from conformance.model.catalogue import CATALOGUE
from conformance.model.operations import Operation
from conformance.run.engine import observe_both, oracle_adapter, run_case
from conformance.vocabulary import PROFILES

memoryview_adapter = load("memoryview")
numpy_adapter = load("numpy")


def test_the_contract_declares_no_operations_by_default() -> None:
    assert Adapter.operations == ()
    assert load("reference_impl").operations == ()


def test_library_cases_have_stable_ids_and_resolve_their_own_operations() -> None:
    cases = library_cases(memoryview_adapter.operations)
    ids = [case.id for case in cases]
    assert "memoryview-toreadonly[contiguous-1d-float64]" in ids
    assert len(ids) == len(set(ids))
    again = Case.from_json(cases[0].to_json(), memoryview_adapter.operations)
    assert again.id == cases[0].id and not again.in_catalogue
    assert again.operations == cases[0].operations


def test_library_cases_only_cover_inputs_their_operations_apply_to() -> None:
    cast = next(op for op in memoryview_adapter.operations if op.id == "memoryview-cast-bytes")
    dtypes = {case.input.dtype for case in library_cases((cast,))}
    assert dtypes and not any(d.startswith("complex") for d in dtypes)


def test_an_operation_reusing_a_catalogue_id_is_refused() -> None:
    clash = Operation(CATALOGUE[0].id, "copy", NUMPY_API, "{x}", lambda xp, x: x)
    with pytest.raises(ValueError, match=CATALOGUE[0].id):
        library_cases((clash,))


def test_a_library_case_has_no_expectation_but_is_judged_for_consistency() -> None:
    case = next(
        c
        for c in library_cases(memoryview_adapter.operations)
        if c.id == "memoryview-toreadonly[contiguous-1d-float64]"
    )
    record = run_case(memoryview_adapter, oracle_adapter(), case, PROFILES)
    _, observed = observe_both(memoryview_adapter, oracle_adapter(), case)
    assert record["expected"] is None
    assert observed.cls == "read-only-view"
    assert record["verdicts"]["numpy"]["verdict"] == "not-applicable"
    assert record["verdicts"]["array-api"]["verdict"] == "not-applicable"
    assert record["verdicts"]["consistency"]["verdict"] == "pass"
