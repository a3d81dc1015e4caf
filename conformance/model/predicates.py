"""Which operands an operation applies to, and the parameters it derives from them.

Shared by the catalogue's sections (:mod:`~conformance.model.ops_numpy`,
:mod:`~conformance.model.ops_array_api`, :mod:`~conformance.model.ops_syntax`...) and by
adapters that declare their own operations. A predicate sees only an operand's shape and dtype
name, so the suite knows before anything runs which inputs an operation applies to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conformance.model.operations import Operand, Operation
from conformance.vocabulary import Api

Pred = Callable[[Operand], bool]


def all_of(*preds: Pred) -> Pred:
    return lambda o: all(p(o) for p in preds)


def any_dtype(o: Operand) -> bool:
    return True


def f64(o: Operand) -> bool:
    return o.dtype == "float64"


def nd(k: int) -> Pred:
    return lambda o: len(o.shape) >= k


def nonempty(o: Operand) -> bool:
    return len(o.shape) >= 1 and 0 not in o.shape


def numeric(o: Operand) -> bool:
    return o.dtype != "bool"


def real_numeric(o: Operand) -> bool:
    return o.dtype != "bool" and not o.dtype.startswith("complex")


def integer(o: Operand) -> bool:
    return o.dtype.startswith(("int", "uint"))


def unit_axis(o: Operand) -> bool:
    return 1 in o.shape


def long_first_axis(o: Operand) -> bool:
    return len(o.shape) >= 1 and o.shape[0] >= 2


def one_d(o: Operand) -> bool:
    return len(o.shape) == 1


def has_elements(o: Operand) -> bool:
    return 0 not in o.shape


def same_shape(o: Operand) -> dict[str, Any]:
    return {"shape": tuple(o.shape)}


def reversed_axes(o: Operand) -> dict[str, Any]:
    return {"axes": tuple(reversed(range(len(o.shape))))}


def first_unit_axis(o: Operand) -> dict[str, Any]:
    return {"axis": o.shape.index(1)}


def broadcast_shape(o: Operand) -> dict[str, Any]:
    return {"shape": (2, *o.shape)}


def first_element(o: Operand) -> dict[str, Any]:
    return {"key": (0,) * len(o.shape)}


def other_dtype(o: Operand) -> dict[str, Any]:
    return {"dtype": "float32" if o.dtype != "float32" else "float64"}


def same_dtype(o: Operand) -> dict[str, Any]:
    return {"dtype": o.dtype}


class Bare(str):
    """A parameter shown in templates without quotes (``xp.float32``, not ``xp.'float32'``)."""

    def __repr__(self) -> str:
        return str(self)


def other_dtype_name(o: Operand) -> dict[str, Any]:
    return {"dtype": Bare(other_dtype(o)["dtype"])}


def same_dtype_name(o: Operand) -> dict[str, Any]:
    return {"dtype": Bare(o.dtype)}


def op(
    id: str,
    category: str,
    api: Api,
    template: str,
    apply: Callable[..., Any],
    applies: Pred = f64,
    **kw: Any,
) -> Operation:
    """An :class:`Operation`; layout-only operations default to the float64 inputs."""
    return Operation(id, category, api, template, apply, applies, **kw)
