"""The JAX adapter: buffer addresses and layouts, immutability, and what JAX really does."""

from __future__ import annotations

import numpy as np
import pytest

jax = pytest.importorskip("jax", reason="jax is not installed (pip install copyview[jax])")

from conformance.adapters import load  # noqa: E402
from conformance.adapters.base import InputRecipe  # noqa: E402
from conformance.adapters.jax_adapter import JaxAdapter, byte_strides  # noqa: E402
from conformance.model.cases import single  # noqa: E402
from conformance.model.catalogue import BY_ID  # noqa: E402
from conformance.model.inputs import ALL_INPUTS  # noqa: E402
from conformance.observe.observer import observe  # noqa: E402

INPUTS = {spec.id: spec for spec in ALL_INPUTS}


@pytest.fixture(scope="module")
def adapter() -> JaxAdapter:
    return load("jax")


def see(adapter: JaxAdapter, op: str, input_id: str):
    return observe(adapter, single(BY_ID[op], INPUTS[input_id]))


def test_capabilities_declare_an_immutable_library(adapter: JaxAdapter) -> None:
    caps = adapter.capabilities
    assert caps.immutable and not caps.mutable and not caps.has_base
    assert adapter.promised_profiles == ("array-api", "consistency")


def test_float64_survives_because_x64_is_enabled(adapter: JaxAdapter) -> None:
    x = adapter.from_host(np.arange(4.0))
    assert adapter.dtype_name(x) == "float64"
    assert adapter.dtype_name(adapter.from_host(np.arange(4))) == "int64"


def test_memory_is_the_device_buffer_in_row_major_order(adapter: JaxAdapter) -> None:
    x = adapter.from_host(np.arange(24, dtype=np.int32).reshape(2, 3, 4))
    report = adapter.memory(x)
    assert report.layout.offset == x.unsafe_buffer_pointer()
    assert report.layout.strides == (48, 16, 4) and report.layout.itemsize == 4
    assert report.readonly is True
    assert np.from_dlpack(x).__array_interface__["data"][0] == report.layout.offset


def test_a_permuted_input_is_a_fresh_row_major_buffer(adapter: JaxAdapter) -> None:
    x = adapter.build(InputRecipe(np.arange(12.0).reshape(3, 4), (("permute", (1, 0)),), "float64"))
    assert adapter.memory(x).layout.strides == (24, 8)
    np.testing.assert_array_equal(adapter.to_host(x), np.arange(12.0).reshape(3, 4).T)


@pytest.mark.parametrize(
    ("shape", "order", "strides"),
    [((2, 3), (0, 1), (24, 8)), ((2, 3), (1, 0), (8, 16)), ((0, 3), (0, 1), (24, 8)), ((), (), ())],
)
def test_byte_strides_follow_major_to_minor(shape, order, strides) -> None:
    assert byte_strides(shape, order, 8) == strides


def test_writes_raise_because_jax_arrays_are_immutable(adapter: JaxAdapter) -> None:
    x = adapter.from_host(np.arange(3.0))
    with pytest.raises(TypeError):
        adapter.write(x, (0,), 1.0)
    with pytest.raises(TypeError):
        adapter.fill(x, 1.0)


def test_transpose_allocates_a_new_buffer(adapter: JaxAdapter) -> None:
    seen = see(adapter, "T", "contiguous-2d-float64")
    assert seen.cls == "immutable" and seen.memory is False
    assert seen.mutation.forward is None  # the mutation witness never runs on JAX


def test_asarray_without_copy_returns_the_input_itself(adapter: JaxAdapter) -> None:
    assert see(adapter, "asarray", "contiguous-2d-float64").cls == "same-object"


def test_asarray_copy_true_really_copies(adapter: JaxAdapter) -> None:
    seen = see(adapter, "asarray-copy-true", "contiguous-2d-float64")
    assert seen.cls == "immutable" and seen.memory is False


def test_from_dlpack_copy_true_reuses_the_buffer(adapter: JaxAdapter) -> None:
    # What jax 0.10 does (a known deviation from the standard's must-copy rule).
    seen = see(adapter, "from-dlpack-copy-true", "contiguous-2d-float64")
    assert seen.memory is True


def test_astype_to_the_same_dtype_returns_the_input(adapter: JaxAdapter) -> None:
    assert see(adapter, "xp-astype-same", "contiguous-2d-float64").cls == "same-object"


def test_in_place_add_rebinds_to_a_new_array(adapter: JaxAdapter) -> None:
    seen = see(adapter, "iadd-one", "contiguous-2d-float64")
    assert seen.cls == "immutable" and seen.memory is False
