"""shares_memory and may_share_memory against NumPy: exact byte overlap on the real addresses,
bounds-only may_share_memory, max_work limits, empty arrays and non-array inputs."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from numpy_compare import assert_same_behaviour

import reference_impl as ref


def vector(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(12.0),)


def cube(xp: Any) -> tuple[Any, ...]:
    return (xp.zeros((3, 12, 12), dtype=xp.int8),)


CASES = {
    "interleaved slices": (vector, lambda xp, a: xp.shares_memory(a[::2], a[1::2])),
    "interleaved slices may share": (vector, lambda xp, a: xp.may_share_memory(a[::2], a[1::2])),
    "bytes of a wider item": (vector, lambda xp, a: xp.shares_memory(a.view(xp.int8)[1::8], a)),
    "empty view never shares": (vector, lambda xp, a: xp.shares_memory(a[5:5], a)),
    "empty view never may-share": (vector, lambda xp, a: xp.may_share_memory(a[3:3], a[3:3])),
    "separate arrays": (vector, lambda xp, a: xp.shares_memory(a, a.copy())),
    "a list is converted first": (vector, lambda xp, a: xp.shares_memory(a, [1.0, 2.0])),
    "copying reshape shares nothing": (
        vector,
        lambda xp, a: xp.shares_memory(a.reshape(3, 4).T.reshape(12), a),
    ),
    "too hard with little work": (
        cube,
        lambda xp, a: xp.shares_memory(a[:, ::2, ::3], a[:, ::3, ::2], max_work=1),
    ),
    "enough work": (
        cube,
        lambda xp, a: xp.shares_memory(a[:, ::2, ::3], a[:, ::3, ::2], max_work=3),
    ),
    "max_work=0 raises when extents overlap": (
        vector,
        lambda xp, a: xp.shares_memory(a[::2], a[1::2], max_work=0),
    ),
    "may_share_memory with work": (
        vector,
        lambda xp, a: xp.may_share_memory(a[::2], a[1::2], max_work=10),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_sharing_matches_numpy(case: str) -> None:
    build, op = CASES[case]
    assert assert_same_behaviour(build, op, case).kind in ("scalar", "error")


def test_reference_and_numpy_agree_across_libraries_on_the_same_bytes() -> None:
    a = ref.arange(24.0).reshape(4, 6)
    n = numpy.asarray(a)
    assert numpy.shares_memory(n[::2], numpy.asarray(a[::2, ::-1]))
    assert not numpy.shares_memory(numpy.asarray(a[::2]), numpy.asarray(a[1::2]))
    assert ref.shares_memory(a[1:, 2], a.T[2])
