"""Array API namespaces over NumPy, each with exactly one injected fault, run through the
generic adapter (``copyview run mylib`` on a bare namespace).

:class:`Wrapped` is a minimal array object that forwards to a NumPy array; :class:`Namespace`
is the standard's namespace over it. A fault replaces one method or function. Each mutant says
which profiles its fault violates (``violates``); ``tests/suite/test_xp_mutants.py`` checks the
suite fails exactly those and that the fault-free namespace (:data:`CONTROL`) passes the
array-api and consistency profiles everywhere.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import numpy as np

#: The binary operators the array object forwards (the standard's list, comparisons included).
BINARY = (
    "add",
    "sub",
    "mul",
    "truediv",
    "floordiv",
    "mod",
    "pow",
    "matmul",
    "and",
    "or",
    "xor",
    "lshift",
    "rshift",
)
COMPARE = ("eq", "ne", "lt", "le", "gt", "ge")


def unwrap(obj: Any) -> Any:
    """NumPy arrays in place of wrapped ones, inside tuples and lists too."""
    if isinstance(obj, Wrapped):
        return obj._a
    if isinstance(obj, tuple):
        return tuple(unwrap(o) for o in obj)
    if isinstance(obj, list):
        return [unwrap(o) for o in obj]
    return obj


class Wrapped:
    """An array object of the standard's shape over one NumPy array (``_a``)."""

    def __init__(self, a: np.ndarray, xp: Namespace) -> None:
        self._a, self._xp = a, xp

    # -- attributes --------------------------------------------------------------------
    shape = property(lambda self: self._a.shape)
    dtype = property(lambda self: self._a.dtype)
    ndim = property(lambda self: self._a.ndim)
    size = property(lambda self: self._a.size)
    device = property(lambda self: "cpu")
    T = property(lambda self: self._xp.wrap(self._a.T))
    mT = property(lambda self: self._xp.wrap(self._a.mT))

    def __array_namespace__(self, api_version: str | None = None) -> Namespace:
        return self._xp

    def to_device(self, device: Any, /, *, stream: Any = None) -> Wrapped:
        return self

    def __dlpack__(self, **kwargs: Any) -> Any:
        return self._a.__dlpack__(**kwargs)

    def __dlpack_device__(self) -> Any:
        return self._a.__dlpack_device__()

    # -- indexing ------------------------------------------------------------------------
    def __getitem__(self, key: Any) -> Any:
        return self._xp.getitem(self, key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._xp.setitem(self, key, value)

    # -- operators -------------------------------------------------------------------------
    def __neg__(self) -> Wrapped:
        return self._xp.wrap(-self._a)

    def __pos__(self) -> Wrapped:
        return self._xp.wrap(+self._a)

    def __abs__(self) -> Wrapped:
        return self._xp.wrap(abs(self._a))

    def __invert__(self) -> Wrapped:
        return self._xp.wrap(~self._a)

    def __bool__(self) -> bool:
        return bool(self._a)

    def __float__(self) -> float:
        return float(self._a)

    def __int__(self) -> int:
        return int(self._a)

    def __index__(self) -> int:
        return operator.index(self._a)


def _binary(name: str) -> Callable[[Wrapped, Any], Any]:
    def method(self: Wrapped, other: Any) -> Any:
        return self._xp.wrap(
            getattr(operator, name if name not in ("and", "or") else f"{name}_")(
                self._a, unwrap(other)
            )
        )

    return method


def _reflected(name: str) -> Callable[[Wrapped, Any], Any]:
    def method(self: Wrapped, other: Any) -> Any:
        op = getattr(operator, name if name not in ("and", "or") else f"{name}_")
        return self._xp.wrap(op(unwrap(other), self._a))

    return method


def _in_place(name: str) -> Callable[[Wrapped, Any], Any]:
    def method(self: Wrapped, other: Any) -> Any:
        return self._xp.in_place(self, name, other)

    return method


for _name in BINARY:
    setattr(Wrapped, f"__{_name}__", _binary(_name))
    setattr(Wrapped, f"__r{_name}__", _reflected(_name))
    setattr(Wrapped, f"__i{_name}__", _in_place(_name))
for _name in COMPARE:
    setattr(Wrapped, f"__{_name}__", _binary(_name))


class Namespace:
    """The standard's namespace over :class:`Wrapped` (NumPy's functions, wrapped).

    Subclasses inject one fault each by overriding a method; everything else forwards to
    NumPy, with inputs unwrapped and array results wrapped. A result that *is* an input's
    NumPy array comes back as that input's wrapper, so "returns its input" stays visible.
    """

    __array_api_version__ = "2024.12"
    __name__ = "copyview_xp_mutant"
    name = "xp-control"
    violates: frozenset[str] = frozenset()

    def __init__(self) -> None:
        for dtype in (
            "bool",
            "int8",
            "int16",
            "int32",
            "int64",
            "uint8",
            "uint16",
            "uint32",
            "uint64",
            "float32",
            "float64",
            "complex64",
            "complex128",
        ):
            setattr(self, dtype, np.dtype(dtype))
        self.newaxis = None

    def wrap(self, result: Any, inputs: tuple[Any, ...] = ()) -> Any:
        if isinstance(result, np.ndarray):
            for x in inputs:
                if isinstance(x, Wrapped) and x._a is result:
                    return x
            return Wrapped(result, self)
        if isinstance(result, (tuple, list)):
            return type(result)(self.wrap(r, inputs) for r in result)
        return result

    def __getattr__(self, name: str) -> Any:
        target = getattr(np, name)
        if not callable(target):
            return target

        def call(*args: Any, **kwargs: Any) -> Any:
            flat = (*args, *kwargs.values())
            result = target(*unwrap(args), **{k: unwrap(v) for k, v in kwargs.items()})
            return self.wrap(result, flat)

        return call

    # -- the array object's behaviour (overridden by faults) ---------------------------
    def getitem(self, x: Wrapped, key: Any) -> Any:
        return self.wrap(x._a[unwrap(key)])

    def setitem(self, x: Wrapped, key: Any, value: Any) -> None:
        x._a[unwrap(key)] = unwrap(value)

    def in_place(self, x: Wrapped, name: str, other: Any) -> Wrapped:
        getattr(operator, f"i{name}")(x._a, unwrap(other))
        return x

    def asarray(
        self, obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None
    ) -> Any:
        return self.wrap(np.asarray(unwrap(obj), dtype=dtype, copy=copy), (obj,))

    def from_dlpack(self, x: Any, /, *, device: Any = None, copy: bool | None = None) -> Any:
        return self.wrap(np.from_dlpack(x, copy=copy))


# -- the faults ----------------------------------------------------------------------------


class LostMaskAssignment(Namespace):
    """``x[mask] = v`` silently changes nothing."""

    name = "xp-lost-mask-assignment"
    violates = frozenset({"numpy", "array-api"})

    def setitem(self, x: Wrapped, key: Any, value: Any) -> None:
        if isinstance(key, Wrapped) and key.dtype == np.bool_:
            return
        super().setitem(x, key, value)


class NegativeStepCopies(Namespace):
    """A slice with a negative step returns a copy (NumPy returns a view)."""

    name = "xp-negative-step-copies"
    violates = frozenset({"numpy"})

    def getitem(self, x: Wrapped, key: Any) -> Any:
        parts = key if isinstance(key, tuple) else (key,)
        if any(isinstance(p, slice) and (p.step or 1) < 0 for p in parts):
            return self.wrap(x._a[unwrap(key)].copy())
        return super().getitem(x, key)


class FlipNoAxesReturnsInput(Namespace):
    """``flip(x, axis=())``, which changes nothing, returns ``x`` itself (NumPy: a view)."""

    name = "xp-flip-no-axes-returns-input"
    violates = frozenset({"numpy"})

    def flip(self, x: Any, /, *, axis: Any = None) -> Any:
        if axis == ():
            return x
        return self.wrap(np.flip(unwrap(x), axis=axis))


class InPlaceRebinds(Namespace):
    """``x += y`` makes a new array and rebinds ``x`` (allowed by the standard; NumPy writes
    in place, so the numpy profile sees a copy where it expects the same object)."""

    name = "xp-in-place-rebinds"
    violates = frozenset({"numpy"})

    def in_place(self, x: Wrapped, name: str, other: Any) -> Wrapped:
        op = getattr(operator, name if name not in ("and", "or") else f"{name}_")
        return self.wrap(np.asarray(op(x._a, unwrap(other))).astype(x._a.dtype))


class OverlappingInPlaceWrong(Namespace):
    """``y[1:] += y[:-1]`` runs element by element without a temporary: the source is read
    after it was overwritten (what a naive kernel does), so the values are wrong."""

    name = "xp-overlapping-in-place-wrong"
    violates = frozenset({"numpy", "array-api"})

    def in_place(self, x: Wrapped, name: str, other: Any) -> Wrapped:
        src = unwrap(other)
        if (
            name == "add"
            and isinstance(src, np.ndarray)
            and src.ndim == 1
            and x.ndim == 1
            and np.shares_memory(x._a, src)
            and x._a is not src
        ):
            for i in range(x._a.shape[0]):
                x._a[i] += src[i]
            return x
        return super().in_place(x, name, other)


class AsarrayCopyIgnored(Namespace):
    """``asarray(x, copy=True)`` returns ``x`` itself."""

    name = "xp-asarray-copy-ignored"
    violates = frozenset({"numpy", "array-api"})

    def asarray(
        self, obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None
    ) -> Any:
        return super().asarray(obj, dtype=dtype, copy=None if copy else copy)


class AstypeCopyFalseCopies(Namespace):
    """``astype(x, x.dtype, copy=False)`` returns a copy instead of ``x`` itself."""

    name = "xp-astype-copy-false-copies"
    violates = frozenset({"numpy", "array-api"})

    def astype(self, x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
        return self.wrap(unwrap(x).astype(dtype, copy=True))


class MissingRequiredFunction(Namespace):
    """The namespace lacks ``permute_dims``, which the standard requires."""

    name = "xp-missing-permute-dims"
    violates = frozenset({"array-api"})

    def __getattr__(self, name: str) -> Any:
        if name == "permute_dims":
            raise AttributeError(name, name=name, obj=self)
        return super().__getattr__(name)


CONTROL = Namespace()
MUTANTS: tuple[type[Namespace], ...] = (
    LostMaskAssignment,
    NegativeStepCopies,
    FlipNoAxesReturnsInput,
    InPlaceRebinds,
    OverlappingInPlaceWrong,
    AsarrayCopyIgnored,
    AstypeCopyFalseCopies,
    MissingRequiredFunction,
)
