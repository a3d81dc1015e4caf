"""The pandas adapter: copy-on-write is its own class, and layouts come from to_numpy()."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest

pd = pytest.importorskip("pandas")

from conformance.adapters.pandas_adapter import OPERATIONS, adapter  # noqa: E402
from conformance.judge import deviations  # noqa: E402
from conformance.model.cases import single  # noqa: E402
from conformance.model.catalogue import BY_ID  # noqa: E402
from conformance.model.inputs import ALIGNMENT, InputSpec  # noqa: E402
from conformance.model.operations import Operation, Shape  # noqa: E402
from conformance.observe.observer import observe  # noqa: E402
from conformance.run.exchange import INPUTS as ExchangeInputs  # noqa: E402
from conformance.run.exchange import Exchange, ExchangeCase, observe_pair  # noqa: E402

SERIES = InputSpec("contiguous-1d-float64", "float64", (6,))
FRAME = InputSpec("contiguous-2d-float64", "float64", (3, 4))


def test_iloc_slice_of_series_shares_memory_but_writes_do_not_propagate() -> None:
    s = adapter.build(SERIES.recipe())
    seen = observe_pair(adapter, s, adapter, s.iloc[1:])
    assert (seen.cls, seen.memory) == ("copy-on-write", True)
    assert (seen.mutation.forward, seen.mutation.backward) == (False, False)


def test_column_of_frame_is_copy_on_write() -> None:
    df = adapter.build(FRAME.recipe())
    assert observe_pair(adapter, df, adapter, df[0]).cls == "copy-on-write"


def test_suite_classifies_basic_slicing_as_copy_on_write() -> None:
    observation = observe(adapter, single(BY_ID["index-step"], SERIES))
    assert observation.cls == "copy-on-write"


def test_to_numpy_is_a_read_only_view_that_still_sees_later_writes() -> None:
    s = adapter.build(SERIES.recipe())
    values = s.to_numpy()
    seen = observe_pair(adapter, s, adapter, values)
    assert seen.cls == "read-only-view"
    assert seen.mutation.forward is True  # iloc writes in place: the array changes under you


def test_to_numpy_copy_true_and_copy_method_copy() -> None:
    s = adapter.build(SERIES.recipe())
    assert observe_pair(adapter, s, adapter, s.to_numpy(copy=True)).cls == "copy"
    assert observe_pair(adapter, s, adapter, s.copy()).cls == "copy"


def test_astype_to_the_same_dtype_is_copy_on_write() -> None:
    s = adapter.build(SERIES.recipe())
    assert observe_pair(adapter, s, adapter, s.astype("float64")).cls == "copy-on-write"


def test_layout_of_a_frame_that_to_numpy_must_copy_is_unknown() -> None:
    mixed = pd.DataFrame({"a": [1, 2], "b": [1.5, 2.5]})
    assert adapter.memory(mixed) is None


def test_transposed_input_is_the_frame_transpose() -> None:
    spec = InputSpec("transposed-2d-float64", "float64", (3, 4), (("permute", (1, 0)),))
    x = adapter.build(spec.recipe())
    assert adapter.shape(x) == (4, 3)
    assert np.array_equal(adapter.to_host(x), np.arange(12.0).reshape(3, 4).T)


@pytest.mark.parametrize("shape", [(), (2, 2, 2)])
def test_inputs_pandas_cannot_hold_are_not_built(shape: tuple[int, ...]) -> None:
    with pytest.raises(NotImplementedError):
        adapter.from_host(np.zeros(shape))


PANDAS_CLASSES = {
    "pandas-iloc-step": "copy-on-write",
    "pandas-iloc-first": "copy-on-write",  # a row of the frame
    "pandas-loc-label-slice": "copy-on-write",
    "pandas-loc-label-list": "copy",
    "pandas-column": "copy-on-write",
    "pandas-to-numpy": "read-only-view",
    "pandas-to-numpy-copy": "copy",
    "pandas-values": "read-only-view",
    "pandas-copy-shallow": "copy-on-write",
    "pandas-rename-labels": "copy-on-write",
    "pandas-rename-labels-inplace": "same-object",
    "pandas-set-axis": "copy-on-write",
    "pandas-reset-index": "copy-on-write",
    "pandas-reset-index-inplace": "same-object",
    "pandas-astype-same": "copy-on-write",
    "pandas-astype-other": "copy",
    "pandas-setitem-child": "copy",  # the write through the child copied it first
    "pandas-insert-column": "copy",  # the frame with a new column consolidates its block
}


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.id)
def test_pandas_operations_on_a_frame_have_their_known_class(operation: Operation) -> None:
    df = adapter.build(FRAME.recipe())
    y = operation.run(pd, df, Shape(FRAME.shape, FRAME.dtype))
    assert observe_pair(adapter, df, adapter, y).cls == PANDAS_CLASSES[operation.id]


def test_pd_array_without_copy_is_a_view_that_bypasses_copy_on_write() -> None:
    s = adapter.build(SERIES.recipe())
    seen = observe_pair(adapter, s, adapter, pd.array(s, copy=False))
    assert seen.cls == "view" and seen.mutation.backward is True


def test_pd_array_copies_by_default() -> None:
    s = adapter.build(SERIES.recipe())
    assert observe_pair(adapter, s, adapter, pd.array(s)).cls == "copy"


@functools.cache
def _section() -> Exchange:
    return Exchange()


def _handoff_record(sender: str, source: str, input_id: str) -> dict[str, Any]:
    section = _section()
    handoff = next(
        h for h in section.handoffs.values() if h.sender == sender and h.source == source
    )
    case = ExchangeCase(handoff.id, input_id)
    return section.run(case, deviations.find(deviations.load("exchange"), case.id))


def test_writes_through_np_asarray_of_series_array_reach_the_series() -> None:
    """pandas 3.1.1: ``Series.array`` is still writable (pandas-dev/pandas#58007), so the
    NumPy array under it takes writes that bypass copy-on-write."""
    record = _handoff_record("pandas", "np.asarray(x.array)", "contiguous-1d-float64")
    assert record["observed"]["class"] == "view"
    assert record["observed"]["witnesses"]["mutation_backward"] is True


def test_dataframe_of_ndarray_copies_against_its_docstring_and_is_known() -> None:
    """The docstring says the default behaves like copy=False for a 2-d ndarray
    (pandas-dev/pandas#58913); it copies, and known/exchange.txt says so."""
    record = _handoff_record("numpy", "pd.DataFrame(x)", "contiguous-2d-float64")
    assert record["observed"]["class"] == "copy"
    assert record["verdicts"]["consistency"]["verdict"] == "known"


def test_metadata_methods_are_copy_on_write_and_their_inplace_twins_the_same_object() -> None:
    ops = {op.id: op for op in OPERATIONS}
    for name in ("pandas-rename-labels", "pandas-reset-index", "pandas-astype-same"):
        seen = observe(adapter, single(ops[name], SERIES, OPERATIONS))
        assert seen.cls == "copy-on-write", name
    seen = observe(adapter, single(ops["pandas-rename-labels-inplace"], SERIES, OPERATIONS))
    assert seen.cls == "same-object"


def test_a_series_over_a_read_only_ndarray_refuses_writes_its_cow_child_takes() -> None:
    """pandas 3.1.1: ``pd.Series(read_only, copy=False)`` raises on ``iloc`` writes
    (pandas-dev/pandas#62144), while a shallow copy of it copies first and takes them."""
    values = np.arange(4.0)
    values.flags.writeable = False
    s = pd.Series(values, copy=False)
    with pytest.raises(ValueError, match="read-only"):
        s.iloc[0] = 5.0
    child = s.copy(deep=False)
    child.iloc[0] = 5.0
    assert child.iloc[0] == 5.0 and values[0] == 0.0


@pytest.mark.parametrize("input_id", ["aligned-1d-float64", "aligned-2d-float64"])
@pytest.mark.parametrize("attempt", range(5))
def test_placed_inputs_always_exist_at_their_address_and_the_repro_rebuilds_them(
    input_id: str, attempt: int
) -> None:
    # Placing through a slice and an iloc write copied on write, so the input existed only
    # when malloc happened to return a 64-byte boundary; a pandas object over a placed
    # ndarray (copy=False) is always there, and so is the repro's.
    recipe = ExchangeInputs[input_id].recipe()
    x = adapter.build(recipe)
    report = adapter.memory(x)
    assert report is not None and report.layout.offset % ALIGNMENT == recipe.align
    namespace: dict[str, Any] = {}
    exec("\n".join([*adapter.repro_imports(), *adapter.repro_lines(recipe)]), namespace)
    rebuilt = namespace["x"]
    assert type(rebuilt) is type(x)
    rebuilt_report = adapter.memory(rebuilt)
    assert rebuilt_report is not None and rebuilt_report.layout.offset % ALIGNMENT == recipe.align
    np.testing.assert_array_equal(adapter.to_host(rebuilt), adapter.to_host(x))
