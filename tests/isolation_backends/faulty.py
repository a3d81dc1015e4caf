"""Two NumPy backends with one poisoned function each: ``moveaxis`` aborts, ``expand_dims`` hangs.

They exist to prove that the runner's per-case isolation costs exactly the poisoned cases: an
abort (as a segfaulting extension would) becomes ``crashed``, a call that never returns
becomes ``timeout``, and every other case is recorded as plain NumPy records it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import NUMPY_API
from conformance.adapters.numpy_adapter import NumpyAdapter

ABORTING_OPERATION = "moveaxis"
HANGING_OPERATION = "expand-dims"


def _abort(*args: Any, **kwargs: Any) -> Any:
    os.abort()


def _hang(*args: Any, **kwargs: Any) -> Any:
    while True:  # sleep forever, in short naps, so only a kill ends it
        time.sleep(60)


class PoisonedNumpy:
    """The ``numpy`` namespace with one function replaced."""

    def __init__(self, name: str, replacement: Callable[..., Any]) -> None:
        self._name, self._replacement = name, replacement

    def __getattr__(self, attr: str) -> Any:
        return self._replacement if attr == self._name else getattr(np, attr)


class AbortingNumpy(NumpyAdapter):
    """NumPy whose ``moveaxis`` calls ``os.abort()``."""

    name: ClassVar[str] = "aborting"

    def namespace(self, api: str) -> Any:
        return PoisonedNumpy("moveaxis", _abort) if api == NUMPY_API else np


class HangingNumpy(NumpyAdapter):
    """NumPy whose ``expand_dims`` never returns."""

    name: ClassVar[str] = "hanging"

    def namespace(self, api: str) -> Any:
        # Only the NumPy-style namespace: ``xp-expand-dims`` (Array API) stays healthy.
        return PoisonedNumpy("expand_dims", _hang) if api == NUMPY_API else np


aborting = AbortingNumpy()
hanging = HangingNumpy()
