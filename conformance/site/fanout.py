"""Independent pieces of a site build spread over worker processes.

Reading the results files and rendering the pages are most of a build, and each file (each
page) is independent of the others. Workers are forked, so they start with everything the
build holds at that moment (the site model, the spilled cases' index) and nothing needs to be
sent to them but which pieces to do. Off Linux (no ``fork`` on Windows, an unsafe one on
macOS), with one job, or with a single piece, everything runs here, in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: What the workers run, set just before they are forked (never sent through a pipe).
_TASK: Callable[[Any], Any] | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers can be forked here: on Linux. macOS has ``fork``, but forking a process
    that has touched its system frameworks can crash the child, which is why Python no longer
    forks there by default."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _run(item: Any) -> Any:
    assert _TASK is not None
    # A piece makes and drops millions of acyclic objects (parsed JSON, cases, HTML strings),
    # and the cyclic collector kept walking them for nothing: a third of the time of reading a
    # results file. A worker lives for one fan-out, so what it does not free dies with it.
    gc.disable()
    return _TASK(item)


def fan_out(task: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """``[task(item) for item in items]``, over up to ``jobs`` forked workers.

    An exception in a worker is raised here (it must survive pickling, as ResultsError does).
    Results come back in the order of ``items``.
    """
    global _TASK
    jobs = min(jobs, len(items))
    if jobs <= 1 or not can_fork():
        return [task(item) for item in items]
    _TASK = task
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return pool.map(_run, items, chunksize=1)
    finally:
        _TASK = None
