"""An operation a library does not have is not-applicable, except where the standard requires it."""

from __future__ import annotations

import types
from typing import Any

import numpy as np
import pytest

from conformance.adapters.numpy_adapter import NumpyAdapter
from conformance.judge.profiles import JUDGES
from conformance.model.cases import single
from conformance.model.catalogue import BY_ID
from conformance.model.inputs import InputSpec
from conformance.observe.observer import is_missing, observe

SPEC = InputSpec("contiguous-1d-float64", "float64", (6,))

#: NumPy without ``transpose`` and ``from_dlpack``: a library that lacks both.
LACKING = types.SimpleNamespace(
    **{
        name: getattr(np, name)
        for name in dir(np)
        if name not in ("transpose", "from_dlpack") and not name.startswith("__")
    }
)


class _LackingAdapter(NumpyAdapter):
    name = "lacking"

    def namespace(self, api: str) -> Any:
        return LACKING


def _caught(call: Any) -> BaseException:
    try:
        call()
    except Exception as exc:
        return exc
    raise AssertionError("did not raise")


def test_attribute_lookup_on_the_namespace_or_operand_means_missing() -> None:
    x = np.arange(3.0)
    assert is_missing(_caught(lambda: np.no_such_function), np, x)
    assert is_missing(_caught(lambda: x.no_such_method), np, x)
    assert is_missing(_caught(lambda: np.linalg.no_such_function), np, x)
    assert is_missing(NotImplementedError("not modelled"), np, x)


def test_attribute_error_raised_inside_the_library_is_a_failure_not_missing() -> None:
    x, other = np.arange(3.0), np.arange(2.0)
    assert not is_missing(_caught(lambda: other.no_such_method), np, x)
    assert not is_missing(AttributeError("can't set attribute 'shape'"), np, x)
    assert not is_missing(TypeError("unsupported"), np, x)


@pytest.mark.parametrize("profile", ["numpy", "consistency"])
def test_a_missing_function_is_not_applicable(profile: str) -> None:
    case = single(BY_ID["transpose"], SPEC)
    seen = observe(_LackingAdapter(), case)
    assert (seen.cls, seen.error, seen.missing) == ("not-applicable", "AttributeError", True)
    expected = observe(NumpyAdapter(), case)
    assert JUDGES[profile](case, expected, seen).verdict == "not-applicable"


def test_a_missing_function_the_standard_requires_fails_the_array_api_profile() -> None:
    case = single(BY_ID["from-dlpack-copy-true"], SPEC)
    seen = observe(_LackingAdapter(), case)
    assert seen.cls == "not-applicable"
    judgement = JUDGES["array-api"](case, None, seen)
    assert judgement.verdict == "fail"
    assert "requires" in judgement.message
