"""Flags against NumPy: owndata, writeable (and setting it), contiguity, key access."""

from __future__ import annotations

from typing import Any

import pytest
from numpy_compare import assert_same_behaviour


def matrix(xp: Any) -> tuple[Any, ...]:
    return (xp.arange(12.0).reshape(3, 4),)


def _flags(view: Any) -> Any:
    def op(xp: Any, a: Any) -> Any:
        f = view(xp, a).flags
        return (
            f["C_CONTIGUOUS"],
            f["F_CONTIGUOUS"],
            f["OWNDATA"],
            f["WRITEABLE"],
            f.c_contiguous,
            f.f_contiguous,
            f.owndata,
            f.writeable,
        )

    return op


VIEWS = {
    "owner": lambda xp, a: a.base,
    "reshaped view": lambda xp, a: a,
    "transposed": lambda xp, a: a.T,
    "unit axes ignored": lambda xp, a: a[:, :1],
    "empty is both contiguous": lambda xp, a: a[:, 1:1],
    "strided": lambda xp, a: a[::2],
    "negative stride": lambda xp, a: a[::-1],
    "broadcast": lambda xp, a: xp.broadcast_to(a, (2, 3, 4)),
    "copying reshape": lambda xp, a: a.T.reshape(12),
}


@pytest.mark.parametrize("case", VIEWS)
def test_flags_match_numpy(case: str) -> None:
    assert assert_same_behaviour(matrix, _flags(VIEWS[case]), case).kind == "sequence"


def _set_writeable(view: Any, value: bool) -> Any:
    def op(xp: Any, a: Any) -> Any:
        v = view(xp, a)
        v.flags.writeable = value
        return v.flags.writeable

    return op


SETS = {
    "clear on a view": (lambda xp, a: a[1:], False),
    "set again on a view of a writeable array": (lambda xp, a: a[1:], True),
    "set on a broadcast view": (lambda xp, a: xp.broadcast_to(a, (2, 3, 4)), True),
    "set on imag of a real array": (lambda xp, a: a.imag, True),
    "set on as_strided": (lambda xp, a: xp.lib.stride_tricks.as_strided(a), True),
}


@pytest.mark.parametrize("case", SETS)
def test_setting_writeable_matches_numpy(case: str) -> None:
    view, value = SETS[case]
    assert assert_same_behaviour(matrix, _set_writeable(view, value), case).kind in (
        "scalar",
        "error",
    )


def test_view_of_a_read_only_owner_cannot_become_writeable() -> None:
    def op(xp: Any, a: Any) -> None:
        a.base.flags.writeable = False
        a[1:].flags.writeable = True

    assert assert_same_behaviour(matrix, op, "read-only base").kind == "error"


def test_writes_through_a_cleared_view_fail() -> None:
    def op(xp: Any, a: Any) -> None:
        v = a[1:]
        v.flags.writeable = False
        v[0, 0] = 1.0

    assert assert_same_behaviour(matrix, op, "cleared").kind == "error"


def test_view_of_a_read_only_view_may_become_writeable_when_the_owner_is() -> None:
    def op(xp: Any, a: Any) -> None:
        a.flags.writeable = False
        v = a[1:]  # its base is the owner, which is writeable
        v.flags.writeable = True
        v[0, 0] = 5.0

    assert assert_same_behaviour(matrix, op, "read-only view").kind == "none"
