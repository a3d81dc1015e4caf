"""Compare what NumPy and reference_impl do with the same expression.

`outcome` describes one library's result of an operation relative to the arrays it already
knows (the inputs, earlier results): its kind (same-object, view, copy, scalar, none, error,
sequence), values, dtype, shape, strides, flags, what its ``.base`` is, and whether it shares
memory with each known array, asked through that library's own ``shares_memory``.
`assert_same_behaviour` runs an operation on both libraries and requires equal outcomes.
"""

from __future__ import annotations

import cmath
import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy

import reference_impl

Namespace = Any
LIBRARIES: tuple[Namespace, Namespace] = (numpy, reference_impl)


def _is_array(xp: Namespace, x: Any) -> bool:
    return isinstance(x, xp.ndarray)


def _plain(value: Any) -> Any:
    """A value with NaNs made comparable and NumPy scalars made Python values."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, numpy.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, complex) and cmath.isnan(value):
        return (
            "nan" if math.isnan(value.real) else value.real,
            "nan" if math.isnan(value.imag) else value.imag,
        )
    return value


def _scalar_kind(value: Any) -> str:
    """The Python type a scalar corresponds to (NumPy scalars map to their Python type)."""
    if isinstance(value, numpy.generic):
        value = value.item()
    return type(value).__name__


def error_kind(exc: BaseException) -> frozenset[str]:
    """The built-in exception classes an error is an instance of (its catchable identity)."""
    return frozenset(
        c.__name__
        for c in type(exc).__mro__
        if c.__module__ == "builtins" and c not in (BaseException, Exception, object)
    )


def _base_label(xp: Namespace, base: Any, known: Sequence[Any]) -> str:
    if base is None:
        return "none"
    for i, k in enumerate(known):
        if base is k:
            return f"known[{i}]"
    if _is_array(xp, base):
        return "fresh-array" if base.base is None else "array-with-base"
    return f"object:{type(base).__name__}"


@dataclass(frozen=True)
class Outcome:
    """What one library did; equal outcomes mean equal copy/view behaviour."""

    kind: str
    error: frozenset[str] | None = None
    value: Any = None
    dtype: str | None = None
    shape: tuple[int, ...] | None = None
    strides: tuple[int, ...] | None = None
    base: str | None = None
    flags: tuple[bool, bool, bool, bool] | None = None  # owndata, writeable, C, F
    shares: tuple[bool, ...] | None = None
    items: tuple[Outcome, ...] | None = None


def outcome(xp: Namespace, result: Any, known: Sequence[Any]) -> Outcome:
    """Describe ``result`` of library ``xp`` relative to the ``known`` arrays."""
    if isinstance(result, BaseException):
        return Outcome("error", error=error_kind(result))
    if result is None:
        return Outcome("none")
    if isinstance(result, (list, tuple)):
        return Outcome("sequence", items=tuple(outcome(xp, r, known) for r in result))
    if not _is_array(xp, result):
        return Outcome("scalar", value=(_scalar_kind(result), _plain(result)))
    arrays = [k for k in known if _is_array(xp, k)]
    shares = tuple(bool(xp.shares_memory(result, k)) for k in arrays)
    if any(result is k for k in known):
        kind = "same-object"
    else:
        kind = "view" if arrays and shares[0] else "copy"
    f = result.flags
    return Outcome(
        kind,
        value=_plain(result.tolist()),
        dtype=str(result.dtype),
        shape=tuple(result.shape),
        strides=tuple(result.strides),
        base=_base_label(xp, result.base, known),
        flags=(f.owndata, f.writeable, f.c_contiguous, f.f_contiguous),
        shares=shares,
    )


def differences(expected: Outcome, actual: Outcome) -> list[str]:
    """``field=actual, but should be expected`` for every field that differs."""
    out = []
    for field in fields(Outcome):
        e, a = getattr(expected, field.name), getattr(actual, field.name)
        if e != a:
            out.append(f"{field.name}={a!r}, but should be {e!r}")
    return out


def run(
    xp: Namespace, build: Callable[[Namespace], tuple[Any, ...]], op: Callable[..., Any]
) -> tuple[Any, tuple[Any, ...]]:
    """``op(xp, *build(xp))``, returning (result or the exception raised, inputs)."""
    inputs = build(xp)
    try:
        # NumPy's warnings (ComplexWarning, divide by zero) are not part of the comparison.
        with warnings.catch_warnings(), numpy.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            result = op(xp, *inputs)
    except Exception as exc:  # the exception is the outcome
        result = exc
    return result, inputs


def known_arrays(xp: Namespace, inputs: Sequence[Any]) -> list[Any]:
    """The inputs, then the arrays their ``.base`` chains lead to."""
    known = list(inputs)
    for x in inputs:
        while _is_array(xp, x) and x.base is not None:
            x = x.base
            if not any(x is k for k in known):
                known.append(x)
    return known


def assert_same_behaviour(
    build: Callable[[Namespace], tuple[Any, ...]], op: Callable[..., Any], label: str = ""
) -> Outcome:
    """Run ``op`` on NumPy and reference_impl and require the same outcome.

    Also requires the inputs to hold the same values afterwards (in-place operations).
    Returns NumPy's outcome, so a test can also assert what kind of result it expected.
    """
    __tracebackhide__ = True
    observed = []
    for xp in LIBRARIES:
        result, inputs = run(xp, build, op)
        known = known_arrays(xp, inputs)
        after = tuple(_plain(x.tolist()) if _is_array(xp, x) else None for x in inputs)
        observed.append((outcome(xp, result, known), after, result))
    (expected, e_after, e_res), (actual, a_after, a_res) = observed
    problems = differences(expected, actual)
    if e_after != a_after:
        problems.append(f"inputs afterwards={a_after!r}, but should be {e_after!r}")
    if problems:
        detail = f" (numpy raised {e_res!r})" if isinstance(e_res, BaseException) else ""
        detail += f" (reference raised {a_res!r})" if isinstance(a_res, BaseException) else ""
        raise AssertionError(f"{label}: " + "; ".join(problems) + detail)
    return expected
