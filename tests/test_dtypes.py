"""dtypes against NumPy: name resolution, promotion tables, safe and same-kind casting, casts."""

from __future__ import annotations

import itertools
import warnings

import numpy
import pytest

import reference_impl as ref
from reference_impl.dtypes import DTYPES, can_cast_safe, cast_value, dtype, result_type

NAMES = list(DTYPES)


@pytest.mark.parametrize(
    "spec",
    [
        "float64",
        "f8",
        "<f8",
        "d",
        "i4",
        "int",
        "float",
        "complex",
        "bool",
        "?",
        "u1",
        "B",
        "c8",
        "complex64",
        "l",
        "intp",
    ],
)
def test_string_specs_resolve_like_numpy(spec: str) -> None:
    assert dtype(spec).name == numpy.dtype(spec).name


@pytest.mark.parametrize("spec", [int, float, complex, bool])
def test_python_types_resolve_like_numpy(spec: type) -> None:
    assert dtype(spec).name == numpy.dtype(spec).name


@pytest.mark.parametrize("name", NAMES)
def test_numpy_dtype_objects_and_scalar_types_resolve_by_name(name: str) -> None:
    assert dtype(numpy.dtype(name)) is DTYPES[name]
    assert dtype(getattr(numpy, name if name != "bool" else "bool_")) is DTYPES[name]
    assert getattr(ref, name) is DTYPES[name]


@pytest.mark.parametrize("name", NAMES)
def test_typestr_and_itemsize_match_numpy(name: str) -> None:
    assert (DTYPES[name].str, DTYPES[name].itemsize) == (
        numpy.dtype(name).str,
        numpy.dtype(name).itemsize,
    )


def test_unknown_dtype_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        dtype("float16")


def test_dtype_equality_accepts_specs_like_numpy() -> None:
    assert ref.float64 == "f8" and ref.float64 == numpy.float64 and ref.int8 != ref.uint8


def test_promotion_table_matches_numpy() -> None:
    for a, b in itertools.product(NAMES, repeat=2):
        expected = numpy.result_type(a, b).name
        assert result_type(DTYPES[a], DTYPES[b]).name == expected, (a, b)


def test_safe_casting_table_matches_numpy() -> None:
    for a, b in itertools.product(NAMES, repeat=2):
        assert can_cast_safe(DTYPES[a], DTYPES[b]) == numpy.can_cast(a, b, "safe"), (a, b)


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (300, "uint8"),
        (-1, "uint16"),
        (2**40, "int32"),
        (-2.7, "int16"),
        (2.7, "uint8"),
        (1e40, "float32"),
        (0.1, "float32"),
        (3 + 4j, "float64"),
        (0.0, "bool"),
        (-0.5, "bool"),
        (1 + 1j, "complex64"),
        (2**64 - 1, "uint64"),
        # Out of range: undefined in C; these are NumPy's scalar answers on x86-64.
        (3e9, "int32"),
        (3e9, "int16"),
        (-3e9, "uint32"),
        (1e19, "uint64"),
        (1e20, "uint64"),
        (float("nan"), "int64"),
        (float("inf"), "uint8"),
        (70000.5, "int8"),
    ],
)
def test_unsafe_casts_match_numpy(value: object, name: str) -> None:
    with numpy.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = numpy.array(value).astype(name).item()
    assert cast_value(value, DTYPES[name]) == expected
