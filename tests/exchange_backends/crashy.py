"""A test-only backend whose hand-offs kill the process on some inputs.

It is registered through ``copyview_exchange_test-0.dist-info`` in this directory, which only a
subprocess with this directory on ``PYTHONPATH`` sees, so the exchange section loads it as it
loads any registered backend (``tests/suite/run/test_exchange_crash.py``).
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

import numpy as np

from conformance.adapters.numpy_adapter import NumpyAdapter
from conformance.model.handoffs import Handoff
from conformance.model.operations import Operation


def _abort_if_reversed(x: np.ndarray) -> np.ndarray:
    if any(s < 0 for s in x.strides):
        os.abort()
    return x[...]


def _abort(x: np.ndarray) -> Any:
    os.abort()


class CrashyNumpy(NumpyAdapter):
    """NumPy, receiving through calls that abort: always (0-d senders only), or on negative
    strides."""

    name: ClassVar[str] = "crashy"
    operations: ClassVar[tuple[Operation, ...]] = ()
    handoffs: ClassVar[tuple[Handoff, ...]] = (
        Handoff("numpy", "crashy", "crashy.abort({x})", _abort, ndims=(0,)),
        Handoff("numpy", "crashy", "crashy.abort_if_reversed({x})", _abort_if_reversed),
        Handoff("numpy", "crashy", "crashy.view({x})", lambda x: x[...]),
    )


crashy = CrashyNumpy()
