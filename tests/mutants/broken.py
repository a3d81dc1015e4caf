"""Test-only backends that abort or hang inside one operation, to prove per-case isolation."""

from __future__ import annotations

import os
import time
from typing import Any, ClassVar

from conformance.adapters.numpy_adapter import NumpyAdapter
from mutants.numpy_mutants import PatchedNumpy


def _abort(*args: Any, **kwargs: Any) -> Any:
    os.abort()


def _hang(*args: Any, **kwargs: Any) -> Any:
    time.sleep(3600)


class Aborting(NumpyAdapter):
    """``flip`` kills the process (as a segfaulting extension would)."""

    name: ClassVar[str] = "aborting"

    def namespace(self, api: str) -> Any:
        return PatchedNumpy(flip=_abort)


class Hanging(NumpyAdapter):
    """``flip`` never returns."""

    name: ClassVar[str] = "hanging"

    def namespace(self, api: str) -> Any:
        return PatchedNumpy(flip=_hang)


aborting = Aborting()
hanging = Hanging()
