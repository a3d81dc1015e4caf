"""The numpy.ma adapter: data and mask are both observed; .base never names the masked input."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.adapters.numpy_ma_adapter import adapter
from conformance.model.inputs import InputSpec
from conformance.run.exchange import observe_pair

VECTOR = InputSpec("contiguous-1d-float64", "float64", (6,))


def _x() -> np.ma.MaskedArray:
    return adapter.build(VECTOR.recipe())


def test_inputs_carry_a_real_mask_array() -> None:
    x = _x()
    assert x.mask is not np.ma.nomask and not x.mask.any()


def test_slice_is_a_view_of_data_and_mask() -> None:
    x = _x()
    y = x[::2]
    assert observe_pair(adapter, x, adapter, y).cls == "view"
    y[1] = np.ma.masked
    assert bool(x.mask[2])  # masking through the view masks the input


def test_negation_shares_the_mask_but_not_the_data() -> None:
    x = _x()
    y = -x
    seen = observe_pair(adapter, x, adapter, y)
    assert seen.memory is False  # the data witness: disjoint
    assert seen.mutation.forward is True  # masking x[0] shows in y: the mask is shared
    assert np.shares_memory(np.ma.getmaskarray(x), np.ma.getmaskarray(y))


def test_add_zero_copies_data_and_mask() -> None:
    x = _x()
    assert observe_pair(adapter, x, adapter, x + 0).cls == "copy"


def test_base_of_a_slice_is_an_intermediate_ndarray_not_the_input() -> None:
    x = _x()
    y = x[1:]
    assert type(y.base) is np.ndarray
    assert y.base is not x and y.base is not x.base
    assert adapter.flags(y)["owndata"] is False


def test_masked_elements_read_as_the_marker() -> None:
    x = _x()
    x[0] = np.ma.masked
    host = adapter.to_host(x)
    assert host[0] != 0.0 and np.array_equal(host[1:], np.arange(1.0, 6.0))


def test_view_with_another_itemsize_raises_for_masked_arrays() -> None:
    with pytest.raises(ValueError):
        _x().view("int8")


def test_ma_asarray_copies_a_transposed_masked_array() -> None:
    spec = InputSpec("transposed-2d-float64", "float64", (3, 4), (("permute", (1, 0)),))
    x = adapter.build(spec.recipe())
    assert observe_pair(adapter, x, adapter, np.ma.asarray(x)).cls == "copy"
    assert np.ma.asanyarray(x) is x
