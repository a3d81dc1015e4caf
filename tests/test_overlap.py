"""The overlap solver against NumPy: same answers, same give-up points, same overflow errors.

Views are real NumPy arrays over one shared buffer (slices, transposes, ``as_strided`` with
negative and zero strides, several itemsizes); the reference solver sees only their layouts.
Small layouts are also checked against the plain set of bytes each one touches.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy._core._multiarray_tests import internal_overlap as np_internal_overlap
from numpy._core._multiarray_tests import solve_diophantine as np_solve_diophantine
from numpy.lib.stride_tricks import as_strided

from reference_impl.exceptions import AxisError, TooHardError
from reference_impl.layout import Layout
from reference_impl.overlap import (
    extended_euclid,
    has_internal_overlap,
    layouts_may_share_memory,
    layouts_share_memory,
    solve_diophantine,
)

# In CI the examples are fixed, so a badge never flaps; locally each run explores new ones.
IN_CI = bool(os.environ.get("CI"))
fuzz = settings(
    max_examples=300,
    derandomize=IN_CI,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Every view is carved out of this one buffer, so any two of them may share bytes. The solver
# reads addresses only, never the bytes, so views may reach outside it.
BUFFER = np.zeros(4096, dtype=np.uint8)
# A 3-d int16 array over the buffer, for views made by ordinary slicing.
GRID = BUFFER[: 6 * 7 * 8 * 2].view(np.int16).reshape(6, 7, 8)

TOO_HARD = "too hard"
OVERFLOW = "overflow"
INVALID = "invalid"
ERROR = "error"


def layout_of(array: np.ndarray) -> Layout:
    """The layout of a NumPy array, with its absolute data address as offset."""
    address = array.__array_interface__["data"][0]
    return Layout(address, array.shape, array.strides, array.itemsize)


def outcome(function: Callable[..., object], *args: object, **kwargs: object) -> object:
    """The result of ``function(*args, **kwargs)``, or a word for how it gave up (NumPy's and
    ours alike)."""
    try:
        return function(*args, **kwargs)
    except (TooHardError, np.exceptions.TooHardError):
        return TOO_HARD
    except OverflowError:
        return OVERFLOW
    except ValueError as error:
        # NumPy's internal_overlap test helper reports too much work as a ValueError...
        return TOO_HARD if str(error) == "Exceeded max_work" else INVALID
    except RuntimeError as error:
        # ...and its solve_diophantine helper as a plain RuntimeError.
        return TOO_HARD if str(error) == "Too much work done" else ERROR


def touched_bytes(array: np.ndarray) -> set[int]:
    """Every byte address the array's elements cover (brute force, for small arrays only)."""
    base = array.__array_interface__["data"][0]
    return {
        base + sum(i * s for i, s in zip(index, array.strides, strict=True)) + byte
        for index in itertools.product(*(range(n) for n in array.shape))
        for byte in range(array.itemsize)
    }


@dataclass(frozen=True, eq=False)
class View:
    """An array drawn by a strategy, printed by its layout.

    ``as_strided`` views may point outside any allocation: the solver never reads them, but
    printing one as an array would, and could crash the test run while reporting a failure.
    """

    array: np.ndarray

    @property
    def layout(self) -> Layout:
        return layout_of(self.array)

    def __repr__(self) -> str:
        return f"View({self.layout!r})"


# --- strategies ---------------------------------------------------------------------------


@st.composite
def strided_views(draw: st.DrawFn) -> View:
    """``as_strided`` over the buffer: any shape and strides, negative and zero included."""
    itemsize = draw(st.sampled_from([1, 2, 3, 4, 8]), label="itemsize")
    ndim = draw(st.integers(0, 4), label="ndim")
    shape = draw(st.lists(st.integers(0, 6), min_size=ndim, max_size=ndim), label="shape")
    # Mostly whole-item strides, as real arrays have, but byte strides too.
    stride = st.one_of(st.integers(-6, 6).map(lambda k: k * itemsize), st.integers(-30, 30))
    strides = draw(st.lists(stride, min_size=ndim, max_size=ndim), label="strides")
    offset = draw(st.integers(0, 600), label="offset")
    return View(as_strided(_item_at(offset, itemsize), shape=tuple(shape), strides=tuple(strides)))


@st.composite
def tangled_views(draw: st.DrawFn) -> View:
    """Larger ``as_strided`` views with byte strides, close together: real searches."""
    itemsize = draw(st.sampled_from([1, 2, 4]), label="itemsize")
    ndim = draw(st.integers(2, 4), label="ndim")
    shape = draw(st.lists(st.integers(2, 12), min_size=ndim, max_size=ndim), label="shape")
    stride = st.integers(1, 60).flatmap(lambda m: st.sampled_from([m, -m]))
    strides = draw(st.lists(stride, min_size=ndim, max_size=ndim), label="strides")
    offset = draw(st.integers(0, 32), label="offset")
    return View(as_strided(_item_at(offset, itemsize), shape=tuple(shape), strides=tuple(strides)))


def _item_at(offset: int, itemsize: int) -> np.ndarray:
    """A one-item array of the given itemsize at ``offset`` bytes into the buffer."""
    return BUFFER[offset : offset + itemsize].view(np.dtype((np.void, itemsize)))


@st.composite
def sliced_views(draw: st.DrawFn) -> View:
    """Basic slicing of a 3-d array (any steps), transposed, maybe reread as bytes."""
    index = []
    for n in GRID.shape:
        start = draw(st.integers(0, n), label="start")
        stop = draw(st.integers(0, n), label="stop")
        step = draw(st.sampled_from([1, 1, 2, 3, -1, -2, -3]), label="step")
        index.append(slice(start, stop, step))
    view = GRID[tuple(index)]
    view = view.transpose(draw(st.permutations(range(view.ndim)), label="axes"))
    if draw(st.booleans(), label="as bytes"):
        # A last axis that is not contiguous cannot be reread: keep the int16 view then.
        with contextlib.suppress(ValueError):
            view = view.view(np.int8)
    return View(view)


views = st.one_of(strided_views(), sliced_views())


def small(view: View) -> bool:
    return view.array.size * view.array.itemsize <= 400


# --- shares_memory and may_share_memory on random view pairs ------------------------------


@fuzz
@given(views, views)
def test_share_memory_matches_numpy_at_every_max_work(a: View, b: View) -> None:
    for max_work in (None, -1, -2, *range(8)):
        expected = outcome(np.shares_memory, a.array, b.array, max_work=max_work)
        got = outcome(layouts_share_memory, a.layout, b.layout, max_work)
        assert got == expected, f"max_work={max_work}: {got!r}, numpy says {expected!r}"


def least_sufficient_max_work(call: Callable[[int], object], cap: int) -> int | None:
    """The smallest ``max_work`` for which ``call`` does not give up (None if over ``cap``)."""
    for max_work in range(cap + 1):
        if outcome(call, max_work) != TOO_HARD:
            return max_work
    return None


@fuzz
@given(tangled_views(), tangled_views())
def test_share_memory_gives_up_at_exactly_numpys_work(a: View, b: View) -> None:
    # The search counts one unit per dead end; any miscount moves the give-up point.
    cap = 300
    needed = least_sufficient_max_work(
        lambda w: np.shares_memory(a.array, b.array, max_work=w), cap
    )
    if needed is None:
        assert outcome(layouts_share_memory, a.layout, b.layout, cap) == TOO_HARD
        return
    if needed > 0:
        assert outcome(layouts_share_memory, a.layout, b.layout, needed - 1) == TOO_HARD
    expected = np.shares_memory(a.array, b.array, max_work=needed)
    assert layouts_share_memory(a.layout, b.layout, needed) == expected


@fuzz
@given(views, views)
def test_may_share_memory_matches_numpy(a: View, b: View) -> None:
    for max_work in (None, -1, 0, 1, 2, 5):
        expected = np.may_share_memory(a.array, b.array, max_work=max_work)
        got = layouts_may_share_memory(a.layout, b.layout, max_work)
        assert got == expected, f"max_work={max_work}: {got!r}, numpy says {expected!r}"


@fuzz
@given(views.filter(small), views.filter(small))
def test_share_memory_is_byte_set_intersection(a: View, b: View) -> None:
    expected = bool(touched_bytes(a.array) & touched_bytes(b.array))
    assert layouts_share_memory(a.layout, b.layout) == expected


@fuzz
@given(views)
def test_view_shares_memory_with_itself_unless_empty(a: View) -> None:
    assert layouts_share_memory(a.layout, a.layout) == (a.array.size > 0)


# --- internal overlap ---------------------------------------------------------------------


@fuzz
@given(st.one_of(views, tangled_views()))
def test_internal_overlap_matches_numpy_at_every_max_work(a: View) -> None:
    expected = outcome(np_internal_overlap, a.array)
    assert outcome(has_internal_overlap, a.layout) == expected
    for max_work in (-1, -2, *range(6)):
        expected = outcome(np_internal_overlap, a.array, max_work=max_work)
        got = outcome(has_internal_overlap, a.layout, max_work)
        assert got == expected, f"max_work={max_work}: {got!r}, numpy says {expected!r}"


@fuzz
@given(views.filter(small))
def test_internal_overlap_is_a_repeated_byte(a: View) -> None:
    base = a.layout.offset
    seen: set[int] = set()
    repeated = False
    for index in itertools.product(*(range(n) for n in a.array.shape)):
        start = base + sum(i * s for i, s in zip(index, a.array.strides, strict=True))
        item = set(range(start, start + a.array.itemsize))
        repeated = repeated or bool(seen & item)
        seen |= item
    assert has_internal_overlap(a.layout) == repeated


def test_slices_of_a_contiguous_array_never_overlap_internally() -> None:
    for view in (GRID[::2, 1:, ::-3], GRID.transpose(2, 0, 1)[1:4], GRID[:, 3], GRID[..., ::-1]):
        assert not has_internal_overlap(layout_of(view))


@pytest.mark.parametrize(
    ("strides", "shape", "expected"),
    [
        ((3, 4), (4, 4), False),
        ((3, 4), (5, 4), True),
        ((0,), (0,), False),
        ((0,), (1,), False),
        ((0,), (2,), True),
        ((0, -9993), (87, 22), True),
        ((0, -9993), (1, 22), False),
        ((0, -9993), (0, 22), False),
    ],
)
def test_internal_overlap_of_numpy_manual_cases(strides, shape, expected) -> None:
    x = np.zeros(1, dtype=np.int8)
    a = as_strided(x, strides=strides, shape=shape)
    assert np_internal_overlap(a) == expected
    assert has_internal_overlap(layout_of(a)) == expected


def test_internal_overlap_with_midpoint_sum_beyond_int64_is_an_error_like_numpy() -> None:
    a = as_strided(np.zeros(1, dtype=np.int8), shape=(3, 3), strides=(2**62, 1))
    with pytest.raises(RuntimeError, match="Error in computing overlap"):
        np_internal_overlap(a)
    with pytest.raises(RuntimeError, match="Error in computing overlap"):
        has_internal_overlap(layout_of(a))


# --- the Diophantine solver itself --------------------------------------------------------


@st.composite
def diophantine_problems(draw: st.DrawFn) -> tuple[list[tuple[int, int]], int]:
    """Random bounded equations, small and large coefficients alike."""
    n = draw(st.integers(0, 6), label="terms")
    scale = draw(st.sampled_from([10, 1000, 10**6]), label="scale")
    coefficients = draw(st.lists(st.integers(1, scale), min_size=n, max_size=n), label="a")
    bounds = draw(st.lists(st.integers(0, 12), min_size=n, max_size=n), label="u")
    reachable = sum(a * u for a, u in zip(coefficients, bounds, strict=True))
    rhs = draw(st.integers(-1, reachable + 1), label="rhs")
    return list(zip(coefficients, bounds, strict=True)), rhs


@fuzz
@given(diophantine_problems(), st.booleans(), st.sampled_from([-1, 1, 2, 3, 5, 20]))
def test_solve_diophantine_finds_numpys_solution(problem, simplify, max_work) -> None:
    terms, rhs = problem
    coefficients = tuple(a for a, _ in terms)
    bounds = tuple(u for _, u in terms)
    expected = outcome(np_solve_diophantine, coefficients, bounds, rhs, max_work, int(simplify))
    got = outcome(solve_diophantine, terms, rhs, max_work, simplify=simplify)
    assert got == expected


@fuzz
@given(diophantine_problems(), st.sampled_from([-1, 1, 2, 4, 10]))
def test_nontrivial_solution_matches_numpy(problem, max_work) -> None:
    terms = [(a, 2 * u) for a, u in problem[0]]
    coefficients = tuple(a for a, _ in terms)
    bounds = tuple(u for _, u in terms)
    expected = outcome(np_solve_diophantine, coefficients, bounds, 0, max_work, 0, 1)
    got = outcome(solve_diophantine, terms, 0, max_work, require_nontrivial=True)
    assert got == expected


def test_wide_intermediates_solve_near_int64_limit() -> None:
    # NumPy's own overflow smoke test: intermediate products exceed int64.
    m = 2**63 - 1
    terms = [(m // 2, m // 2), (m // 2 - 10, m // 2 - 10)]
    assert solve_diophantine(terms, 2 * (m // 2) - 10) == (1, 1)


near_int64 = st.builds(
    lambda k, d: max(1, min(2**k + d, 2**63 - 1)), st.integers(0, 63), st.integers(-5, 5)
)


@fuzz
@given(
    st.lists(st.tuples(near_int64, near_int64), max_size=5),
    st.one_of(near_int64, st.integers(-1, 100)),
    st.integers(1, 40),
)
def test_huge_problems_overflow_exactly_where_numpy_does(terms, rhs, max_work) -> None:
    coefficients = tuple(a for a, _ in terms)
    bounds = tuple(u for _, u in terms)
    for simplify in (False, True):
        expected = outcome(np_solve_diophantine, coefficients, bounds, rhs, max_work, int(simplify))
        got = outcome(solve_diophantine, terms, rhs, max_work, simplify=simplify)
        assert got == expected


@given(st.integers(1, 10**18), st.integers(1, 10**18))
def test_extended_euclid_gives_bounded_bezout_coefficients(a1: int, a2: int) -> None:
    g, gamma, epsilon = extended_euclid(a1, a2)
    assert a1 % g == 0 and a2 % g == 0
    assert gamma * a1 + epsilon * a2 == g
    assert abs(gamma) <= max(1, a2 // g) and abs(epsilon) <= max(1, a1 // g)


@pytest.mark.parametrize(
    ("a1", "a2", "expected"),
    [
        ((240, 46, (2, -9, 47))),
        (7, 7, (7, 0, 1)),
        (12, 4, (4, 0, 1)),
        (4, 12, (4, 1, 0)),
        (99, 78, (3, -11, 14)),
    ],
)
def test_extended_euclid_gives_the_standard_remainder_sequence_coefficients(a1, a2, expected):
    # These fix the coefficients, not just their validity: NumPy's overflow checks see them.
    assert extended_euclid(a1, a2) == expected


# --- fixed cases: NumPy's documentation and test suite ------------------------------------


def test_strided_pair_of_numpy_docs_needs_max_work_3() -> None:
    x = np.zeros([4, 5, 6], dtype=np.int8)
    a, b = layout_of(x[:, ::2, ::3]), layout_of(x[:, ::3, ::2])
    for max_work in (0, 1, 2):
        with pytest.raises(TooHardError):
            layouts_share_memory(a, b, max_work)
    assert layouts_share_memory(a, b, 3)
    assert layouts_share_memory(a, b)
    assert layouts_may_share_memory(a, b, 1)


def test_max_work_zero_with_overlapping_extents_raises_too_hard() -> None:
    x = np.zeros(10)
    with pytest.raises(np.exceptions.TooHardError):
        np.shares_memory(x[::2], x[1::2], max_work=0)
    with pytest.raises(TooHardError):
        layouts_share_memory(layout_of(x[::2]), layout_of(x[1::2]), 0)
    assert layouts_may_share_memory(layout_of(x[::2]), layout_of(x[1::2]))
    assert not layouts_share_memory(layout_of(x[::2]), layout_of(x[1::2]))


def test_too_hard_error_is_a_runtime_error_like_numpys() -> None:
    assert issubclass(TooHardError, RuntimeError)
    assert issubclass(np.exceptions.TooHardError, RuntimeError)


def test_knapsack_case_of_numpy_docs_gives_up_at_the_same_work() -> None:
    # From np.shares_memory's docstring: two non-overlapping views that are very hard to
    # tell apart. zeros() does not touch the pages, so the large buffer costs nothing.
    x = np.zeros([192163377], dtype=np.int8)
    x1 = as_strided(x, strides=(36674, 61119, 85569), shape=(1049, 1049, 1049))
    x2 = as_strided(x[64023025:], strides=(12223, 12224, 1), shape=(1049, 1049, 1))
    l1, l2 = layout_of(x1), layout_of(x2)
    for max_work in (1, 2, 7, 100, 1000):
        expected = outcome(np.shares_memory, x1, x2, max_work=max_work)
        assert outcome(layouts_share_memory, l1, l2, max_work) == expected
    assert layouts_may_share_memory(l1, l2, 1000)


@pytest.mark.parametrize(
    "pick",
    [
        lambda x, xb: (x[:, 0, :], x[:, 1, :]),
        lambda x, xb: (x[:, ::7], x[:, 3::3]),
        lambda x, xb: (x.ravel()[6:6], xb.reshape(13, 21, 23, 11)[:, ::7]),
        lambda x, xb: (x[:, ::7], xb.reshape(13, 21, 23, 11)),
        lambda x, xb: (x[:, ::7], xb.reshape(13, 21, 23, 11)[:, 3::3]),
        lambda x, xb: (x.ravel()[6:7], xb.reshape(13, 21, 23, 11)[:, ::7]),
    ],
)
def test_numpy_manual_cases_under_every_axis_flip(pick) -> None:
    x0 = np.zeros([13, 21, 23, 22], dtype=np.int8)
    for flips in itertools.product([slice(None), slice(None, None, -1)], repeat=4):
        x = x0[flips]
        xb = x.ravel()
        if xb.flags.owndata:
            continue  # ravel copied, so there is nothing to reinterpret
        a, b = pick(x, xb.view(np.int16))
        for max_work in (None, 1, 5):
            expected = outcome(np.shares_memory, a, b, max_work=max_work)
            got = outcome(layouts_share_memory, layout_of(a), layout_of(b), max_work)
            assert got == expected


# --- empty layouts, overflow, max_work validation -----------------------------------------


@pytest.mark.parametrize(
    "empty",
    [np.arange(10)[5:5], np.zeros((3, 0)), np.zeros((0, 4))[:, ::-1], np.zeros((2, 0, 2)).T],
)
def test_empty_arrays_never_share_even_with_themselves(empty: np.ndarray) -> None:
    layout = layout_of(empty)
    assert not np.shares_memory(empty, empty)
    assert not layouts_share_memory(layout, layout)
    assert not layouts_may_share_memory(layout, layout)
    assert not layouts_share_memory(layout, layout, 0)


def test_right_hand_side_beyond_int64_raises_overflow_like_numpy() -> None:
    a = as_strided(np.zeros(1, dtype=np.int8), shape=(2, 2, 2), strides=(2**62, 2**61, 2**61))
    with pytest.raises(OverflowError):
        np.shares_memory(a, a)
    with pytest.raises(OverflowError):
        layouts_share_memory(layout_of(a), layout_of(a))
    # may_share_memory cannot tell, so it must answer "maybe".
    assert np.may_share_memory(a, a, max_work=None)
    assert layouts_may_share_memory(layout_of(a), layout_of(a), -1)


def test_extent_beyond_int64_wraps_as_in_numpy() -> None:
    # stride * (n - 1) == 2**63 wraps negative in NumPy's extent arithmetic, which then
    # sees an empty extent; the reference agrees rather than being "more right".
    x = np.zeros(1, dtype=np.int8)
    a = as_strided(x, shape=(3,), strides=(2**62,))
    assert not np.shares_memory(a, a)
    assert not layouts_share_memory(layout_of(a), layout_of(a))


@st.composite
def giant_views(draw: st.DrawFn) -> View:
    """Views whose strides approach the int64 limit, to reach NumPy's overflow checks."""
    ndim = draw(st.integers(1, 3), label="ndim")
    shape = draw(st.lists(st.integers(1, 4), min_size=ndim, max_size=ndim), label="shape")
    magnitude = st.builds(
        lambda k, d: min(2**k + d, 2**63 - 1), st.integers(56, 63), st.integers(-3, 3)
    )
    stride = st.one_of(magnitude, magnitude.map(lambda m: -m), st.integers(-8, 8))
    strides = draw(st.lists(stride, min_size=ndim, max_size=ndim), label="strides")
    offset = draw(st.integers(0, 64), label="offset")
    return View(as_strided(BUFFER[offset:], shape=tuple(shape), strides=tuple(strides)))


@fuzz
@given(giant_views(), st.one_of(giant_views(), views))
def test_giant_strides_overflow_exactly_where_numpy_does(a: View, b: View) -> None:
    for max_work in (None, 1, 3):
        expected = outcome(np.shares_memory, a.array, b.array, max_work=max_work)
        assert outcome(layouts_share_memory, a.layout, b.layout, max_work) == expected
    expected = np.may_share_memory(a.array, b.array, max_work=-1)
    assert layouts_may_share_memory(a.layout, b.layout, -1) == expected
    expected = outcome(np_internal_overlap, a.array)
    assert outcome(has_internal_overlap, a.layout) == expected


def test_merged_bound_beyond_int64_raises_overflow_like_numpy() -> None:
    terms = [(2**40, 2**40), (2**40 - 1, 2**40), (3, 5)]
    coefficients, bounds = zip(*terms, strict=True)
    with pytest.raises(OverflowError):
        np_solve_diophantine(coefficients, bounds, 2**62)
    with pytest.raises(OverflowError):
        solve_diophantine(terms, 2**62)


class AtAddress:
    """An array description at any address; NumPy computes with the address, never reads it."""

    def __init__(self, address: int, shape: tuple, strides: tuple, itemsize: int) -> None:
        self.__array_interface__ = {
            "data": (address, False),
            "shape": shape,
            "strides": strides,
            "typestr": f"|V{itemsize}",
            "version": 3,
        }


def test_stride_of_minus_two_to_the_63_overflows_like_numpy() -> None:
    # |stride| does not fit in int64; NumPy notices only once the extents overlap, and that
    # takes an address in the upper half of the address space.
    top = 2**63 + 100
    a = np.asarray(AtAddress(top, (2,), (-(2**63),), 1))
    b = np.asarray(AtAddress(top, (), (), 1))
    with pytest.raises(OverflowError):
        np.shares_memory(a, b)
    with pytest.raises(OverflowError):
        layouts_share_memory(layout_of(a), layout_of(b))
    # Disjoint extents are answered before the stride is looked at, by both.
    far = np.asarray(AtAddress(50, (), (), 1))
    assert not np.shares_memory(a, far)
    assert not layouts_share_memory(layout_of(a), layout_of(far))


@pytest.mark.parametrize(
    ("max_work", "error"), [(10**100, OverflowError), (-3, ValueError), (1.5, ValueError)]
)
def test_invalid_max_work_is_refused_like_numpy(max_work, error) -> None:
    x = np.zeros(1)
    with pytest.raises(error):
        np.shares_memory(x, x, max_work=max_work)
    with pytest.raises(error):
        np.may_share_memory(x, x, max_work=max_work)
    with pytest.raises(error):
        layouts_share_memory(layout_of(x), layout_of(x), max_work)
    with pytest.raises(error):
        layouts_may_share_memory(layout_of(x), layout_of(x), max_work)


@pytest.mark.parametrize(
    ("terms", "require_nontrivial"),
    [([(0, 3), (2, 1)], False), ([(3, 2), (-1, 4)], False), ([(3, 2), (2, 3)], True)],
)
def test_invalid_diophantine_problems_are_refused_like_numpy(terms, require_nontrivial) -> None:
    coefficients, bounds = zip(*terms, strict=True)
    with pytest.raises(ValueError):
        np_solve_diophantine(coefficients, bounds, 5, -1, 0, int(require_nontrivial))
    with pytest.raises(ValueError):
        solve_diophantine(terms, 5, require_nontrivial=require_nontrivial)


# --- exceptions shared with NumPy ---------------------------------------------------------


@pytest.mark.parametrize("args", [(3, 2), (-4, 1, "swapaxes"), ("axis 5 is not valid",)])
def test_axis_error_reads_and_pickles_like_numpys(args) -> None:
    ours, theirs = AxisError(*args), np.exceptions.AxisError(*args)
    assert str(ours) == str(theirs)
    assert (ours.axis, ours.ndim) == (theirs.axis, theirs.ndim)
    assert str(pickle.loads(pickle.dumps(ours))) == str(theirs)
    assert isinstance(ours, ValueError) and isinstance(ours, IndexError)
