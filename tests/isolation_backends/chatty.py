"""A NumPy backend whose ``moveaxis`` writes 300 MB to stderr, then aborts.

It proves that the runner keeps a bounded tail of a worker's stderr: the parent's memory stays
small and the crashed case's record holds only the end of the output.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import NUMPY_API
from conformance.adapters.numpy_adapter import NumpyAdapter
from isolation_backends.faulty import PoisonedNumpy

CHATTER_BYTES = 300 * 2**20
LAST_WORDS = "chatty: the last line before the abort"


def _chatter_and_abort(*args: Any, **kwargs: Any) -> Any:
    chunk = b"x" * 2**20  # one MiB, written 300 times: the worker's own memory stays small
    for _ in range(CHATTER_BYTES // len(chunk)):
        os.write(2, chunk)
    os.write(2, f"\n{LAST_WORDS}\n".encode())
    os.abort()


class ChattyNumpy(NumpyAdapter):
    name: ClassVar[str] = "chatty"

    def namespace(self, api: str) -> Any:
        return PoisonedNumpy("moveaxis", _chatter_and_abort) if api == NUMPY_API else np


chatty = ChattyNumpy()
