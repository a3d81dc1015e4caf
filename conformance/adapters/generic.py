"""The generic adapter: any importable Array API namespace, with no adapter code at all.

``copyview run mylib`` (or ``module:attribute`` naming a namespace) lands here when no adapter
is registered under that name: operations run through the namespace, layouts come through
DLPack (``numpy.from_dlpack``), and writes use ``__setitem__``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from conformance.adapters.base import ARRAY_API, Adapter
from conformance.model.handoffs import Handoff, receiving
from conformance.vocabulary import Declared

#: What the standard's receivers are tried on: NumPy arrays, and bare DLPack exporters.
STANDARD_SENDERS = ("numpy", "dlpack-only")


def standard_handoffs(name: str, xp: ModuleType) -> tuple[Handoff, ...]:
    """The Array API standard's ways into namespace ``xp`` (backend ``name``).

    ``asarray``: copy=True "must always copy", copy=False "must never copy" (raising
    ValueError if it must); ``from_dlpack`` the same with BufferError
    (https://data-apis.org/array-api/latest/API_specification/generated/array_api.asarray.html,
    .../array_api.from_dlpack.html).
    """
    imports = (f"import {xp.__name__} as xp",)
    out: list[Handoff] = []
    for function in ("asarray", "from_dlpack"):
        call = getattr(xp, function, None)
        if call is None:
            continue
        for copy, declared in ((None, None), (True, Declared.COPY), (False, Declared.SHARE)):
            keyword = "" if copy is None else f", copy={copy}"
            out += receiving(
                name,
                STANDARD_SENDERS,
                f"xp.{function}({{x}}{keyword})",
                _caller(call, copy),
                imports,
                declared,
            )
    return tuple(out)


def _caller(call: Any, copy: bool | None) -> Any:
    if copy is None:
        return lambda x: call(x)
    return lambda x: call(x, copy=copy)


class GenericArrayAPIAdapter(Adapter):
    """Wraps one Array API namespace; promises only what the standard and honesty require."""

    def __init__(self, namespace: ModuleType, name: str) -> None:
        self._xp = namespace
        self.name = name  # type: ignore[misc]  # instance value shadows the class default
        self.library = namespace.__name__.split(".")[0]  # type: ignore[misc]
        self.handoffs = standard_handoffs(name, namespace)  # type: ignore[misc]

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
