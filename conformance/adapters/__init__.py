"""Backend adapters: the only code that knows a library (see ``base.Adapter``)."""

from conformance.adapters.base import (
    ARRAY_API,
    NUMPY_API,
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
)
from conformance.adapters.registry import BackendError, load, registered

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
