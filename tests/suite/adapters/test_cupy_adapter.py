"""The CuPy adapter: a clean "skipped" without a GPU; layouts and claims where a GPU exists."""

from __future__ import annotations

import subprocess
import sys
import types

import numpy as np
import pytest

from conformance.adapters import BackendError, load
from conformance.adapters.cupy_adapter import CupyAdapter, load_cupy
from conformance.adapters.numpy_adapter import adapter as numpy_adapter
from conformance.model.cases import curated_cases
from conformance.model.inputs import LAYOUT_INPUTS
from conformance.observe.observer import observe


def _unusable_reason() -> str | None:
    try:
        load_cupy()
    except BackendError as exc:
        return str(exc)
    return None


UNUSABLE = _unusable_reason()
needs_gpu = pytest.mark.skipif(UNUSABLE is not None, reason=UNUSABLE or "")


@pytest.mark.skipif(UNUSABLE is None, reason="a usable GPU is present: nothing is skipped")
def test_loading_without_a_gpu_is_a_one_line_skip() -> None:
    with pytest.raises(BackendError) as info:
        load("cupy")
    message = str(info.value)
    assert message.startswith("backend 'cupy' skipped: ") and "\n" not in message


@pytest.mark.skipif(UNUSABLE is None, reason="a usable GPU is present: nothing is skipped")
def test_cli_exits_2_with_the_reason_when_no_gpu_is_usable() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "conformance.cli", "run", "cupy", "--max-examples", "0"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "skipped" in lines[0] and UNUSABLE in lines[0]


@pytest.fixture(scope="module")
def adapter():
    return load("cupy")


@needs_gpu
def test_memory_reports_device_address_and_byte_strides(adapter) -> None:
    x = adapter.from_host(np.arange(12.0).reshape(3, 4))
    report = adapter.memory(x[1:, ::2])
    assert report.layout.offset == x.data.ptr + 32
    assert report.layout.strides == (32, 16) and report.layout.itemsize == 8
    assert adapter.capabilities.device.startswith("cuda:")


@needs_gpu
def test_transpose_is_a_view_with_numpy_claims(adapter) -> None:
    x = adapter.from_host(np.arange(12.0).reshape(3, 4))
    y = x.T
    assert adapter.base(y) is x
    assert adapter.shares_memory(x, y) and adapter.may_share_memory(x, y)
    adapter.write(y, (0, 1), -1.0)
    assert adapter.read(x, (1, 0)) == -1.0


@needs_gpu
def test_copy_does_not_share_memory(adapter) -> None:
    x = adapter.from_host(np.arange(6.0))
    y = x.copy()
    assert adapter.base(y) is None and not adapter.shares_memory(x, y)
    assert adapter.flags(y)["owndata"] is True
    np.testing.assert_array_equal(adapter.to_host(y), np.arange(6.0))


def test_installed_cupy_without_a_gpu_is_skipped_with_that_reason(monkeypatch) -> None:
    import types

    # A CuPy that imports but finds no device, as on a CPU-only machine with the wheel.
    fake = types.ModuleType("cupy")
    fake.is_available = lambda: False  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cupy", fake)
    with pytest.raises(BackendError, match=r"^backend 'cupy' skipped: no usable CUDA GPU"):
        load("cupy")


# -- the adapter's own code on host memory (no GPU needed) ------------------------------------


class HostArray(np.ndarray):
    """A NumPy array that also speaks CuPy's ``__cuda_array_interface__`` (version 3)."""

    @property
    def __cuda_array_interface__(self) -> dict:
        interface = self.__array_interface__
        return {
            "shape": interface["shape"],
            "typestr": interface["typestr"],
            "data": interface["data"],
            "strides": interface["strides"],
            "version": 3,
        }


class HostCupy:
    """The part of the ``cupy`` module the adapter uses, over host memory."""

    ndarray = HostArray
    __version__ = "host-double"
    cuda = types.SimpleNamespace(Device=lambda: types.SimpleNamespace(id=0))

    def __getattr__(self, name: str) -> object:
        return getattr(np, name)

    @staticmethod
    def array(obj: object, **kwargs: object) -> HostArray:
        return np.array(obj, **kwargs).view(HostArray)

    @staticmethod
    def asarray(obj: object, **kwargs: object) -> HostArray:
        return np.asarray(obj, **kwargs).view(HostArray)

    @staticmethod
    def asnumpy(x: object) -> np.ndarray:
        return np.asarray(x)


@pytest.fixture(scope="module")
def host_adapter() -> CupyAdapter:
    return CupyAdapter(cupy=HostCupy(), array_api=HostCupy())


@pytest.mark.parametrize("spec", LAYOUT_INPUTS, ids=lambda s: s.id)
def test_layout_code_reports_what_numpy_reports_for_the_same_bytes(
    host_adapter: CupyAdapter, spec
) -> None:
    try:
        x = host_adapter.build(spec.recipe())
    except NotImplementedError:  # only inputs CuPy has no arrays for: read-only, unaligned
        assert spec.readonly or (spec.align or 0) % spec.itemsize, spec.id
        return
    assert host_adapter.memory(x) == numpy_adapter.memory(np.asarray(x))


def test_no_curated_case_breaks_a_witness_on_host_memory(host_adapter: CupyAdapter) -> None:
    broken = [
        (case.id, seen.message)
        for case in curated_cases()
        if "witness failed" in (seen := observe(host_adapter, case)).message
    ]
    assert not broken, broken[:5]
