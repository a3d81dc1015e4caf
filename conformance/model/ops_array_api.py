"""The Array API standard's functions: ``asarray``/``astype``/``reshape`` with their ``copy=``
rules, DLPack, shape manipulation, and the functions a library may be tempted to answer with
its input.

These run through the adapter's Array API namespace (``Api.ARRAY_API``).
"""

from __future__ import annotations

from typing import Any

from conformance.model.operations import Operation
from conformance.model.predicates import (
    all_of,
    any_dtype,
    broadcast_shape,
    f64,
    first_unit_axis,
    nd,
    nonempty,
    op,
    other_dtype_name,
    real_numeric,
    reversed_axes,
    same_dtype_name,
    same_shape,
    unit_axis,
)
from conformance.vocabulary import Api, Rule

XP = Api.ARRAY_API


class _DLPackProducer:
    """Passes ``copy=`` to the producer's ``__dlpack__``; the consumer asks for no copy."""

    def __init__(self, array: Any, copy: bool | None) -> None:
        self.array, self.copy = array, copy

    def __dlpack__(self, **kwargs: Any) -> Any:
        return self.array.__dlpack__(**{**kwargs, "copy": self.copy})

    def __dlpack_device__(self) -> Any:
        return self.array.__dlpack_device__()


_PRODUCER_SOURCE = (
    "class Producer:\n"
    "    def __init__(self, a, copy): self.a, self.copy = a, copy\n"
    "    def __dlpack__(self, **kw): return self.a.__dlpack__(**{{**kw, 'copy': self.copy}})\n"
    "    def __dlpack_device__(self): return self.a.__dlpack_device__()\n"
)


def _dlpack_op(copy: bool | None, rule: Rule | None) -> Operation:
    name = {True: "true", False: "false", None: "none"}[copy]
    return Operation(
        f"dunder-dlpack-copy-{name}",
        "interchange",
        XP,
        _PRODUCER_SOURCE + f"{{y}} = {{xp}}.from_dlpack(Producer({{x}}, {copy!r}))",
        lambda xp, x: xp.from_dlpack(_DLPackProducer(x, copy)),
        rule=rule,
        statement=True,
        chainable=False,
    )


#: The standard's functions, in the order results list them.
OPERATIONS: tuple[Operation, ...] = (
    op(
        "asarray",
        "copy",
        XP,
        "{xp}.asarray({x})",
        lambda xp, x: xp.asarray(x),
        any_dtype,
        rule=Rule.REUSE,
    ),
    op(
        "asarray-copy-true",
        "copy",
        XP,
        "{xp}.asarray({x}, copy=True)",
        lambda xp, x: xp.asarray(x, copy=True),
        any_dtype,
        rule=Rule.MUST_COPY,
    ),
    op(
        "asarray-copy-false",
        "copy",
        XP,
        "{xp}.asarray({x}, copy=False)",
        lambda xp, x: xp.asarray(x, copy=False),
        any_dtype,
        rule=Rule.MUST_NOT_COPY,
    ),
    op(
        "asarray-other-dtype",
        "copy",
        XP,
        "{xp}.asarray({x}, dtype={xp}.{dtype})",
        lambda xp, x, dtype: xp.asarray(x, dtype=getattr(xp, dtype)),
        real_numeric,
        params=other_dtype_name,
        chainable=False,
    ),
    op(
        "asarray-other-dtype-copy-false",
        "copy",
        XP,
        "{xp}.asarray({x}, dtype={xp}.{dtype}, copy=False)",
        lambda xp, x, dtype: xp.asarray(x, dtype=getattr(xp, dtype), copy=False),
        real_numeric,
        params=other_dtype_name,
        rule=Rule.MUST_RAISE,
    ),
    op(
        "xp-astype-same",
        "dtype",
        XP,
        "{xp}.astype({x}, {xp}.{dtype})",
        lambda xp, x, dtype: xp.astype(x, getattr(xp, dtype)),
        any_dtype,
        params=same_dtype_name,
        rule=Rule.MUST_COPY,
    ),
    op(
        "xp-astype-same-copy-false",
        "dtype",
        XP,
        "{xp}.astype({x}, {xp}.{dtype}, copy=False)",
        lambda xp, x, dtype: xp.astype(x, getattr(xp, dtype), copy=False),
        any_dtype,
        params=same_dtype_name,
        rule=Rule.SAME_OBJECT,
    ),
    op(
        "xp-astype-other",
        "dtype",
        XP,
        "{xp}.astype({x}, {xp}.{dtype})",
        lambda xp, x, dtype: xp.astype(x, getattr(xp, dtype)),
        real_numeric,
        params=other_dtype_name,
        rule=Rule.MUST_COPY,
    ),
    op(
        "xp-astype-other-copy-false",
        "dtype",
        XP,
        "{xp}.astype({x}, {xp}.{dtype}, copy=False)",
        lambda xp, x, dtype: xp.astype(x, getattr(xp, dtype), copy=False),
        real_numeric,
        params=other_dtype_name,
        rule=Rule.MUST_COPY,
    ),
    op(
        "xp-reshape-flat",
        "shape",
        XP,
        "{xp}.reshape({x}, (-1,))",
        lambda xp, x: xp.reshape(x, (-1,)),
    ),
    op(
        "xp-reshape-flat-copy-true",
        "shape",
        XP,
        "{xp}.reshape({x}, (-1,), copy=True)",
        lambda xp, x: xp.reshape(x, (-1,), copy=True),
        rule=Rule.MUST_COPY,
    ),
    op(
        "xp-reshape-flat-copy-false",
        "shape",
        XP,
        "{xp}.reshape({x}, (-1,), copy=False)",
        lambda xp, x: xp.reshape(x, (-1,), copy=False),
        rule=Rule.MUST_NOT_COPY,
    ),
    op(
        "xp-reshape-same-copy-false",
        "shape",
        XP,
        "{xp}.reshape({x}, {shape}, copy=False)",
        lambda xp, x, shape: xp.reshape(x, shape, copy=False),
        params=same_shape,
        rule=Rule.MUST_NOT_COPY,
    ),
    op(
        "from-dlpack",
        "interchange",
        XP,
        "{xp}.from_dlpack({x})",
        lambda xp, x: xp.from_dlpack(x),
        chainable=False,
    ),
    op(
        "from-dlpack-copy-true",
        "interchange",
        XP,
        "{xp}.from_dlpack({x}, copy=True)",
        lambda xp, x: xp.from_dlpack(x, copy=True),
        rule=Rule.MUST_COPY,
        chainable=False,
    ),
    op(
        "from-dlpack-copy-false",
        "interchange",
        XP,
        "{xp}.from_dlpack({x}, copy=False)",
        lambda xp, x: xp.from_dlpack(x, copy=False),
        rule=Rule.MUST_NOT_COPY,
        chainable=False,
    ),
    _dlpack_op(True, Rule.MUST_COPY),
    _dlpack_op(False, Rule.MUST_NOT_COPY),
    op(
        "permute-dims",
        "transpose",
        XP,
        "{xp}.permute_dims({x}, {axes})",
        lambda xp, x, axes: xp.permute_dims(x, axes),
        params=reversed_axes,
    ),
    op(
        "matrix-transpose",
        "transpose",
        XP,
        "{xp}.matrix_transpose({x})",
        lambda xp, x: xp.matrix_transpose(x),
        all_of(f64, nd(2)),
    ),
    op(
        "xp-expand-dims",
        "shape",
        XP,
        "{xp}.expand_dims({x}, axis=0)",
        lambda xp, x: xp.expand_dims(x, axis=0),
    ),
    op(
        "xp-squeeze",
        "shape",
        XP,
        "{xp}.squeeze({x}, axis={axis})",
        lambda xp, x, axis: xp.squeeze(x, axis=axis),
        all_of(f64, unit_axis),
        params=first_unit_axis,
    ),
    op("flip", "shape", XP, "{xp}.flip({x})", lambda xp, x: xp.flip(x)),
    op(
        "xp-broadcast-to",
        "shape",
        XP,
        "{xp}.broadcast_to({x}, {shape})",
        lambda xp, x, shape: xp.broadcast_to(x, shape),
        params=broadcast_shape,
    ),
    op(
        "xp-take",
        "functions",
        XP,
        "{xp}.take({x}, {xp}.asarray([0]), axis=0)",
        lambda xp, x: xp.take(x, xp.asarray([0]), axis=0),
        all_of(f64, nonempty),
    ),
)
