"""The generic adapter: any importable Array API namespace, with no adapter code at all.

``copyview run mylib`` (or ``module:attribute`` naming a namespace) lands here when no adapter
is registered under that name: operations run through the namespace, layouts come through
DLPack (``numpy.from_dlpack``), and writes use ``__setitem__``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from conformance.adapters.base import ARRAY_API, Adapter


class GenericArrayAPIAdapter(Adapter):
    """Wraps one Array API namespace; promises only what the standard and honesty require."""

    def __init__(self, namespace: ModuleType, name: str) -> None:
        self._xp = namespace
        self.name = name  # type: ignore[misc]  # instance value shadows the class default
        self.library = namespace.__name__.split(".")[0]  # type: ignore[misc]

    @property
    def adapter_path(self) -> str:
        return f"{type(self).__module__}:{type(self).__qualname__}({self._xp.__name__})"

    @property
    def version(self) -> str:
        import importlib.metadata

        for candidate in (self.library, self.library.replace("_", "-")):
            try:
                return importlib.metadata.version(candidate)
            except importlib.metadata.PackageNotFoundError:
                continue
        return str(getattr(self._xp, "__version__", "unknown"))

    def namespace(self, api: str) -> Any | None:
        return self._xp if api == ARRAY_API else None

    def repro_imports(self) -> list[str]:
        return [f"import {self._xp.__name__} as xp"]


def looks_like_array_api(obj: Any) -> bool:
    """True for a namespace implementing the Array API (it must say which version)."""
    return hasattr(obj, "__array_api_version__") and hasattr(obj, "asarray")
