"""Numba's mode in a worker: sparse's kernels run as the plain Python they are written in.

Compiling sparse's Numba kernels for each dtype and layout was nearly all of a sparse run, and
of an exchange run, where Dask imports sparse before the sparse adapter would (Numba reads
``NUMBA_DISABLE_JIT`` once, at its import). Every adapter that may import sparse imports it
inside :func:`interpreted`. ``COPYVIEW_SPARSE_JIT=1`` keeps the compiler (the results-equality
test compares the two); a caller's own ``NUMBA_DISABLE_JIT`` is left alone.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def interpreted() -> Iterator[bool]:
    """Imports inside run Numba's kernels interpreted, where Numba is not loaded yet (half of
    sparse compiled and half not cannot call itself). Yields whether they will."""
    wanted = os.environ.get("COPYVIEW_SPARSE_JIT") != "1" and "numba" not in sys.modules
    callers = os.environ.get("NUMBA_DISABLE_JIT")
    if wanted and callers is None:
        os.environ["NUMBA_DISABLE_JIT"] = "1"
    try:
        yield wanted or callers == "1"
    finally:
        if wanted and callers is None:
            del os.environ["NUMBA_DISABLE_JIT"]  # read at Numba's import; kept from children
