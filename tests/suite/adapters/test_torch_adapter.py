"""The torch adapter: byte layouts, claims, and what the witnesses see for known torch cases."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install copyview[torch])")

from conformance.adapters import load  # noqa: E402
from conformance.adapters.torch_adapter import NUMPY_RENAMES, TorchAdapter  # noqa: E402
from conformance.model.cases import single  # noqa: E402
from conformance.model.catalogue import BY_ID  # noqa: E402
from conformance.model.inputs import ALL_INPUTS  # noqa: E402
from conformance.observe.observer import observe  # noqa: E402

INPUTS = {spec.id: spec for spec in ALL_INPUTS}


@pytest.fixture(scope="module")
def adapter() -> TorchAdapter:
    return load("torch")


def see(adapter: TorchAdapter, op: str, input_id: str):
    return observe(adapter, single(BY_ID[op], INPUTS[input_id]))


def test_registered_adapter_is_the_torch_adapter(adapter: TorchAdapter) -> None:
    assert isinstance(adapter, TorchAdapter)
    assert adapter.version == torch.__version__
    assert adapter.promised_profiles == ("array-api", "consistency")


@pytest.mark.parametrize(
    ("steps", "offset_bytes", "shape", "strides"),
    [
        ((), 0, (3, 4), (32, 8)),
        ((("permute", (1, 0)),), 0, (4, 3), (8, 32)),
        ((("index", (slice(1, None), slice(None, None, 2))),), 32, (2, 2), (32, 16)),
        ((("index", (1, None, slice(2, 3))),), 48, (1, 1), None),
    ],
)
def test_memory_reports_address_and_byte_strides(
    adapter: TorchAdapter, steps, offset_bytes, shape, strides
) -> None:
    from conformance.adapters.base import InputRecipe

    x = adapter.build(InputRecipe(np.arange(12.0).reshape(3, 4), steps, "float64"))
    root = x._base if x._base is not None else x
    report = adapter.memory(x)
    assert report.layout.offset == root.data_ptr() + offset_bytes
    assert report.layout.shape == shape
    if strides is not None:  # length-1 axes may carry any stride
        assert report.layout.strides == strides
    assert report.layout.itemsize == 8
    assert report.readonly is False


def test_int8_strides_are_reported_in_bytes_not_elements(adapter: TorchAdapter) -> None:
    x = adapter.from_host(np.arange(24, dtype=np.int32).reshape(2, 3, 4))
    assert adapter.memory(x).layout.strides == (48, 16, 4)
    assert adapter.dtype_name(x) == "int32"


def test_inputs_with_negative_steps_are_refused_as_unsupported(adapter: TorchAdapter) -> None:
    with pytest.raises(NotImplementedError, match="negative strides"):
        adapter.build(INPUTS["reversed-1d-float64"].recipe())


def test_transpose_is_a_view_whose_base_is_the_root_tensor(adapter: TorchAdapter) -> None:
    seen = see(adapter, "T", "contiguous-2d-float64")
    assert seen.cls == "view"
    assert seen.memory is True and seen.mutation.forward and seen.mutation.backward
    # Note: torch's _base skips intermediate views; the input is itself a view of from_host.
    assert seen.claims.base in ("input", "input-base")
    assert seen.claims.flags == {"owndata": False, "c_contiguous": False}
    assert seen.keeps_alive is True


def test_clone_through_numpy_copy_name_is_a_copy(adapter: TorchAdapter) -> None:
    seen = see(adapter, "copy-function", "strided-cols-2d-float64")
    assert seen.cls == "copy"
    assert seen.claims.base == "none" and seen.claims.may_share_memory is False


def test_reshape_of_transposed_tensor_copies(adapter: TorchAdapter) -> None:
    assert see(adapter, "reshape-flat", "transposed-2d-float64").cls == "copy"


def test_reshape_of_contiguous_tensor_is_a_view(adapter: TorchAdapter) -> None:
    assert see(adapter, "reshape-flat", "contiguous-2d-float64").cls == "view"


def test_broadcast_result_refuses_writes(adapter: TorchAdapter) -> None:
    seen = see(adapter, "xp-broadcast-to", "contiguous-1d-float64")
    assert seen.cls == "read-only-view" and seen.mutation.write_refused is True


def test_numpy_methods_torch_lacks_are_not_applicable_not_guesses(adapter: TorchAdapter) -> None:
    seen = see(adapter, "copy-method", "contiguous-2d-float64")
    assert (seen.cls, seen.error, seen.missing) == ("not-applicable", "AttributeError", True)


def test_conjugate_view_values_are_read_through_the_conjugate_bit(
    adapter: TorchAdapter,
) -> None:
    x = adapter.from_host(np.array([1 + 2j, 3 - 1j]))
    y = x.conj()
    assert y.is_conj()
    np.testing.assert_array_equal(adapter.to_host(y), [1 - 2j, 3 + 1j])
    assert see(adapter, "conj-method", "contiguous-2d-complex128").cls == "view"


def test_storage_identity_misses_a_dlpack_alias_of_a_slice(adapter: TorchAdapter) -> None:
    x = adapter.from_host(np.arange(6.0))
    alias = torch.from_dlpack(x[2:])
    assert adapter.memory(alias).layout.offset == adapter.memory(x[2:]).layout.offset
    assert adapter.may_share_memory(x, x[2:]) is True
    assert adapter.may_share_memory(x, alias) is False  # a separate storage object


def test_numpy_names_namespace_maps_to_torch_natives(adapter: TorchAdapter) -> None:
    xp = adapter.namespace("numpy")
    assert set(NUMPY_RENAMES) <= set(vars(xp))
    x = adapter.from_host(np.arange(6.0))
    assert [t.tolist() for t in xp.array_split(x, 4)] == [[0, 1], [2, 3], [4], [5]]
    assert xp.copy is torch.clone


def test_repro_snippet_runs_with_torch_alone(adapter: TorchAdapter, capsys) -> None:
    from conformance.results.repro import snippet

    case = single(BY_ID["copy-function"], INPUTS["transposed-2d-float64"])
    exec(snippet(adapter, case), {})
    out = capsys.readouterr().out
    assert "same object: False" in out and "same storage: False" in out


def test_copyview_run_torch_jax_dask_end_to_end(tmp_path) -> None:
    import json
    import subprocess
    import sys

    pytest.importorskip("jax", reason="jax is not installed (pip install copyview[jax])")
    pytest.importorskip("dask.array", reason="dask is not installed (pip install copyview[dask])")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "conformance.cli",
            "run",
            "torch",
            "jax",
            "dask",
            "--select",
            "*[contiguous-2d-float64]",
            "--max-examples",
            "2",
            "--ci",
            "--json",
            str(tmp_path),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # Every promised failure on this input is a listed known deviation.
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    transpose = {}
    for name in ("torch", "jax", "dask"):
        doc = json.loads((tmp_path / f"{name}.json").read_text())
        assert doc["backend"]["name"] == name and doc["cases"]
        transpose[name] = next(c for c in doc["cases"] if c["id"] == "T[contiguous-2d-float64]")
    assert transpose["torch"]["observed"]["class"] == "view"
    assert transpose["jax"]["observed"]["class"] == "immutable"
    assert transpose["dask"]["observed"]["class"] == "unknown"
    known = json.loads((tmp_path / "torch.json").read_text())["summary"]["consistency"]["known"]
    assert known == 4  # the three DLPack aliases of this input, and torch-detach
