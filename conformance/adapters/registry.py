"""Finding an adapter by name: entry points, ``module:attribute``, or a bare Array API module.

Built-in adapters are registered exactly like third-party ones, in the entry-point group
``copyview.backends``. Every failure is a :class:`BackendError` whose message is one line
saying what to do, for the CLI to print without a traceback.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import re
from typing import Any

from conformance.adapters.base import Adapter
from conformance.adapters.generic import GenericArrayAPIAdapter, looks_like_array_api

GROUP = "copyview.backends"

_NAME = r"[A-Za-z_][\w-]*"
#: A registered name, a module (dotted), or ``module:attribute``; anything else is a typo.
_SPEC = re.compile(rf"{_NAME}(\.{_NAME})*(:[A-Za-z_]\w*(\.[A-Za-z_]\w*)*)?")


class BackendError(Exception):
    """A backend cannot be loaded; the message says what to do."""


def registered() -> dict[str, importlib.metadata.EntryPoint]:
    """Registered backend names and their entry points."""
    return {ep.name: ep for ep in importlib.metadata.entry_points(group=GROUP)}


def _normalise(name: str) -> str:
    return name.replace("-", "_")


def check_spelling(spec: str) -> None:
    """Raise :class:`BackendError` unless ``spec`` could name a backend at all."""
    if not _SPEC.fullmatch(spec):
        raise BackendError(
            f"{spec!r} is not a backend name: give a registered name (e.g. numpy), a module "
            "(e.g. array_api_strict) or module:attribute"
        )


def load(spec: str) -> Adapter:
    """The adapter for ``spec``: a registered name, ``module:attribute``, or a module name."""
    check_spelling(spec)
    eps = registered()
    entry = eps.get(spec) or eps.get(_normalise(spec))
    if entry is not None:
        try:
            obj = entry.load()
        except ImportError as exc:
            raise BackendError(
                f"backend {spec!r} needs a library that is not installed ({exc.name or exc}); "
                f"install it, e.g. `pip install copyview[{spec.replace('_', '-')}]`"
            ) from None
        return _as_adapter(obj, entry.name, spec)
    if ":" in spec:
        module_name, _, attr = spec.partition(":")
        module = _import(module_name, spec)
        try:
            obj = getattr(module, attr)
        except AttributeError:
            raise BackendError(
                f"module {module_name!r} has no attribute {attr!r}; "
                "check the `module:attribute` spelling"
            ) from None
        return _as_adapter(obj, attr if looks_like_array_api(obj) else spec, spec)
    module = _import(_normalise(spec), spec)
    return _as_adapter(module, spec, spec)


def _import(module_name: str, spec: str) -> Any:
    try:
        found = importlib.util.find_spec(module_name) is not None
    except (ImportError, ValueError):
        found = False  # a parent package is missing or broken: reported below
    try:
        return importlib.import_module(module_name)
    except ImportError as exc:
        if found and getattr(exc, "name", None) in (None, module_name):
            raise BackendError(
                f"library not installed/importable: backend {spec!r}: importing "
                f"{module_name!r} raised ImportError: {_first_line(exc)}"
            ) from None
        missing = getattr(exc, "name", None)
        if missing and missing != module_name and not module_name.startswith(missing + "."):
            raise BackendError(
                f"backend {spec!r} needs {missing!r}, which is not installed; install it "
                f"(e.g. `pip install {missing}`) and run again"
            ) from None
        known = ", ".join(sorted(registered())) or "none"
        raise BackendError(
            f"unknown backend {spec!r}: no adapter registered under that name and "
            f"{module_name!r} cannot be imported ({type(exc).__name__}); "
            f"registered backends: {known}"
        ) from None
    except Exception as exc:  # a library that breaks on import is an environment problem
        raise BackendError(
            f"library not installed/importable: backend {spec!r}: importing {module_name!r} "
            f"raised {type(exc).__name__}: {_first_line(exc)}"
        ) from None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:300] if lines else "no message"


def _as_adapter(obj: Any, name: str, spec: str) -> Adapter:
    if isinstance(obj, Adapter):
        return obj
    if isinstance(obj, type) and issubclass(obj, Adapter):
        return obj()
    if looks_like_array_api(obj):
        return GenericArrayAPIAdapter(obj, name)
    raise BackendError(
        f"{spec!r} is neither a copyview adapter nor an Array API namespace "
        f"(no __array_api_version__); write an adapter, see docs/reference/adapters.md"
    )
