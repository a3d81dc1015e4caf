"""The operation catalogue: one declaration per operation, covering both surfaces."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.adapters.reference_adapter import adapter as oracle
from conformance.model.cases import curated_cases
from conformance.model.catalogue import BY_ID, CATALOGUE
from conformance.model.inputs import ALL_INPUTS
from conformance.vocabulary import Rule


def test_operation_ids_are_unique() -> None:
    assert len(BY_ID) == len(CATALOGUE)


def test_every_rule_is_a_known_array_api_rule() -> None:
    assert {op.rule for op in CATALOGUE} - {None} <= set(Rule)


def test_every_operation_applies_to_some_input_and_its_template_formats() -> None:
    for op in CATALOGUE:
        applicable = [spec for spec in ALL_INPUTS if op.applies(spec)]
        assert applicable, op.id
        for spec in applicable:
            source = op.source(spec, "np")
            compile(source, op.id, "exec")


def test_the_array_api_copy_rules_are_all_covered() -> None:
    covered = {(op.id, op.rule) for op in CATALOGUE if op.rule}
    for needed in (
        "asarray-copy-true",
        "asarray-copy-false",
        "xp-astype-same",
        "xp-astype-same-copy-false",
        "xp-reshape-flat-copy-true",
        "xp-reshape-flat-copy-false",
        "from-dlpack-copy-true",
        "from-dlpack-copy-false",
        "dunder-dlpack-copy-true",
        "dunder-dlpack-copy-false",
        "iadd-one",
        "setitem-all",
    ):
        assert any(op_id == needed for op_id, _ in covered), needed


def test_case_ids_are_stable_and_unique() -> None:
    ids = [case.id for case in curated_cases()]
    assert len(ids) == len(set(ids))
    assert "reshape-flat[strided-cols-2d-float64]" in ids


FANCY_ASSIGNMENTS = (
    "setitem-int-list",
    "setitem-int-array",
    "setitem-bool-mask",
    "setitem-repeated-index",
)


@pytest.mark.parametrize("op_id", FANCY_ASSIGNMENTS)
def test_fancy_assignment_changes_the_original_on_the_oracle(op_id: str) -> None:
    # The myths page reads "values as NumPy's" as "the original changed": true only if the
    # oracle's assignment changes a value of every input it applies to.
    op = BY_ID[op_id]
    assert op.statement and op.values_matter and not op.chainable
    for spec in (s for s in ALL_INPUTS if op.applies(s) and not s.readonly and not s.align):
        x = oracle.build(spec.recipe())
        before = oracle.to_host(x)
        y = op.run(oracle.namespace(op.api), x, spec)
        assert y is x, spec.id
        assert not np.array_equal(oracle.to_host(x), before), spec.id


def test_repeated_index_in_place_add_adds_once_on_the_oracle() -> None:
    op = BY_ID["setitem-repeated-index"]
    spec = next(s for s in ALL_INPUTS if s.id == "contiguous-1d-float64")  # 0, 1, 2, ...
    y = op.run(oracle.namespace(op.api), oracle.build(spec.recipe()), spec)
    assert oracle.to_host(y).tolist() == [1, 1, 2, 3, 4, 5]
