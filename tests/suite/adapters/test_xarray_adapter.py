"""The xarray adapter: a DataArray is its wrapped NumPy array; isel and .values are views."""

from __future__ import annotations

import pytest

xr = pytest.importorskip("xarray")

from conformance.adapters.xarray_adapter import OPERATIONS, adapter  # noqa: E402
from conformance.model.inputs import InputSpec  # noqa: E402
from conformance.model.operations import Shape  # noqa: E402
from conformance.run.exchange import observe_pair  # noqa: E402

MATRIX = InputSpec("contiguous-2d-float64", "float64", (3, 4))
OPS = {op.id: op for op in OPERATIONS}


def _run(op_id: str) -> str:
    x = adapter.build(MATRIX.recipe())
    y = OPS[op_id].run(xr, x, Shape((3, 4), "float64"))
    return observe_pair(adapter, x, adapter, y).cls


@pytest.mark.parametrize(
    "op_id",
    ["xarray-isel-step", "xarray-transpose", "xarray-values", "xarray-data", "xarray-copy-shallow"],
)
def test_selection_transposition_and_conversion_are_views(op_id: str) -> None:
    assert _run(op_id) == "view"


def test_sel_with_a_label_list_copies() -> None:
    assert _run("xarray-sel-label-list") == "copy"


def test_astype_to_the_same_dtype_copies() -> None:
    x = adapter.build(MATRIX.recipe())
    assert observe_pair(adapter, x, adapter, x.astype("float64")).cls == "copy"


def test_integer_on_every_axis_gives_a_zero_d_view_not_a_scalar() -> None:
    x = adapter.build(MATRIX.recipe())
    y = x[0, 0]
    assert adapter.shape(y) == () and observe_pair(adapter, x, adapter, y).cls == "view"


def test_newaxis_inputs_are_not_built() -> None:
    spec = InputSpec("newaxis-2d-float64", "float64", (4,), (("index", (None, slice(None))),))
    with pytest.raises(NotImplementedError):
        adapter.build(spec.recipe())


def test_dataarray_over_a_pandas_series_is_a_read_only_view() -> None:
    """Under pandas 3 copy-on-write ``xr.DataArray(series)`` wraps pandas' read-only view: it
    refuses writes (pydata/xarray#11527) yet shows later pandas writes."""
    import pandas as pd

    from conformance.adapters.pandas_adapter import adapter as pandas_adapter

    s = pandas_adapter.build(InputSpec("contiguous-1d-float64", "float64", (6,)).recipe())
    assert isinstance(s, pd.Series)
    seen = observe_pair(pandas_adapter, s, adapter, xr.DataArray(s))
    assert seen.cls == "read-only-view" and seen.mutation.forward is True


@pytest.mark.parametrize(
    "name", ["xarray-assign-coords", "xarray-rename", "xarray-expand-dims", "xarray-assign-data"]
)
def test_metadata_operations_keep_viewing_the_data(name: str) -> None:
    assert _run(name) == "view"
