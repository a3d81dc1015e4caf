"""Casts that change one thing about a dtype: signedness at the same width (``int8`` ->
``uint8``), width within a kind (``int16`` -> ``int32``, ``float64`` -> ``float32``) and
anything to ``bool``.

Same-width casts are where a library is tempted to reinterpret the bytes instead of copying
(a ``view`` does that, on purpose), and a narrowing or widening cast with ``copy=False`` is
where it must copy anyway. Each runs through NumPy's names and the Array API's, on every input
whose dtype has such a neighbour (float64 inputs only narrow: ``astype-other`` covers them).
"""

from __future__ import annotations

from typing import Any

from conformance.model.operations import Operand, Operation
from conformance.model.predicates import Bare, op
from conformance.vocabulary import Api, Rule

NP, XP = Api.NUMPY, Api.ARRAY_API

#: The same width with the other signedness.
SIGN_FLIP = {
    **{f"int{n}": f"uint{n}" for n in (8, 16, 32, 64)},
    **{f"uint{n}": f"int{n}" for n in (8, 16, 32, 64)},
}
#: The next wider dtype of the same kind.
WIDER = {
    "int8": "int16",
    "int16": "int32",
    "int32": "int64",
    "uint8": "uint16",
    "uint16": "uint32",
    "uint32": "uint64",
    "float32": "float64",
    "complex64": "complex128",
}
#: The next narrower dtype of the same kind.
NARROWER = {wide: narrow for narrow, wide in WIDER.items()}


def _has(table: dict[str, str], *, float64: bool = False) -> Any:
    return lambda o: o.dtype in table and (float64 or o.dtype != "float64")


def _to(table: dict[str, str], bare: bool) -> Any:
    def params(o: Operand) -> dict[str, Any]:
        return {"dtype": Bare(table[o.dtype]) if bare else table[o.dtype]}

    return params


def _not_bool(o: Operand) -> bool:
    return o.dtype not in ("bool", "float64")


def _real_not_bool(o: Operand) -> bool:
    # The standard does not permit complex -> bool (array-api-strict refuses it).
    return _not_bool(o) and not o.dtype.startswith("complex")


def _bool(bare: bool) -> Any:
    return lambda o: {"dtype": Bare("bool") if bare else "bool"}


def _np(name: str, applies: Any, params: Any) -> tuple[Operation, ...]:
    """NumPy's ``astype``, plain and with ``copy=False`` (which copies all the same)."""
    return (
        op(
            f"astype-{name}",
            "dtype",
            NP,
            "{x}.astype({dtype})",
            lambda xp, x, dtype: x.astype(dtype),
            applies,
            params=params,
        ),
        op(
            f"astype-{name}-copy-false",
            "dtype",
            NP,
            "{x}.astype({dtype}, copy=False)",
            lambda xp, x, dtype: x.astype(dtype, copy=False),
            applies,
            params=params,
        ),
    )


def _xp(name: str, applies: Any, params: Any) -> tuple[Operation, ...]:
    """The standard's ``astype``: a copy, whatever ``copy=`` says, when the dtype changes."""
    return (
        op(
            f"xp-astype-{name}",
            "dtype",
            XP,
            "{xp}.astype({x}, {xp}.{dtype})",
            lambda xp, x, dtype: xp.astype(x, getattr(xp, dtype)),
            applies,
            params=params,
            rule=Rule.MUST_COPY,
        ),
        op(
            f"xp-astype-{name}-copy-false",
            "dtype",
            XP,
            "{xp}.astype({x}, {xp}.{dtype}, copy=False)",
            lambda xp, x, dtype: xp.astype(x, getattr(xp, dtype), copy=False),
            applies,
            params=params,
            rule=Rule.MUST_COPY,
        ),
    )


OPERATIONS: tuple[Operation, ...] = (
    *_np("signedness", _has(SIGN_FLIP), _to(SIGN_FLIP, False)),
    *_np("widen", _has(WIDER), _to(WIDER, False)),
    *_np("narrow", _has(NARROWER), _to(NARROWER, False)),
    *_np("bool", _not_bool, _bool(False)),
    op(
        "view-signedness",
        "dtype",
        NP,
        "{x}.view({dtype})",
        lambda xp, x, dtype: x.view(dtype),
        _has(SIGN_FLIP),
        params=_to(SIGN_FLIP, False),
    ),
    *_xp("signedness", _has(SIGN_FLIP), _to(SIGN_FLIP, True)),
    *_xp("widen", _has(WIDER), _to(WIDER, True)),
    *_xp("narrow", _has(NARROWER), _to(NARROWER, True)),
    *_xp("bool", _real_not_bool, _bool(True)),
)
