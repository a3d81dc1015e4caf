"""Differential test: random chains of operations on random layouts, NumPy vs reference_impl.

An input is built the same way in both libraries (an owning array of some dtype, reshaped,
sliced with any steps, maybe transposed or broadcast), then at least three operations drawn
from `OPS` are applied in turn. After every step the two libraries must agree on the result
(values, dtype, shape, strides, kind, ``.base`` target, flags), on ``shares_memory`` with every
earlier array of the chain, and on the values of every earlier array (in-place writes).
"""

from __future__ import annotations

import operator
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from math import prod
from typing import Any

import numpy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layout_strategies import DTYPES
from numpy_compare import LIBRARIES, differences, outcome

ORDERS = ["C", "F", "A", "K"]

Draw = Callable[[st.SearchStrategy[Any], str], Any]


@dataclass(frozen=True)
class InputRecipe:
    """How to build the input: owner -> reshape -> slices -> transpose -> broadcast."""

    dtype: str
    halves: bool  # values -1.5, -1, ..., 1.5 (truncated for integer dtypes) instead of -3..3
    shape: tuple[int, ...]
    slices: tuple[slice, ...]
    perm: tuple[int, ...] | None
    broadcast: int | None

    def build(self, xp: Any) -> list[Any]:
        size = prod(self.shape)
        values = xp.arange(size) % 7 - 3
        owner = (values * 0.5 if self.halves else values).astype(getattr(xp, self.dtype))
        arr = owner.reshape(self.shape)[self.slices or ...]
        if self.perm is not None:
            arr = arr.transpose(self.perm)
        if self.broadcast is not None:
            arr = xp.broadcast_to(arr, (self.broadcast, *arr.shape))
        return [owner, arr]


def _slice(n: int) -> st.SearchStrategy[slice]:
    bound = st.one_of(st.none(), st.integers(-n - 1, n + 1))
    return st.builds(slice, bound, bound, st.sampled_from([None, 1, 2, 3, -1, -2]))


@st.composite
def input_recipes(draw: Any) -> InputRecipe:
    shape = tuple(draw(st.lists(st.integers(0, 4), max_size=4), label="base shape"))
    slices = tuple(draw(_slice(n), label=f"slice axis {i}") for i, n in enumerate(shape))
    perm = draw(
        st.one_of(st.none(), st.permutations(range(len(shape)))).map(
            lambda p: None if p is None else tuple(p)
        ),
        label="transpose",
    )
    broadcast = draw(st.one_of(st.none(), st.none(), st.integers(0, 2)), label="broadcast")
    return InputRecipe(
        draw(st.sampled_from(DTYPES), label="dtype"),
        draw(st.booleans(), label="halves"),
        shape,
        slices,
        perm,
        broadcast,
    )


# -- the operation table ------------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    """One operation: draws its parameters from the input's shape, then applies them."""

    name: str
    params: Callable[[Draw, tuple[int, ...], str], dict[str, Any]]
    apply: Callable[[Any, Any, dict[str, Any]], Any]

    def __repr__(self) -> str:
        return self.name


def _none(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    return {}


def _axis(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    return {"axis": draw(st.integers(-len(shape) - 1, max(len(shape), 1)), "axis")}


def _basic_index(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    items: list[Any] = []
    for n in shape[: draw(st.integers(0, len(shape)), "indexed axes")]:
        items.append(draw(st.one_of(_slice(n), st.integers(-n - 1, n)), "item"))
    for _ in range(draw(st.integers(0, 2), "extras")):
        items.insert(
            draw(st.integers(0, len(items)), "at"), draw(st.sampled_from([None, Ellipsis]), "extra")
        )
    if draw(st.booleans(), "as tuple") or len(items) != 1:
        return {"index": tuple(items)}
    return {"index": items[0]}


def _int_list(n: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(-n, max(n - 1, 0)), max_size=3)


def _advanced_index(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    if not shape:
        return {"index": draw(st.sampled_from([True, False, ()]), "0-d index")}
    items: list[Any] = []
    for n in shape[: draw(st.integers(1, len(shape)), "indexed axes")]:
        kind = draw(
            st.sampled_from(["list", "slice", "int", "2d", "bool", "array0d", "transposed"]), "kind"
        )
        if kind == "list":
            items.append(draw(_int_list(n), "int list"))
        elif kind == "2d":
            row = st.lists(st.integers(-n, max(n - 1, 0)), min_size=2, max_size=2)
            items.append([draw(row, "row")])
        elif kind == "transposed":
            square = st.lists(st.integers(-n, max(n - 1, 0)), min_size=2, max_size=2)
            items.append(("T", [draw(square, "row 0"), draw(square, "row 1")]))
        elif kind == "slice":
            items.append(draw(_slice(n), "slice"))
        elif kind == "int":
            items.append(draw(st.integers(-n, max(n - 1, 0)), "int"))
        elif kind == "array0d":
            items.append(("0d", draw(st.integers(-n, max(n - 1, 0)), "0-d int")))
        else:
            items.append(draw(st.lists(st.booleans(), min_size=n, max_size=n), "mask"))
    if draw(st.booleans(), "bool scalar"):
        items.insert(draw(st.integers(0, len(items)), "at"), draw(st.booleans(), "scalar"))
    if draw(st.booleans(), "ellipsis"):
        items.insert(draw(st.integers(0, len(items)), "at"), Ellipsis)
    return {"index": tuple(items)}


def _realize(xp: Any, index: Any) -> Any:
    """Index items drawn as plain data, made arrays where the test asked for arrays."""
    if isinstance(index, tuple) and len(index) == 2 and index[0] == "0d":
        return xp.asarray(index[1])
    if isinstance(index, tuple) and len(index) == 2 and index[0] == "T":
        return xp.asarray(index[1]).T  # an index array that is not C-contiguous
    if isinstance(index, tuple):
        return tuple(_realize(xp, i) for i in index)
    return index


def _reshape(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    size = prod(shape)
    dims: list[int] = []
    rest = size
    for _ in range(draw(st.integers(0, 3), "new ndim")):
        divisors = [d for d in range(1, 5) if rest % d == 0] if rest else [0, 1, 2]
        d = draw(st.sampled_from(divisors), "dim")
        dims.append(d)
        rest = rest // d if d else rest
    if rest != 1 or not dims:
        dims.append(rest if size else 0)
    if size and draw(st.booleans(), "use -1"):
        dims[draw(st.integers(0, len(dims) - 1), "unknown at")] = -1
    return {
        "shape": tuple(dims),
        "order": draw(st.sampled_from(["C", "F", "A"]), "order"),
        "copy": draw(st.sampled_from([None, True, False]), "copy"),
        "method": draw(st.booleans(), "method"),
    }


def _apply_reshape(xp: Any, a: Any, p: dict[str, Any]) -> Any:
    if p["method"]:
        return a.reshape(p["shape"], order=p["order"], copy=p["copy"])
    return xp.reshape(a, p["shape"], order=p["order"], copy=p["copy"])


def _perm(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    return {"axes": tuple(draw(st.permutations(range(len(shape))), "axes"))}


def _two_axes(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    n = max(len(shape), 1)
    return {"a": draw(st.integers(-n, n - 1), "a"), "b": draw(st.integers(-n, n - 1), "b")}


def _order(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    return {"order": draw(st.sampled_from(ORDERS), "order")}


def _dtype_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    return {
        "dtype": draw(st.sampled_from([*DTYPES, dtype]), "dtype"),
        "copy": draw(st.booleans(), "copy"),
        "order": draw(st.sampled_from(ORDERS), "order"),
    }


def _asarray_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    return {
        "dtype": draw(st.sampled_from([None, dtype, "float64", "int32"]), "dtype"),
        "copy": draw(st.sampled_from([None, True, False]), "copy"),
        "order": draw(st.sampled_from([None, *ORDERS]), "order"),
        "ndmin": draw(st.integers(0, 3), "ndmin"),
    }


def _dt(xp: Any, name: str | None) -> Any:
    return None if name is None else getattr(xp, name)


def _scalar_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    ops = ["add", "sub", "mul", "floordiv", "mod", "eq", "lt", "ge", "and", "truediv"]
    if dtype.startswith("complex"):
        ops = ["add", "sub", "mul", "eq", "lt"]
    return {
        "op": draw(st.sampled_from(ops), "op"),
        "value": draw(st.sampled_from([0, 1, 2, -1, 300, 0.5, -1.5, True, 1j]), "value"),
        "reflected": draw(st.booleans(), "reflected"),
    }


def _apply_scalar(xp: Any, a: Any, p: dict[str, Any]) -> Any:
    fn = getattr(operator, p["op"] + ("_" if p["op"] == "and" else ""))
    return fn(p["value"], a) if p["reflected"] else fn(a, p["value"])


def _array_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    return {
        "op": draw(st.sampled_from(["add", "mul", "eq", "sub"]), "op"),
        "other": draw(st.sampled_from(["reversed", "first", "zero-d", "transposed"]), "other"),
        "dtype": draw(st.sampled_from(DTYPES), "other dtype"),
    }


def _apply_array(xp: Any, a: Any, p: dict[str, Any]) -> Any:
    fn = getattr(operator, p["op"])
    if p["other"] == "reversed":
        other = a[::-1] if a.ndim else a
    elif p["other"] == "first":
        other = a[..., :1]
    elif p["other"] == "transposed":
        other = a.T
    else:
        other = xp.asarray(2).astype(getattr(xp, p["dtype"]))
    return fn(a, other)


def _inplace_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    return {
        "op": draw(st.sampled_from(["iadd", "imul", "isub", "ior"]), "op"),
        "value": draw(st.sampled_from([1, 2, 0.5, True, -1]), "value"),
        "with_view": draw(st.booleans(), "from a view of itself"),
    }


def _apply_inplace(xp: Any, a: Any, p: dict[str, Any]) -> Any:
    other = a[::-1] if p["with_view"] and a.ndim else p["value"]
    return getattr(operator, p["op"])(a, other)


def _set_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    index = draw(st.sampled_from(["basic", "advanced"]), "index kind")
    params = (_basic_index if index == "basic" else _advanced_index)(draw, shape, dtype)
    params["value"] = draw(st.sampled_from([0, 5, -2, 1.5, [1], True]), "value")
    return params


def _apply_set(xp: Any, a: Any, p: dict[str, Any]) -> Any:
    a[_realize(xp, p["index"])] = p["value"]


def _split_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    return {
        "sections": draw(st.integers(1, 3), "sections"),
        "axis": draw(st.integers(0, max(len(shape) - 1, 0)), "axis"),
        "equal": draw(st.booleans(), "split (equal) or array_split"),
    }


def _apply_split(xp: Any, a: Any, p: dict[str, Any]) -> Any:
    fn = xp.split if p["equal"] else xp.array_split
    return fn(a, p["sections"], axis=p["axis"])


def _broadcast_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    new = [2 if n == 1 and draw(st.booleans(), "stretch") else n for n in shape]
    lead = draw(st.lists(st.integers(0, 2), max_size=2), "leading")
    return {"shape": (*lead, *new)}


def _window_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    axis = draw(st.integers(0, max(len(shape) - 1, 0)), "axis")
    n = shape[axis] if shape else 1
    return {"window": draw(st.integers(0, n + 1), "window"), "axis": axis}


def _fancy_inc_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    n = shape[0] if shape else 1
    return {"index": draw(_int_list(n), "repeated indices")}


def _apply_fancy_inc(xp: Any, a: Any, p: dict[str, Any]) -> Any:
    a[p["index"]] += 1


def _where_param(draw: Draw, shape: tuple[int, ...], dtype: str) -> dict[str, Any]:
    return {"other": draw(st.sampled_from([0, 1.5, "T"]), "other")}


def _apply_where(xp: Any, a: Any, p: dict[str, Any]) -> Any:
    other = (a[::-1] if a.ndim else a) if p["other"] == "T" else p["other"]
    return xp.where(a > 0, a, other)


def _index_get(xp: Any, a: Any, p: dict[str, Any]) -> Any:
    return a[_realize(xp, p["index"])]


def _stride_tricks(xp: Any) -> Any:
    return xp.lib.stride_tricks


OPS: list[Op] = [
    Op("basic index", _basic_index, _index_get),
    Op("advanced index", _advanced_index, _index_get),
    Op("mask from comparison", _none, lambda xp, a, p: a[a > 0]),
    Op("reshape", _reshape, _apply_reshape),
    Op("ravel", _order, lambda xp, a, p: a.ravel(p["order"])),
    Op("flatten", _order, lambda xp, a, p: a.flatten(p["order"])),
    Op("transpose", _perm, lambda xp, a, p: a.transpose(p["axes"])),
    Op(".T", _none, lambda xp, a, p: a.T),
    Op(".mT", _none, lambda xp, a, p: a.mT),
    Op("swapaxes", _two_axes, lambda xp, a, p: a.swapaxes(p["a"], p["b"])),
    Op("moveaxis", _two_axes, lambda xp, a, p: xp.moveaxis(a, p["a"], p["b"])),
    Op("squeeze", _none, lambda xp, a, p: a.squeeze()),
    Op("squeeze axis", _axis, lambda xp, a, p: xp.squeeze(a, axis=p["axis"])),
    Op("expand_dims", _axis, lambda xp, a, p: xp.expand_dims(a, p["axis"])),
    Op("atleast_1d", _none, lambda xp, a, p: xp.atleast_1d(a)),
    Op("atleast_2d", _none, lambda xp, a, p: xp.atleast_2d(a)),
    Op("atleast_3d", _none, lambda xp, a, p: xp.atleast_3d(a)),
    Op("split", _split_param, _apply_split),
    Op("broadcast_to", _broadcast_param, lambda xp, a, p: xp.broadcast_to(a, p["shape"])),
    Op("diagonal", _two_axes, lambda xp, a, p: a.diagonal(p["a"] % 3 - 1)),
    Op(
        "astype",
        _dtype_param,
        lambda xp, a, p: a.astype(getattr(xp, p["dtype"]), order=p["order"], copy=p["copy"]),
    ),
    Op("view", _dtype_param, lambda xp, a, p: a.view(getattr(xp, p["dtype"]))),
    Op(".real", _none, lambda xp, a, p: a.real),
    Op(".imag", _none, lambda xp, a, p: a.imag),
    Op("copy method", _order, lambda xp, a, p: a.copy(order=p["order"])),
    Op("copy function", _order, lambda xp, a, p: xp.copy(a, order=p["order"])),
    Op(
        "asarray",
        _asarray_param,
        lambda xp, a, p: xp.asarray(a, dtype=_dt(xp, p["dtype"]), order=p["order"], copy=p["copy"]),
    ),
    Op(
        "array",
        _asarray_param,
        lambda xp, a, p: xp.array(
            a, dtype=_dt(xp, p["dtype"]), copy=p["copy"], order=p["order"], ndmin=p["ndmin"]
        ),
    ),
    Op("ascontiguousarray", _none, lambda xp, a, p: xp.ascontiguousarray(a)),
    Op("asfortranarray", _none, lambda xp, a, p: xp.asfortranarray(a)),
    Op("arithmetic with a scalar", _scalar_param, _apply_scalar),
    Op("arithmetic with an array", _array_param, _apply_array),
    Op(
        "unary operator",
        lambda draw, shape, dtype: {
            "op": draw(st.sampled_from(["neg", "pos", "abs", "invert"]), "op")
        },
        lambda xp, a, p: getattr(operator, p["op"])(a),
    ),
    Op("in-place operator", _inplace_param, _apply_inplace),
    Op("setitem", _set_param, _apply_set),
    Op("a[idx] += 1", _fancy_inc_param, _apply_fancy_inc),
    Op("fill", _none, lambda xp, a, p: a.fill(1)),
    Op(
        "set writeable",
        lambda draw, shape, dtype: {"value": draw(st.booleans(), "value")},
        lambda xp, a, p: setattr(a.flags, "writeable", p["value"]),
    ),
    Op("take", _fancy_inc_param, lambda xp, a, p: xp.take(a, p["index"])),
    Op("sort function", _none, lambda xp, a, p: xp.sort(a)),
    Op("sort method", _none, lambda xp, a, p: a.sort()),
    Op("flip", _axis, lambda xp, a, p: xp.flip(a, None if p["axis"] > 3 else p["axis"])),
    Op(
        "elementwise function",
        lambda draw, shape, dtype: {
            "fn": draw(
                st.sampled_from(
                    ["floor", "ceil", "trunc", "round", "positive", "conj", "real", "imag"]
                ),
                "function",
            )
        },
        lambda xp, a, p: (
            getattr(xp, p["fn"])(a) if (p["fn"], a.dtype) != ("round", xp.bool) else None
        ),
    ),
    Op("clip", _none, lambda xp, a, p: xp.clip(a, -1, 1)),
    Op("minimum with reversed", _none, lambda xp, a, p: xp.minimum(a, a[::-1] if a.ndim else a)),
    Op(
        "reduction",
        lambda draw, shape, dtype: {
            "fn": draw(st.sampled_from(["sum", "max"]), "function"),
            "axis": draw(
                st.one_of(st.none(), st.just(()), st.integers(0, max(len(shape) - 1, 0))), "axis"
            ),
            "keepdims": draw(st.booleans(), "keepdims"),
        },
        lambda xp, a, p: getattr(xp, p["fn"])(a, axis=p["axis"], keepdims=p["keepdims"]),
    ),
    Op("where", _where_param, _apply_where),
    Op("nonzero", _none, lambda xp, a, p: xp.nonzero(a)),
    Op("as_strided", _none, lambda xp, a, p: _stride_tricks(xp).as_strided(a)),
    Op(
        "as_strided with a zero-stride axis",
        _none,
        lambda xp, a, p: _stride_tricks(xp).as_strided(a, (2, *a.shape), (0, *a.strides)),
    ),
    Op(
        "take along an axis",
        _split_param,
        lambda xp, a, p: xp.take(a, [0, -1][: p["sections"]], axis=p["axis"]),
    ),
    Op(
        "sliding_window_view",
        _window_param,
        lambda xp, a, p: _stride_tricks(xp).sliding_window_view(a, p["window"], axis=p["axis"]),
    ),
    Op(
        "shares_memory with a[::2]",
        _none,
        lambda xp, a, p: bool(xp.shares_memory(a, a[::2] if a.ndim else a)),
    ),
    Op(
        "may_share_memory with a[1::2]",
        _none,
        lambda xp, a, p: bool(xp.may_share_memory(a, a[1::2] if a.ndim else a)),
    ),
    Op("item", _none, lambda xp, a, p: a.item()),
    Op("tolist", _none, lambda xp, a, p: a.tolist()),
    Op("iterate", _none, lambda xp, a, p: list(a)),
]


def _apply(xp: Any, op: Op, arr: Any, params: dict[str, Any]) -> tuple[Any, bool]:
    """The result (or the exception raised), and whether NumPy cast a value it cannot represent:
    C leaves that result undefined, and NumPy's answer then depends on its code path."""
    with (
        warnings.catch_warnings(record=True) as caught,
        numpy.errstate(divide="ignore", over="ignore", under="ignore", invalid="warn"),
    ):
        warnings.simplefilter("always")
        try:
            result = op.apply(xp, arr, params)
        except Exception as exc:  # an error is an outcome to compare
            result = exc
    return result, any("encountered in cast" in str(w.message) for w in caught)


@settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
@given(data=st.data())
def test_random_operation_chains_agree_with_numpy(data: st.DataObject) -> None:
    recipe = data.draw(input_recipes(), label="input")
    known = {xp: recipe.build(xp) for xp in LIBRARIES}
    current = {xp: known[xp][-1] for xp in LIBRARIES}
    steps: list[str] = [repr(recipe)]
    np_, ref = LIBRARIES

    def draw(strategy: st.SearchStrategy[Any], label: str) -> Any:
        return data.draw(strategy, label=label)

    built = [
        differences(outcome(np_, a, known[np_][:i]), outcome(ref, b, known[ref][:i]))
        for i, (a, b) in enumerate(zip(known[np_], known[ref], strict=True))
    ]
    assert not any(built), f"{recipe!r} builds differently: {built}"
    for step in range(data.draw(st.integers(3, 5), label="chain length")):
        op = data.draw(st.sampled_from(OPS), label=f"operation {step}")
        params = op.params(draw, tuple(current[np_].shape), str(current[np_].dtype))
        steps.append(f"{op.name} {params}")
        applied = {xp: _apply(xp, op, current[xp], params) for xp in LIBRARIES}
        results = {xp: result for xp, (result, _) in applied.items()}
        undefined = applied[np_][1]
        expected = outcome(np_, results[np_], [current[np_], *known[np_]])
        actual = outcome(ref, results[ref], [current[ref], *known[ref]])
        problems = differences(expected, actual)
        for i, (a, b) in enumerate(zip(known[np_], known[ref], strict=True)):
            if outcome(np_, a, []).value != outcome(ref, b, []).value:
                problems.append(f"values of chain array {i} differ after the step")
        if undefined:  # compare everything but the values, then stop the chain
            problems = [p for p in problems if not p.startswith(("value=", "values of"))]
        assert not problems, "\n".join(
            [*steps, *problems, f"numpy: {results[np_]!r}", f"reference: {results[ref]!r}"]
        )
        if undefined:
            break
        for xp in LIBRARIES:
            result = results[xp]
            if isinstance(result, list) and result and isinstance(result[0], xp.ndarray):
                result = result[-1]
            if isinstance(result, xp.ndarray):
                known[xp].append(result)
                current[xp] = result
