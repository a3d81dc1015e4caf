"""Layout helpers against NumPy: contiguity flags, fresh-array strides, keep-order strides and
the iterator's axis order."""

from __future__ import annotations

import itertools

import numpy
import pytest

from reference_impl.layout import (
    Layout,
    contiguous_strides,
    dense_strides,
    is_contiguous,
    iteration_order,
    keep_order_strides,
)


def _layout(a: numpy.ndarray) -> Layout:
    return Layout(0, a.shape, a.strides, a.itemsize)


def _views() -> list[numpy.ndarray]:
    base = numpy.arange(48.0).reshape(2, 4, 6)
    out = []
    for perm in itertools.permutations(range(3)):
        t = base.transpose(perm)
        out += [t, t[:, ::-1], t[::2], t[:1], t[:, :0], t[..., 1:2]]
    return out


@pytest.mark.parametrize("index", range(36))
def test_contiguity_flags_match_numpy(index: int) -> None:
    a = _views()[index]
    assert is_contiguous(_layout(a), "C") == a.flags.c_contiguous
    assert is_contiguous(_layout(a), "F") == a.flags.f_contiguous


def _nonempty_views() -> list[numpy.ndarray]:
    # Fresh empty arrays get zero strides in NumPy 2 (see `allocate`), not these helpers'.
    return [a for a in _views() if a.size]


@pytest.mark.parametrize("index", range(30))
def test_keep_order_strides_match_numpy_copy_k(index: int) -> None:
    a = _nonempty_views()[index]
    assert keep_order_strides(_layout(a)) == numpy.copy(a, order="K").strides


@pytest.mark.parametrize("shape", [(2, 3), (0, 3), (3, 0, 2), (1, 1), ()])
def test_contiguous_strides_of_a_view_shape(shape: tuple[int, ...]) -> None:
    base = numpy.arange(max(1, int(numpy.prod(shape))), dtype=numpy.int32)[: int(numpy.prod(shape))]
    assert contiguous_strides(shape, 4) == base.reshape(shape).strides
    assert contiguous_strides(shape, 4, "F") == base.reshape(shape, order="F").strides


@pytest.mark.parametrize("index", range(30))
def test_iteration_order_gives_numpy_where_output_strides(index: int) -> None:
    # np.where always goes through the iterator (ufuncs may take a trivial path first).
    a = _nonempty_views()[index]
    b = a[..., ::-1].transpose(2, 0, 1)[..., :1].transpose(1, 2, 0)  # a second operand
    for x, y in ((a, 0.0), (a, b), (b, a)):
        out = numpy.where(True, x, y)
        order = iteration_order(
            out.shape,
            [numpy.broadcast_to(v, out.shape).strides for v in (numpy.asarray(True), x, y)],
        )
        assert dense_strides(out.shape, order, 8) == out.strides


def test_extent_of_a_negative_stride_layout() -> None:
    assert Layout(40, (3, 2), (-16, 8), 8).extent == (8, 56)
    assert Layout(40, (0, 2), (-16, 8), 8).extent == (40, 40)
