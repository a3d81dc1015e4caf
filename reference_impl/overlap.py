"""Exact memory overlap of layouts: NumPy's bounded Diophantine solver, in pure Python.

Two layouts share a byte when an element of each, and a byte inside each of those elements,
land on the same address. Flip every negative stride (``x -> n - 1 - x``), drop axes that do
not move (length 1 or stride 0), and treat the byte inside an item as one more variable of
stride 1. The question becomes one linear equation with positive coefficients and bounded
variables::

    a_0 x_0 + a_1 x_1 + ... + a_{n-1} x_{n-1} == rhs,      0 <= x_k <= u_k

Deciding it is NP-hard in general, but this module decides it exactly without visiting
elements, by the algorithm of NumPy's ``numpy/_core/src/common/mem_overlap.c``
(P. Ramachandran, "Use of Extended Euclidean Algorithm in Solving a System of Linear
Diophantine Equations with Bounded Variables", ANTS 2006):

1. *Simplify*: sort terms by coefficient, largest first; add up the bounds of equal
   coefficients; clip each bound to ``rhs // a`` (a larger value overshoots on its own);
   drop variables that are then pinned to 0.
2. *Merge*: fold terms 0..v into one variable whose coefficient is their gcd (extended
   Euclid gives the Bezout pair), so level ``v`` of the search is a two-variable equation.
3. *Search depth-first*: at level ``v``, enumerate the values of ``x_v`` that the
   two-variable equation allows and recurse into level ``v - 1`` with what is left of the
   right-hand side. A gcd that does not divide the right-hand side, or an empty range of
   values, prunes the branch.

The solver counts *work* exactly as NumPy does (one unit per dead end: a pruned branch or a
level whose candidates are exhausted), so ``max_work`` gives up at the same point. Python's
integers never overflow, but NumPy's int64 arithmetic can, and NumPy then gives up with
``OverflowError``; this module raises it in the same cases (a right-hand side, a stride or a
merged bound beyond int64), and wraps extents as NumPy's 64-bit arithmetic does.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from reference_impl.exceptions import TooHardError
from reference_impl.layout import Layout

__all__ = [
    "BOUNDS_ONLY",
    "UNLIMITED",
    "extended_euclid",
    "has_internal_overlap",
    "layouts_may_share_memory",
    "layouts_share_memory",
    "simplify_terms",
    "solve_diophantine",
]

#: ``max_work`` meaning "search as long as it takes" (NumPy's ``MAY_SHARE_EXACT``).
UNLIMITED = -1
#: ``max_work`` meaning "compare extents only" (NumPy's ``MAY_SHARE_BOUNDS``).
BOUNDS_ONLY = 0

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)
_UINT64_MAX = 2**64 - 1

#: A term ``(a, u)`` of the equation: coefficient ``a > 0``, variable ranging over ``0..u``.
Term = tuple[int, int]

_OVERFLOW_MESSAGE = "Integer overflow in computing overlap"
_by_coefficient = itemgetter(0)


# --- public entry points --------------------------------------------------------------------


def layouts_share_memory(a: Layout, b: Layout, max_work: int | None = None) -> bool:
    """Whether two layouts touch a common byte: ``numpy.shares_memory`` on layouts.

    ``max_work=None`` searches exhaustively; ``0`` compares extents only; a positive value
    bounds the search. When the search would exceed the bound, raise ``TooHardError`` (so
    ``max_work=0`` raises for any two layouts whose extents overlap, as NumPy does). A
    right-hand side or intermediate value beyond int64 raises ``OverflowError``.
    """
    return _solve_overlap(a, b, _work_limit(max_work, UNLIMITED))


def layouts_may_share_memory(a: Layout, b: Layout, max_work: int | None = 0) -> bool:
    """``numpy.may_share_memory`` on layouts: no false negatives, false positives allowed.

    With the default ``max_work=0`` (also what ``None`` means here, as in NumPy) only the
    extents are compared. With a positive bound the exact solver runs, and whenever it cannot
    decide (too much work, overflow) the answer is True.
    """
    limit = _work_limit(max_work, BOUNDS_ONLY)
    try:
        return _solve_overlap(a, b, limit)
    except (TooHardError, OverflowError):
        # "Don't know" must never be reported as "no".
        return True


def has_internal_overlap(layout: Layout, max_work: int | None = None) -> bool:
    """Whether two different elements of one layout share a byte.

    NumPy's ``solve_may_have_internal_overlap`` (exposed as
    ``numpy._core._multiarray_tests.internal_overlap``). Elements ``x`` and ``x'`` collide when
    ``sum(a * x) == sum(a * x')``; with ``z = x + (u - x')`` (strides flipped positive) that is
    ``sum(a * z) == sum(a * u)`` with ``0 <= z <= 2u`` and ``z != u``: the same solver, on
    doubled bounds, asked for a solution other than the obvious one.

    Raises ``TooHardError`` past ``max_work`` and ``OverflowError`` on int64 overflow.
    """
    # Note: NumPy's test helper raises ValueError("Exceeded max_work") where this raises
    # TooHardError, so that every overlap question gives up with the same exception.
    limit = _work_limit(max_work, UNLIMITED)
    if _is_c_contiguous(layout):
        return False
    terms: list[Term] = []
    for n, stride in _axes_with_item(layout):
        a, u = _magnitude(stride), n - 1
        if u == 0:
            continue
        if u < 0:
            return False
        if a == 0:
            # A zero stride over two or more positions repeats an element.
            return True
        terms.append((a, 2 * u))
    # Sorted but not simplified: merging equal coefficients would change which solution
    # counts as the trivial one.
    terms.sort(key=_by_coefficient, reverse=True)
    try:
        return _solve(terms, 0, limit, require_nontrivial=True) is not None
    except ValueError:
        # Bounds whose midpoint sum overflows int64 make NumPy report an internal error.
        raise RuntimeError("Error in computing overlap") from None


def solve_diophantine(
    terms: Sequence[Term],
    rhs: int,
    max_work: int | None = None,
    *,
    simplify: bool = False,
    require_nontrivial: bool = False,
) -> tuple[int, ...] | None:
    """Solve ``sum(a * x) == rhs`` with ``0 <= x <= u`` for terms ``(a, u)``; None if infeasible.

    The solution returned is the first the depth-first search meets, in the order of
    ``terms`` (or of the simplified terms, with ``simplify=True``). This mirrors
    ``numpy._core._multiarray_tests.solve_diophantine(A, U, b, max_work, simplify,
    require_ub_nontrivial)`` so the two can be compared solution for solution. With
    ``require_nontrivial``, every bound must be even, ``rhs`` is replaced by
    ``sum(a * u // 2)`` and the solution ``x == u // 2`` does not count.

    Raises ``TooHardError`` past ``max_work``, ``OverflowError`` on int64 overflow and
    ``ValueError`` for a coefficient that is not positive or an odd bound when it must be even.
    """
    terms = [(int(a), int(u)) for a, u in terms]
    for value in (rhs, *(v for term in terms for v in term)):
        if not INT64_MIN <= value <= INT64_MAX:
            raise OverflowError(f"{value} does not fit in int64")
    limit = _work_limit(max_work, UNLIMITED)
    if simplify and not require_nontrivial:
        terms = simplify_terms(terms, rhs)
    solution = _solve(terms, rhs, limit, require_nontrivial)
    return None if solution is None else tuple(solution)


# --- building the equation from layouts -----------------------------------------------------


def _solve_overlap(a: Layout, b: Layout, limit: int) -> bool:
    """Decide overlap of two layouts within ``limit`` units of work (see module docstring)."""
    start_a, end_a, terms_a = _extent_and_terms(a)
    start_b, end_b, terms_b = _extent_and_terms(b)
    if not (start_a < end_b and start_b < end_a and start_a < end_a and start_b < end_b):
        # Disjoint or empty extents: no search needed, and none counted.
        return False
    if limit == BOUNDS_ONLY:
        raise TooHardError("Exceeded max_work")
    # Walk `a` up from its lowest byte and `b` down from its highest (or the other way round,
    # whichever distance is smaller); both are then sums of positive strides times indices.
    rhs = min(end_b - 1 - start_a, end_a - 1 - start_b)
    if rhs > INT64_MAX:
        raise OverflowError(_OVERFLOW_MESSAGE)
    terms = terms_a + terms_b
    for itemsize in (a.itemsize, b.itemsize):
        if itemsize > 1:
            # The byte inside an item: one more variable, stride 1, values 0..itemsize-1.
            terms.append((1, itemsize - 1))
    terms = _simplify(terms, rhs)
    if len(terms) <= 1:
        return _solve_small(terms, rhs, require_nontrivial=False) is not None
    return _depth_first_search(terms, rhs, limit, require_nontrivial=False) is not None


def _extent_and_terms(layout: Layout) -> tuple[int, int, list[Term]]:
    """``(start, end, terms)``: the half-open byte range ``[start, end)`` (empty when the size
    is 0), and one term ``(|stride|, n - 1)`` per axis that moves (length > 1, stride != 0).

    Note: NumPy computes extents in 64-bit arithmetic that wraps, so a layout spanning more
    than 2**63 bytes (only ``as_strided`` makes one) gets a wrapped extent: a span may turn
    negative, and the addresses wrap modulo 2**64. Doing the same keeps our answers NumPy's
    for such layouts; for every layout that fits in memory nothing wraps.
    """
    offset = layout.offset
    low = high = 0
    terms = []
    for n, stride in zip(layout.shape, layout.strides, strict=True):
        if n == 0:
            return offset, offset, []
        if n == 1 or stride == 0:
            continue  # the axis neither moves nor widens the extent
        span = stride * (n - 1)
        if not INT64_MIN <= span <= INT64_MAX:
            span = (span - INT64_MIN) % 2**64 + INT64_MIN
        if span > 0:
            high += span
        else:
            low += span
        # A magnitude beyond int64 is refused later, in _simplify: NumPy checks it only after
        # the extents have been found to overlap.
        terms.append((stride if stride > 0 else -stride, n - 1))
    start, end = offset + low, offset + high + layout.itemsize
    if not (0 <= start <= _UINT64_MAX and 0 <= end <= _UINT64_MAX):
        start, end = start & _UINT64_MAX, end & _UINT64_MAX
    return start, end, terms


def _axes_with_item(layout: Layout) -> list[tuple[int, int]]:
    """Every axis as ``(length, stride)``, plus the bytes of one item as an axis of stride 1."""
    axes = list(zip(layout.shape, layout.strides, strict=True))
    if layout.itemsize > 1:
        axes.append((layout.itemsize, 1))
    return axes


def _magnitude(stride: int) -> int:
    """``|stride|``, refusing what an int64 cannot hold (NumPy fails on ``-(-2**63)``)."""
    magnitude = -stride if stride < 0 else stride
    if magnitude > INT64_MAX:
        raise OverflowError(_OVERFLOW_MESSAGE)
    return magnitude


def _is_c_contiguous(layout: Layout) -> bool:
    """NumPy's C_CONTIGUOUS flag: length-1 axes ignored, any length-0 axis makes it true."""
    if 0 in layout.shape:
        return True
    expected = layout.itemsize
    for n, stride in zip(reversed(layout.shape), reversed(layout.strides), strict=True):
        if n != 1:
            if stride != expected:
                return False
            expected *= n
    return True


def _work_limit(max_work: object, default: int) -> int:
    """Validate ``max_work`` as NumPy does; None means ``default``, -1 and -2 mean unlimited."""
    if max_work is None:
        return default
    if not isinstance(max_work, int):
        raise ValueError("max_work must be an integer")
    if not INT64_MIN <= max_work <= INT64_MAX:
        raise OverflowError("Python int too large to convert to C ssize_t")
    if max_work < -2:
        raise ValueError("Invalid value for max_work")
    return max_work


# --- the Diophantine solver -----------------------------------------------------------------


def simplify_terms(terms: Sequence[Term], rhs: int) -> list[Term]:
    """An equivalent, smaller problem: terms sorted by coefficient (largest first), equal
    coefficients merged (``a*x + a*y`` takes exactly the values ``a*z`` for ``z`` in
    ``0..u_x+u_y``), bounds clipped to ``rhs // a`` and pinned variables dropped.

    Feasibility is unchanged. An infeasible-at-a-glance problem (negative bound or
    right-hand side) is returned as it is, for the solver to reject.
    """
    if rhs < 0 or any(u < 0 for _, u in terms):
        return list(terms)
    return _simplify(list(terms), rhs)


def _simplify(terms: list[Term], rhs: int) -> list[Term]:
    """``simplify_terms`` for ``rhs >= 0`` and bounds ``>= 0``; sorts ``terms`` in place."""
    terms.sort(reverse=True)
    if terms and terms[0][0] > INT64_MAX:
        raise OverflowError(_OVERFLOW_MESSAGE)
    merged: dict[int, int] = {}
    for a, u in terms:
        merged[a] = merged.get(a, 0) + u
    if len(merged) < len(terms) and max(merged.values()) > INT64_MAX:
        raise OverflowError(_OVERFLOW_MESSAGE)
    simplified = []
    for a, u in merged.items():
        most = rhs // a  # any larger x overshoots rhs on its own
        if most < u:
            u = most
        if u:
            simplified.append((a, u))
    return simplified


def extended_euclid(a1: int, a2: int) -> tuple[int, int, int]:
    """``(g, gamma, epsilon)`` with ``g = gcd(a1, a2) = gamma*a1 + epsilon*a2``, for positive
    ``a1``, ``a2``.

    The remainder sequence ``r_{k+1} = r_{k-1} - q_k r_k`` of Euclid's algorithm is carried
    along with each remainder's expression as ``gamma*a1 + epsilon*a2``; the last nonzero
    remainder is the gcd. The coefficients stay below ``a2/g`` and ``a1/g`` in magnitude, and
    are the very ones NumPy computes, which matters for agreeing on overflow.
    """
    r_prev, r = a1, a2
    gamma_prev, gamma = 1, 0
    epsilon_prev, epsilon = 0, 1
    while r:
        q = r_prev // r
        r_prev, r = r, r_prev - q * r
        gamma_prev, gamma = gamma, gamma_prev - q * gamma
        epsilon_prev, epsilon = epsilon, epsilon_prev - q * epsilon
    return r_prev, gamma_prev, epsilon_prev


def _solve(terms: list[Term], rhs: int, limit: int, require_nontrivial: bool) -> list[int] | None:
    """A solution of the bounded equation (list in term order) or None; terms as given."""
    for a, u in terms:
        if a <= 0:
            raise ValueError("coefficients must be positive")
        if u < 0:
            return None
    if require_nontrivial:
        if any(u % 2 for _, u in terms):
            raise ValueError("bounds must be even when a non-trivial solution is required")
        # The trivial solution x = u/2 defines the right-hand side.
        rhs = sum(a * (u // 2) for a, u in terms)
        if rhs > INT64_MAX:
            raise ValueError("right-hand side overflows int64")
    if rhs < 0:
        return None
    if len(terms) <= 1:
        return _solve_small(terms, rhs, require_nontrivial)
    return _depth_first_search(terms, rhs, limit, require_nontrivial)


def _solve_small(terms: list[Term], rhs: int, require_nontrivial: bool) -> list[int] | None:
    """Zero or one variable: solved directly, no search (and no work counted)."""
    if require_nontrivial:
        return None  # the only solution there can be is the trivial one
    if not terms:
        return [] if rhs == 0 else None
    a, u = terms[0]
    return [rhs // a] if rhs % a == 0 and rhs // a <= u else None


#: One level of the search: ``(A, U, a, u, g, gamma, epsilon)``, see _depth_first_search.
Level = tuple[int, int, int, int, int, int, int]


def _merge_levels(terms: list[Term]) -> list[Level]:
    """Per level ``v`` (at index ``v-1``): the two-variable equation the search solves there.

    ``X`` (coefficient ``A``, bound ``U``) stands for terms ``0..v-1``; term ``v`` is ``(a, u)``.
    Folding them into ``X' = (A/g)*X + (a/g)*x_v`` gives the next level's ``A = g`` and
    ``U = (A/g)*U + (a/g)*u``. The fold of the last level is never used, so (as in NumPy) its
    bound is neither computed nor overflow-checked.
    """
    levels = []
    big_a, big_u = terms[0]
    last = len(terms) - 1
    for v in range(1, last + 1):
        a, u = terms[v]
        g, gamma, epsilon = extended_euclid(big_a, a)
        levels.append((big_a, big_u, a, u, g, gamma, epsilon))
        if v < last:
            big_u = (big_a // g) * big_u + (a // g) * u
            if big_u > INT64_MAX:
                raise OverflowError(_OVERFLOW_MESSAGE)
            big_a = g
    return levels


def _depth_first_search(
    terms: list[Term], rhs: int, limit: int, require_nontrivial: bool
) -> list[int] | None:
    """The first solution met by the depth-first search over levels ``n-1 .. 1``, or None.

    Level ``v`` pairs ``X`` (terms ``0..v-1`` folded into one variable, coefficient ``A``,
    bound ``U``) with term ``v``::

        A*X + a*x_v == rhs_v,    0 <= X <= U,   0 <= x_v <= u

    With ``g = gcd(A, a) = gamma*A + epsilon*a`` and ``c = rhs_v / g`` (when ``g`` divides it;
    otherwise there is no solution and the branch is pruned), every integer solution is::

        X   = gamma*c   + (a/g)*t
        x_v = epsilon*c - (A/g)*t          for integer t

    The bounds on ``X`` and ``x_v`` cut ``t`` to an interval; if it is empty the branch is
    pruned. ``U`` is a relaxation (``X`` is a combination of the lower variables, and ``U``
    bounds that combination), so the interval keeps every true solution. Each ``x_v`` in the
    interval, largest first, is tried by recursing into level ``v-1`` with
    ``rhs_v - a*x_v = A*X``; at level 1, ``X`` is term 0 itself, so any ``t`` is a solution.

    Because a child's right-hand side is ``A*X``, a multiple of the child's gcd, the
    divisibility test can only fail at the top level.

    No overflow check is needed here, though NumPy's C converts ``t``'s bounds and each new
    right-hand side back to int64 with checks: extended Euclid keeps ``|gamma| <= a/g`` and
    ``|epsilon| <= A/g``, so every ``t`` in the interval satisfies ``|t| <= c <= rhs``, and a
    child's right-hand side ``A*X`` lies in ``0..rhs``; ``rhs`` itself fits in int64.

    Work is counted as NumPy counts it: one unit per pruned branch and per level whose
    candidates are exhausted; the search gives up on entering a level with ``limit`` units
    spent (``limit < 0``: never).
    """
    levels = _merge_levels(terms)
    x = [0] * len(terms)
    work = 0

    def visit(v: int, rhs: int) -> bool:
        nonlocal work
        if work >= limit >= 0:
            raise TooHardError("Exceeded max_work")
        big_a, big_u, a, u, g, gamma, epsilon = levels[v - 1]
        if rhs % g:
            work += 1  # pruned: the gcd does not divide what is left
            return False
        c = rhs // g
        step_big, step_small = a // g, big_a // g
        big_x0, x0 = gamma * c, epsilon * c
        # t keeps 0 <= X <= U (first bound of each pair) and 0 <= x_v <= u (second);
        # -(p // q) is the ceiling of -p/q.
        t_low = -(big_x0 // step_big)
        t_low_small = -((u - x0) // step_small)
        if t_low_small > t_low:
            t_low = t_low_small
        t_high = (big_u - big_x0) // step_big
        t_high_small = x0 // step_small
        if t_high_small < t_high:
            t_high = t_high_small
        if t_low > t_high:
            work += 1  # pruned: the bounds leave no candidate
            return False
        # The largest x_v first.
        x_v = x0 - step_small * t_low
        if v == 1:
            x[0], x[1] = big_x0 + step_big * t_low, x_v
            if require_nontrivial and all(
                xi == ui // 2 for xi, (_, ui) in zip(x, terms, strict=True)
            ):
                # Note: like NumPy, the other candidates of this level are not tried then
                # (solutions come in pairs mirrored about the trivial one, so none is missed).
                work += 1
                return False
            return True
        for _ in range(t_high - t_low + 1):
            x[v] = x_v
            if visit(v - 1, rhs - a * x_v):
                return True
            x_v -= step_small
        work += 1  # exhausted: no candidate of this level led to a solution
        return False

    return x if visit(len(terms) - 1, rhs) else None
