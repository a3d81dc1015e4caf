"""The sparse adapter: COO has no dense buffer and no writes; DOK writes stay in the DOK."""

from __future__ import annotations

import pytest

sparse = pytest.importorskip("sparse")

from conformance.adapters.sparse_adapter import OPERATIONS, adapter  # noqa: E402
from conformance.model.inputs import InputSpec  # noqa: E402
from conformance.model.operations import Shape  # noqa: E402
from conformance.run.exchange import observe_pair  # noqa: E402

MATRIX = InputSpec("contiguous-2d-float64", "float64", (3, 4))
BY_OP = {op.id: op for op in OPERATIONS}


def test_coo_has_no_memory_layout_and_refuses_writes() -> None:
    x = adapter.build(MATRIX.recipe())
    assert adapter.memory(x) is None
    with pytest.raises(TypeError):
        x[0, 0] = 1.0


def test_new_arrays_are_immutable_class() -> None:
    x = adapter.build(MATRIX.recipe())
    assert observe_pair(adapter, x, adapter, x.T).cls == "immutable"


def test_asarray_returns_the_input_itself() -> None:
    x = adapter.build(MATRIX.recipe())
    assert observe_pair(adapter, x, adapter, sparse.asarray(x)).cls == "same-object"


def test_writes_into_a_dok_conversion_do_not_reach_the_coo() -> None:
    x = adapter.build(MATRIX.recipe())
    dok = x.asformat("dok")
    dok[0, 1] = 99.0
    assert adapter.to_host(x)[0, 1] == 1.0


def test_only_a_dense_result_has_a_layout() -> None:
    x = adapter.build(MATRIX.recipe())
    dense = x.todense()
    assert adapter.memory(dense) is not None and adapter.memory(x) is None


@pytest.mark.parametrize(
    ("op_id", "expected"),
    [
        ("sparse-asformat-coo", "same-object"),
        ("sparse-asformat-dok", "immutable"),
        ("sparse-copy", "immutable"),
        ("sparse-todense", "immutable"),
    ],
)
def test_sparse_conversions_have_their_known_class(op_id: str, expected: str) -> None:
    x = adapter.build(MATRIX.recipe())
    y = BY_OP[op_id].run(sparse, x, Shape(MATRIX.shape, MATRIX.dtype))
    assert observe_pair(adapter, x, adapter, y).cls == expected
