"""Speed of the reference overlap solver, measured against NumPy's C solver.

(a) Random view pairs whose extents overlap (so the solver has to search), 1 to 4 dims, of
    several itemsizes: median time per call of ``numpy.shares_memory`` and of
    ``reference_impl.overlap.layouts_share_memory`` on the same pairs, and the median of the
    per-pair ratios. Target: the reference at most 30 times slower.
(b) Views of 10**12 elements each, described by layouts alone (no memory behind them): time
    to answer ``shares_memory``. Target: under 10 ms each.

Each time is the best of several repeats, which filters out noise from other processes.
Answers are checked against NumPy as well. Run::

    python benchmarks/bench_overlap.py [--pairs 2000] [--seed 0]

Exits 1 if an answer disagrees with NumPy or a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import timeit
from collections.abc import Callable

import numpy as np

from reference_impl.layout import Layout
from reference_impl.overlap import layouts_share_memory

RATIO_TARGET = 30.0
HUGE_TARGET_S = 10e-3


def layout_of(array: np.ndarray) -> Layout:
    return Layout(array.__array_interface__["data"][0], array.shape, array.strides, array.itemsize)


def best_time(call: Callable[[], object], number: int, repeat: int) -> float:
    """Seconds per call: the best of ``repeat`` runs of ``number`` calls."""
    return min(timeit.repeat(call, number=number, repeat=repeat)) / number


def random_view(rng: np.random.Generator, base: np.ndarray) -> np.ndarray:
    """Basic slicing of ``base`` (steps mostly 1, sometimes larger or negative), transposed,
    and now and then reread as bytes."""
    index = []
    for n in base.shape:
        step = int(rng.integers(2, 8)) if rng.random() < 0.3 else 1
        start, stop = sorted(int(v) for v in rng.integers(0, n + 1, size=2))
        if rng.random() < 0.3:
            index.append(slice(stop - 1 if stop else None, start - 1 if start else None, -step))
        else:
            index.append(slice(start, stop, step))
    view = base[tuple(index)].transpose(rng.permutation(base.ndim))
    if rng.random() < 0.2 and view.ndim and view.strides[-1] == view.itemsize:
        view = view.view(np.int8)
    return view


def random_pairs(rng: np.random.Generator, count: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """``count`` pairs of non-empty views of one array whose byte extents overlap."""
    pairs = []
    while len(pairs) < count:
        ndim = int(rng.integers(1, 5))
        shape = tuple(int(n) for n in rng.integers(2, 30 if ndim < 3 else 12, size=ndim))
        dtype = rng.choice([np.int8, np.int16, np.int32, np.float64])
        base = np.zeros(shape, dtype=dtype)
        a, b = random_view(rng, base), random_view(rng, base)
        if a.size and b.size and np.may_share_memory(a, b):
            pairs.append((a, b))
    return pairs


def bench_random_pairs(pairs: list[tuple[np.ndarray, np.ndarray]]) -> bool:
    numpy_times, reference_times, ratios = [], [], []
    ratios_by_ndim: dict[int, list[float]] = {}
    agree = 0
    shared = 0
    for a, b in pairs:
        la, lb = layout_of(a), layout_of(b)
        expected = np.shares_memory(a, b)
        agree += layouts_share_memory(la, lb) == expected
        shared += expected
        t_numpy = best_time(lambda a=a, b=b: np.shares_memory(a, b), number=20, repeat=5)
        t_reference = best_time(lambda a=la, b=lb: layouts_share_memory(a, b), 20, 5)
        numpy_times.append(t_numpy)
        reference_times.append(t_reference)
        ratios.append(t_reference / t_numpy)
        ratios_by_ndim.setdefault(max(a.ndim, b.ndim), []).append(t_reference / t_numpy)
    ratio = statistics.median(ratios)
    ok = ratio <= RATIO_TARGET and agree == len(pairs)
    print(
        f"(a) {len(pairs)} view pairs with overlapping extents, 1-4 dims "
        f"({shared} share memory, {len(pairs) - shared} do not)"
    )
    print(f"    answers agree with numpy.shares_memory: {agree}/{len(pairs)}")
    for name, times in (
        ("numpy.shares_memory", numpy_times),
        ("reference layouts_share_memory", reference_times),
    ):
        print(f"    {name:<36} median {1e6 * statistics.median(times):7.2f} us/call")
    print(
        f"    per-pair ratio reference/numpy       median {ratio:6.1f}x  "
        f"(p90 {statistics.quantiles(ratios, n=10)[-1]:.1f}x)  target <= {RATIO_TARGET:.0f}x  "
        f"{'PASS' if ok else 'FAIL'}"
    )
    by_ndim = ", ".join(
        f"{ndim}-d: {statistics.median(values):.1f}x ({len(values)})"
        for ndim, values in sorted(ratios_by_ndim.items())
    )
    print(f"    median ratio by dims of the larger view (pairs): {by_ndim}")
    return ok


def huge_cases() -> list[tuple[str, Layout, Layout]]:
    """Pairs of 10**12-element layouts over one (imaginary) buffer."""
    n = 10**6
    rows = Layout(0, (n, n), (8 * n, 8), 8)
    return [
        ("matrix vs its transpose (float64)", rows, Layout(0, (n, n), (8, 8 * n), 8)),
        (
            "even vs odd columns of an n x 2n matrix (float64)",
            Layout(0, (n, n), (16 * n, 16), 8),
            Layout(8, (n, n), (16 * n, 16), 8),
        ),
        (
            "rows 0..n-1 vs rows n/2..3n/2-1 (float64)",
            rows,
            Layout(8 * n * (n // 2), (n, n), (8 * n, 8), 8),
        ),
        (
            "even rows vs odd rows of a 2n x n matrix (float64)",
            Layout(0, (n, n), (16 * n, 8), 8),
            Layout(8 * n, (n, n), (16 * n, 8), 8),
        ),
        (
            "columns step 3 vs step 2 from byte 1 of an n x 3n byte matrix",
            Layout(0, (n, n), (3 * n, 3), 1),
            Layout(1, (n, n), (3 * n, 2), 1),
        ),
        (
            "float64 matrix vs the same bytes as int16 pairs, reversed rows",
            rows,
            Layout(8 * n * (n - 1) + 2, (n, n), (-8 * n, 8), 2),
        ),
    ]


class _AddressOnly:
    """Describes an array at an address NumPy will never read: enough for shares_memory."""

    def __init__(self, layout: Layout) -> None:
        self.__array_interface__ = {
            "data": (_IMAGINARY_BASE + layout.offset, False),
            "shape": layout.shape,
            "strides": layout.strides,
            "typestr": f"|V{layout.itemsize}",
            "version": 3,
        }


# Far from any real allocation and far from the top of the address space.
_IMAGINARY_BASE = 2**44


def numpy_answer(a: Layout, b: Layout) -> bool:
    """NumPy's answer for two layouts (NumPy computes addresses only; it reads no bytes)."""
    return bool(np.shares_memory(np.asarray(_AddressOnly(a)), np.asarray(_AddressOnly(b))))


def bench_huge() -> bool:
    print("(b) layouts of 10**12 elements each (shape (10**6, 10**6)), no memory behind them")
    ok = True
    for name, a, b in huge_cases():
        answer = layouts_share_memory(a, b)
        expected = numpy_answer(a, b)
        seconds = best_time(lambda a=a, b=b: layouts_share_memory(a, b), number=20, repeat=5)
        case_ok = answer == expected and seconds < HUGE_TARGET_S
        ok = ok and case_ok
        print(
            f"    {name:<64} shares={answer!s:<5} {1e3 * seconds:7.3f} ms  "
            f"target < {1e3 * HUGE_TARGET_S:.0f} ms  {'PASS' if case_ok else 'FAIL'}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=2000, help="random view pairs (a)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the random views")
    args = parser.parse_args()
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}")
    ok_pairs = bench_random_pairs(random_pairs(np.random.default_rng(args.seed), args.pairs))
    ok_huge = bench_huge()
    return 0 if ok_pairs and ok_huge else 1


if __name__ == "__main__":
    sys.exit(main())
