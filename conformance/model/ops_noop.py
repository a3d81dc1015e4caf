"""Functions in their no-op forms: calls that could hand back their input, or a view of it.

A library may be tempted to answer these with the input itself, and a user who then writes to
the result changes the input. Every function that may return its input runs here in each form
that changes nothing: all optional arguments left out, bounds that change nothing, reductions
over no axes, casts and conversions to the same dtype, reshapes to the same shape, squeeze with
no unit axis, identity permutations, repetitions of one, moves of an axis onto itself.
Enumerated from the Array API standard (2024.12) and NumPy's reference. Whether the result is
the same object, a view or a copy is observed on every backend; the ``numpy`` profile judges
it against reference_impl, the ``array-api`` profile where the standard has a rule
(``astype(copy=False)`` with the same dtype must return the input itself).
"""

from __future__ import annotations

from typing import Any

from conformance.model.operations import Operand, Operation
from conformance.model.predicates import (
    all_of,
    any_dtype,
    f64,
    first_unit_axis,
    integer,
    nd,
    numeric,
    op,
    real_numeric,
    same_dtype,
    same_shape,
    unit_axis,
)
from conformance.vocabulary import Api

XP, NP, SYN = Api.ARRAY_API, Api.NUMPY, Api.SYNTAX
NOOP = "no-op"


def _identity_axes(o: Operand) -> dict[str, Any]:
    return {"axes": tuple(range(len(o.shape)))}


def _ones(o: Operand) -> dict[str, Any]:
    return {"reps": (1,) * len(o.shape)}


def _first_axis_length(o: Operand) -> dict[str, Any]:
    return {"n": o.shape[0]}


def _unsigned(o: Operand) -> bool:
    return o.dtype.startswith("uint")


def _no_unit_axis(o: Operand) -> bool:
    return o.dtype == "float64" and 1 not in o.shape


#: The no-op forms, in the order results list them.
OPERATIONS: tuple[Operation, ...] = (
    # shape: reshapes, squeezes, permutations and moves that change nothing
    op(
        "xp-reshape-same",
        NOOP,
        XP,
        "{xp}.reshape({x}, {shape})",
        lambda xp, x, shape: xp.reshape(x, shape),
        params=same_shape,
    ),
    op(
        "xp-squeeze-no-axes",
        NOOP,
        XP,
        "{xp}.squeeze({x}, axis=())",
        lambda xp, x: xp.squeeze(x, axis=()),
    ),
    op("squeeze-no-unit-axis", NOOP, NP, "{x}.squeeze()", lambda xp, x: x.squeeze(), _no_unit_axis),
    op(
        "permute-dims-identity",
        NOOP,
        XP,
        "{xp}.permute_dims({x}, {axes})",
        lambda xp, x, axes: xp.permute_dims(x, axes),
        params=_identity_axes,
    ),
    op(
        "moveaxis-same",
        NOOP,
        XP,
        "{xp}.moveaxis({x}, 0, 0)",
        lambda xp, x: xp.moveaxis(x, 0, 0),
        all_of(f64, nd(1)),
    ),
    op(
        "swapaxes-same",
        NOOP,
        NP,
        "{x}.swapaxes(0, 0)",
        lambda xp, x: x.swapaxes(0, 0),
        all_of(f64, nd(1)),
    ),
    op("flip-no-axes", NOOP, XP, "{xp}.flip({x}, axis=())", lambda xp, x: xp.flip(x, axis=())),
    op("roll-zero", NOOP, XP, "{xp}.roll({x}, 0)", lambda xp, x: xp.roll(x, 0)),
    op(
        "rot90-zero",
        NOOP,
        NP,
        "{xp}.rot90({x}, 0)",
        lambda xp, x: xp.rot90(x, 0),
        all_of(f64, nd(2)),
    ),
    op(
        "broadcast-to-same",
        NOOP,
        XP,
        "{xp}.broadcast_to({x}, {shape})",
        lambda xp, x, shape: xp.broadcast_to(x, shape),
        params=same_shape,
    ),
    op(
        "broadcast-arrays-one",
        NOOP,
        XP,
        "{xp}.broadcast_arrays({x})[0]",
        lambda xp, x: xp.broadcast_arrays(x)[0],
    ),
    op(
        "tile-ones",
        NOOP,
        XP,
        "{xp}.tile({x}, {reps})",
        lambda xp, x, reps: xp.tile(x, reps),
        all_of(f64, nd(1)),
        params=_ones,
    ),
    op(
        "repeat-one",
        NOOP,
        XP,
        "{xp}.repeat({x}, 1, axis=0)",
        lambda xp, x: xp.repeat(x, 1, axis=0),
        all_of(f64, nd(1)),
    ),
    op(
        "concat-one",
        NOOP,
        XP,
        "{xp}.concat([{x}])",
        lambda xp, x: xp.concat([x]),
        all_of(f64, nd(1)),
    ),
    op(
        "take-all",
        NOOP,
        XP,
        "{xp}.take({x}, {xp}.arange({n}), axis=0)",
        lambda xp, x, n: xp.take(x, xp.arange(n), axis=0),
        all_of(f64, nd(1)),
        params=_first_axis_length,
    ),
    op(
        "resize-same",
        NOOP,
        NP,
        "{xp}.resize({x}, {shape})",
        lambda xp, x, shape: xp.resize(x, shape),
        params=same_shape,
    ),
    # conversions to what the array already is
    op("asanyarray", NOOP, NP, "{xp}.asanyarray({x})", lambda xp, x: xp.asanyarray(x)),
    op("require", NOOP, NP, "{xp}.require({x})", lambda xp, x: xp.require(x)),
    op(
        "xp-asarray-same-dtype",
        NOOP,
        XP,
        "{xp}.asarray({x}, dtype={x}.dtype)",
        lambda xp, x: xp.asarray(x, dtype=x.dtype),
        any_dtype,
    ),
    op(
        "asarray-same-device",
        NOOP,
        XP,
        "{xp}.asarray({x}, device={x}.device)",
        lambda xp, x: xp.asarray(x, device=x.device),
    ),
    op(
        "to-device-same",
        NOOP,
        SYN,
        "{x}.to_device({x}.device)",
        lambda xp, x: x.to_device(x.device),
    ),
    op(
        "view-same-dtype",
        NOOP,
        NP,
        "{x}.view({dtype})",
        lambda xp, x, dtype: x.view(dtype),
        any_dtype,
        params=same_dtype,
    ),
    op(
        "real-if-close",
        NOOP,
        NP,
        "{xp}.real_if_close({x})",
        lambda xp, x: xp.real_if_close(x),
        real_numeric,
    ),
    op("nan-to-num", NOOP, NP, "{xp}.nan_to_num({x})", lambda xp, x: xp.nan_to_num(x), numeric),
    # reductions over no axes, or over a length-1 axis
    op(
        "sum-no-axes",
        NOOP,
        XP,
        "{xp}.sum({x}, axis=())",
        lambda xp, x: xp.sum(x, axis=()),
        numeric,
    ),
    op(
        "sum-unit-axis",
        NOOP,
        XP,
        "{xp}.sum({x}, axis={axis}, keepdims=True)",
        lambda xp, x, axis: xp.sum(x, axis=axis, keepdims=True),
        all_of(f64, unit_axis),
        params=first_unit_axis,
    ),
    op(
        "max-unit-axis",
        NOOP,
        XP,
        "{xp}.max({x}, axis={axis}, keepdims=True)",
        lambda xp, x, axis: xp.max(x, axis=axis, keepdims=True),
        all_of(f64, unit_axis),
        params=first_unit_axis,
    ),
    op("clip-no-bounds", NOOP, XP, "{xp}.clip({x})", lambda xp, x: xp.clip(x), real_numeric),
    op(
        "clip-no-op",
        NOOP,
        XP,
        "{xp}.clip({x}, 0, 100)",
        lambda xp, x: xp.clip(x, 0, 100),
        real_numeric,
    ),
    op("positive", NOOP, XP, "{xp}.positive({x})", lambda xp, x: xp.positive(x), numeric),
    op("conj", NOOP, XP, "{xp}.conj({x})", lambda xp, x: xp.conj(x), numeric),
    op("real-function", NOOP, XP, "{xp}.real({x})", lambda xp, x: xp.real(x), numeric),
    op("round", NOOP, XP, "{xp}.round({x})", lambda xp, x: xp.round(x), integer),
    op("floor", NOOP, XP, "{xp}.floor({x})", lambda xp, x: xp.floor(x), integer),
    op("ceil", NOOP, XP, "{xp}.ceil({x})", lambda xp, x: xp.ceil(x), integer),
    op("trunc", NOOP, XP, "{xp}.trunc({x})", lambda xp, x: xp.trunc(x), integer),
    op(
        "where-all-true",
        NOOP,
        XP,
        "{xp}.where({x} == {x}, {x}, {x})",
        lambda xp, x: xp.where(x == x, x, x),
        real_numeric,
    ),
    op(
        "minimum-self",
        NOOP,
        XP,
        "{xp}.minimum({x}, {x})",
        lambda xp, x: xp.minimum(x, x),
        real_numeric,
    ),
    op(
        "maximum-self",
        NOOP,
        XP,
        "{xp}.maximum({x}, {x})",
        lambda xp, x: xp.maximum(x, x),
        real_numeric,
    ),
    op(
        "sort-sorted",
        NOOP,
        XP,
        "{xp}.sort({x})",
        lambda xp, x: xp.sort(x),
        all_of(real_numeric, nd(1)),
    ),
    op(
        "prod-no-axes",
        NOOP,
        XP,
        "{xp}.prod({x}, axis=())",
        lambda xp, x: xp.prod(x, axis=()),
        numeric,
    ),
    op(
        "max-no-axes",
        NOOP,
        XP,
        "{xp}.max({x}, axis=())",
        lambda xp, x: xp.max(x, axis=()),
        real_numeric,
    ),
    op(
        "min-no-axes",
        NOOP,
        XP,
        "{xp}.min({x}, axis=())",
        lambda xp, x: xp.min(x, axis=()),
        real_numeric,
    ),
    op("abs-unsigned", NOOP, XP, "{xp}.abs({x})", lambda xp, x: xp.abs(x), _unsigned),
)
