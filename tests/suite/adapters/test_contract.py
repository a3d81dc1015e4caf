"""The adapter contract, checked on every registered adapter (one parametrized test, no copies).

Each registered name is loaded as ``copyview run NAME`` would load it; an adapter whose library
is missing or unusable here (CuPy without a GPU) is skipped with the registry's own reason.
What is checked holds for any library: the name and version, promises from the vocabulary,
inputs built with the suite's values and shape (or refused as not buildable), memory reports
that agree with the array's own shape, reads that give the values, writes that stick on a
mutable library, and own operations and hand-offs that name the adapter.
"""

from __future__ import annotations

import numpy as np
import pytest

from conformance.adapters import BackendError, load, registered
from conformance.adapters.base import Adapter
from conformance.model.catalogue import BY_ID
from conformance.model.inputs import ALL_INPUTS, InputSpec
from conformance.vocabulary import PROFILES

NAMES = sorted(registered())


@pytest.fixture(scope="module", params=NAMES)
def adapter(request: pytest.FixtureRequest) -> Adapter:
    try:
        return load(request.param)
    except BackendError as exc:
        pytest.skip(str(exc))


def _built(adapter: Adapter) -> list[tuple[InputSpec, object]]:
    """The curated inputs this library can hold (a refusal is NotImplementedError)."""
    out = []
    for spec in ALL_INPUTS:
        try:
            out.append((spec, adapter.build(spec.recipe())))
        except (NotImplementedError, TypeError, ValueError, IndexError):
            continue
    return out


def _expected_values(spec: InputSpec) -> np.ndarray:
    return load("numpy").to_host(load("numpy").build(spec.recipe()))


def test_identity_and_promises(adapter: Adapter) -> None:
    assert adapter.name in NAMES
    assert adapter.version and adapter.version != "unknown"
    assert set(adapter.promised_profiles) <= set(PROFILES)
    assert not (adapter.capabilities.immutable and adapter.capabilities.mutable), (
        "an immutable library cannot also take writes"
    )


def test_inputs_build_with_the_suites_values_shape_and_dtype(adapter: Adapter) -> None:
    built = _built(adapter)
    assert built, "the library could hold none of the suite's inputs"
    for spec, x in built:
        assert adapter.is_array(x), spec.id
        assert adapter.shape(x) == spec.shape, spec.id
        assert adapter.dtype_name(x) == spec.dtype, spec.id
        np.testing.assert_array_equal(adapter.to_host(x), _expected_values(spec), err_msg=spec.id)


def test_memory_reports_agree_with_the_arrays_own_shape(adapter: Adapter) -> None:
    for spec, x in _built(adapter):
        report = adapter.memory(x)
        if report is None:  # the library cannot say: allowed, never a guess
            continue
        assert report.layout.shape == adapter.shape(x), spec.id
        assert len(report.layout.strides) == len(report.layout.shape), spec.id
        assert report.layout.itemsize == np.dtype(spec.dtype).itemsize, spec.id


def test_read_gives_the_first_value(adapter: Adapter) -> None:
    for spec, x in _built(adapter):
        if 0 in spec.shape:
            continue
        first = (0,) * len(spec.shape)
        assert adapter.read(x, first) == _expected_values(spec)[first], spec.id


def test_writes_stick_on_a_mutable_library_and_fail_on_an_immutable_one(adapter: Adapter) -> None:
    spec = next(s for s in ALL_INPUTS if s.id == "contiguous-2d-float64")
    x = adapter.build(spec.recipe())
    if adapter.capabilities.immutable:
        with pytest.raises(Exception):  # noqa: B017 (each library raises its own type)
            adapter.write(x, (0, 0), 41.0)
        return
    host = adapter.to_host(x)
    adapter.write(x, (0, 0), 41.0)
    assert adapter.read(x, (0, 0)) == 41.0
    adapter.assign(x, host)
    np.testing.assert_array_equal(adapter.to_host(x), host)


def test_own_operations_and_handoffs_name_this_adapter(adapter: Adapter) -> None:
    assert not {op.id for op in adapter.operations} & set(BY_ID), "reuses a catalogue id"
    for handoff in adapter.handoffs:
        assert adapter.name in (handoff.sender, handoff.receiver), handoff.id


def test_repro_input_rebuilds_the_values_with_the_library_alone(adapter: Adapter) -> None:
    spec, x = _built(adapter)[0]
    scope: dict[str, object] = {}
    exec("\n".join(adapter.repro_imports()), scope)
    rebuilt = eval(adapter.repro_input(spec.recipe()), scope)
    np.testing.assert_array_equal(adapter.to_host(rebuilt), adapter.to_host(x))
