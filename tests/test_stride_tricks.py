"""as_strided and sliding_window_view against NumPy: views whose base is an internal holder."""

from __future__ import annotations

from typing import Any

import pytest
from numpy_compare import assert_same_behaviour


def vector(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(8.0),)


def st(xp: Any) -> Any:
    return xp.lib.stride_tricks


CASES = {
    "as_strided unchanged": (vector, lambda xp, a: st(xp).as_strided(a), "view"),
    "as_strided zero stride": (vector, lambda xp, a: st(xp).as_strided(a, (3, 4), (0, 8)), "view"),
    "as_strided overlapping windows": (
        vector,
        lambda xp, a: st(xp).as_strided(a, (5, 4), (8, 8)),
        "view",
    ),
    "as_strided read-only": (vector, lambda xp, a: st(xp).as_strided(a, writeable=False), "view"),
    "as_strided of a strided view": (vector, lambda xp, a: st(xp).as_strided(a[::2]), "view"),
    "view of as_strided": (vector, lambda xp, a: st(xp).as_strided(a)[1:], "view"),
    "sliding_window_view": (vector, lambda xp, a: st(xp).sliding_window_view(a, 3), "view"),
    "sliding_window_view 2-d on one axis": (
        lambda xp: (xp.arange(12.0).reshape(3, 4),),
        lambda xp, a: st(xp).sliding_window_view(a, 2, axis=1),
        "view",
    ),
    "sliding_window_view writeable": (
        vector,
        lambda xp, a: st(xp).sliding_window_view(a, 2, writeable=True),
        "view",
    ),
    "sliding_window_view too large": (
        vector,
        lambda xp, a: st(xp).sliding_window_view(a, 9),
        "error",
    ),
    "sliding_window_view negative": (
        vector,
        lambda xp, a: st(xp).sliding_window_view(a, -1),
        "error",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_stride_tricks_match_numpy(case: str) -> None:
    build, op, kind = CASES[case]
    assert assert_same_behaviour(build, op, case).kind == kind


def test_sliding_window_view_refuses_writes() -> None:
    def op(xp: Any, a: Any) -> None:
        st(xp).sliding_window_view(a, 2)[0, 0] = 1.0

    assert assert_same_behaviour(vector, op, "write to a window").kind == "error"
