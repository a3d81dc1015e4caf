"""Adapters and the registry: loading by name, spelling, module:attribute, the generic
fallback, one-line errors, and layouts reported in absolute bytes."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.adapters import BackendError, load, registered
from conformance.adapters.generic import GenericArrayAPIAdapter
from conformance.model.inputs import ALL_INPUTS, InputSpec


def test_builtin_backends_are_registered_through_entry_points() -> None:
    assert {"numpy", "reference_impl", "array_api_strict"} <= set(registered())


@pytest.mark.parametrize("spelling", ["array_api_strict", "array-api-strict"])
def test_array_api_strict_accepts_both_spellings(spelling: str) -> None:
    assert load(spelling).name == "array_api_strict"


def test_module_attribute_names_an_adapter() -> None:
    adapter = load("conformance.adapters.numpy_adapter:adapter")
    assert adapter.name == "numpy"


def test_unregistered_array_api_module_gets_the_generic_adapter() -> None:
    adapter = load("array_api_compat.numpy")
    assert isinstance(adapter, GenericArrayAPIAdapter)
    assert adapter.namespace("numpy") is None
    assert adapter.promised_profiles == ("array-api", "consistency")


@pytest.mark.parametrize("spec", ["no_such_library_xyz", "numpy.linalg:nothing_here", "json"])
def test_bad_backend_is_a_one_line_error(spec: str) -> None:
    with pytest.raises(BackendError) as info:
        load(spec)
    assert "\n" not in str(info.value)


def test_missing_dependency_says_what_to_install(tmp_path, monkeypatch) -> None:
    (tmp_path / "needs_missing_lib.py").write_text("import not_installed_lib_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(BackendError, match=r"not_installed_lib_xyz.*install"):
        load("needs_missing_lib:adapter")


def test_numpy_memory_report_is_absolute_with_byte_strides() -> None:
    adapter = load("numpy")
    base = np.arange(24.0).reshape(4, 6)
    view = base[::-1, 1::2]
    report = adapter.memory(view)
    assert report.layout.offset == base.ctypes.data + 3 * 48 + 8
    assert report.layout.strides == (-48, 16)
    assert report.layout.itemsize == 8
    assert report.readonly is False


def buildable(adapter: object, spec: InputSpec) -> bool:
    """Can ``adapter`` make ``spec``? Only inputs that need a feature some libraries lack
    (read-only arrays, an address that is no multiple of the itemsize) may be refused."""
    try:
        adapter.build(spec.recipe())  # type: ignore[attr-defined]
    except NotImplementedError:
        assert spec.readonly or (spec.align or 0) % spec.itemsize, spec.id
        return False
    return True


@pytest.mark.parametrize("name", ["reference_impl", "array_api_strict"])
def test_every_suite_input_builds_with_numpys_values_and_shape(name: str) -> None:
    numpy_adapter, adapter = load("numpy"), load(name)
    for spec in (s for s in ALL_INPUTS if buildable(adapter, s)):
        expected = numpy_adapter.to_host(numpy_adapter.build(spec.recipe()))
        built = adapter.build(spec.recipe())
        assert adapter.shape(built) == spec.shape, spec.id
        assert adapter.dtype_name(built) == spec.dtype, spec.id
        np.testing.assert_array_equal(adapter.to_host(built), expected, err_msg=spec.id)


def _moving_strides(layout) -> tuple[int, ...]:
    """Strides of axes longer than 1: the others never move through memory."""
    return tuple(s for n, s in zip(layout.shape, layout.strides, strict=True) if n > 1)


@pytest.mark.parametrize("name", ["numpy", "reference_impl", "array_api_strict"])
def test_input_strides_match_numpy(name: str) -> None:
    numpy_adapter, adapter = load("numpy"), load(name)
    for spec in (s for s in ALL_INPUTS if buildable(adapter, s)):
        want = numpy_adapter.memory(numpy_adapter.build(spec.recipe())).layout
        got = adapter.memory(adapter.build(spec.recipe())).layout
        assert _moving_strides(got) == _moving_strides(want), spec.id
