"""The shared coercion helpers (reference_impl.coerce) and the ndarray constructor refusal,
checked against NumPy where NumPy has the same rule."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.lib.array_utils import normalize_axis_index

import reference_impl as rnp
from reference_impl.coerce import as_shape, normalize_axes, normalize_axis
from reference_impl.exceptions import AxisError


@pytest.mark.parametrize("shape", [3, (2, 3), [4], (), np.int64(5), (np.int8(2), 1)])
def test_shapes_match_numpy(shape: object) -> None:
    assert as_shape(shape) == np.zeros(shape).shape


@pytest.mark.parametrize("shape", [2.0, (2, 1.5)])
def test_float_shapes_are_refused_like_numpy(shape: object) -> None:
    with pytest.raises(TypeError):
        np.zeros(shape)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        as_shape(shape)
    with pytest.raises(TypeError):
        rnp.zeros(shape)


@pytest.mark.parametrize(("axis", "ndim"), [(0, 1), (-1, 3), (2, 3), (-3, 3)])
def test_axes_normalize_like_numpy(axis: int, ndim: int) -> None:
    assert normalize_axis(axis, ndim) == normalize_axis_index(axis, ndim)


@pytest.mark.parametrize(("axis", "ndim"), [(3, 3), (-4, 3), (0, 0)])
def test_out_of_range_axis_has_numpy_message(axis: int, ndim: int) -> None:
    with pytest.raises(np.exceptions.AxisError) as expected:
        normalize_axis_index(axis, ndim)
    with pytest.raises(AxisError) as got:
        normalize_axis(axis, ndim)
    assert str(got.value) == str(expected.value)


def test_repeated_axes_are_refused() -> None:
    assert normalize_axes((0, -1), 3) == (0, 2)
    with pytest.raises(ValueError, match="repeated axis"):
        normalize_axes((1, -2), 3)
    with pytest.raises(ValueError, match="repeated axis"):
        np.transpose(np.zeros((1, 1, 1)), (1, 1, 0))


def test_ndarray_cannot_be_built_directly() -> None:
    with pytest.raises(TypeError, match="creation function"):
        rnp.ndarray()
    with pytest.raises(TypeError):
        rnp.ndarray((2, 3))
    assert isinstance(rnp.zeros(2), rnp.ndarray)
