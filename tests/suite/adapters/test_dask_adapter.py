"""The Dask adapter: no memory witness; writes are judged by what computed results show."""

from __future__ import annotations

import numpy as np
import pytest

da = pytest.importorskip("dask.array", reason="dask is not installed (pip install copyview[dask])")

from conformance.adapters import load  # noqa: E402
from conformance.adapters.dask_adapter import DaskAdapter  # noqa: E402
from conformance.model.cases import single  # noqa: E402
from conformance.model.catalogue import BY_ID  # noqa: E402
from conformance.model.inputs import ALL_INPUTS  # noqa: E402
from conformance.observe.observer import observe  # noqa: E402

INPUTS = {spec.id: spec for spec in ALL_INPUTS}


@pytest.fixture(scope="module")
def adapter() -> DaskAdapter:
    return load("dask")


def see(adapter: DaskAdapter, op: str, input_id: str):
    return observe(adapter, single(BY_ID[op], INPUTS[input_id]))


def test_capabilities_declare_a_lazy_library_without_claims(adapter: DaskAdapter) -> None:
    caps = adapter.capabilities
    assert caps.lazy and caps.mutable and not caps.has_base and not caps.has_shares_memory


def test_memory_is_unknown_for_a_task_graph(adapter: DaskAdapter) -> None:
    assert adapter.memory(adapter.from_host(np.arange(4.0))) is None


def test_inputs_are_built_with_the_recipe_values(adapter: DaskAdapter) -> None:
    spec = INPUTS["strided-cols-2d-float64"]
    x = adapter.build(spec.recipe())
    np.testing.assert_array_equal(adapter.to_host(x), np.arange(24.0).reshape(4, 6)[:, ::2])
    assert adapter.shape(x) == (4, 3) and adapter.dtype_name(x) == "float64"


def test_from_host_does_not_alias_the_host_array(adapter: DaskAdapter) -> None:
    host = np.arange(4.0)
    x = adapter.from_host(host)
    host[0] = 99.0
    assert adapter.read(x, (0,)) == 0.0


def test_a_write_through_the_input_does_not_reach_an_earlier_transpose(
    adapter: DaskAdapter,
) -> None:
    seen = see(adapter, "T", "contiguous-2d-float64")
    assert seen.mutation.forward is False and seen.mutation.backward is False
    assert seen.memory is None and seen.cls == "unknown"


def test_write_then_read_back_goes_through_the_graph(adapter: DaskAdapter) -> None:
    x = adapter.from_host(np.arange(6.0).reshape(2, 3))
    adapter.write(x, (1, 2), -1.0)
    assert adapter.read(x, (1, 2)) == -1.0
    adapter.assign(x, np.zeros((2, 3)))
    np.testing.assert_array_equal(adapter.to_host(x), np.zeros((2, 3)))


def test_shape_of_a_boolean_mask_result_is_computed(adapter: DaskAdapter) -> None:
    x = adapter.from_host(np.arange(6.0))
    y = x[x > 2]
    assert np.isnan(y.shape[0]) and adapter.shape(y) == (3,)


def test_asarray_without_copy_returns_the_input_itself(adapter: DaskAdapter) -> None:
    assert see(adapter, "asarray", "contiguous-2d-float64").cls == "same-object"
