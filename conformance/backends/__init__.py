"""Backend adapters: the only code that knows a library (see ``base.Adapter``)."""

from conformance.backends.base import (
    ARRAY_API,
    NUMPY_API,
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
)
from conformance.backends.registry import BackendError, load, registered

__all__ = [
    "ARRAY_API",
    "NUMPY_API",
    "Adapter",
    "BackendError",
    "Capabilities",
    "InputRecipe",
    "MemoryReport",
    "load",
    "registered",
]
