"""A NumPy backend that imports once: a second import (a restarted worker) raises ImportError.

``moveaxis`` aborts, so the first worker dies and the runner must restart it; the restart
fails, as it would for a library that leaves a lock or a half-initialised device behind. The
marker file that remembers the first import is named by ``COPYVIEW_TEST_ONCE_MARKER``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

from conformance.adapters.base import NUMPY_API
from conformance.adapters.numpy_adapter import NumpyAdapter
from isolation_backends.faulty import PoisonedNumpy

_MARKER = Path(os.environ["COPYVIEW_TEST_ONCE_MARKER"])
if _MARKER.exists():
    raise ImportError("the device is still held by a previous process")
_MARKER.touch()


def _abort(*args: Any, **kwargs: Any) -> Any:
    os.abort()


class OnceNumpy(NumpyAdapter):
    """NumPy whose ``moveaxis`` aborts, in a module that refuses a second import."""

    name: ClassVar[str] = "once"

    def namespace(self, api: str) -> Any:
        import numpy as np

        return PoisonedNumpy("moveaxis", _abort) if api == NUMPY_API else np


once = OnceNumpy()
