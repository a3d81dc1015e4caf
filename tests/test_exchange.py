"""The cross-library exchange section: both sides observed through their own adapters."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from conformance.adapters import load
from conformance.model.inputs import InputSpec
from conformance.observe.witnesses import Mutation
from conformance.run.exchange import (
    COPY,
    EXCHANGES,
    SHARE,
    Exchange,
    PairObservation,
    _Adapters,
    judge,
    run,
    run_exchange,
)

VECTOR = InputSpec("contiguous-1d-float64", "float64", (6,))
BY_SOURCE = {(e.sender, e.source): e for e in EXCHANGES}


def _observed(sender: str, source: str) -> dict[str, Any]:
    """The observed record, or a skip saying which library is missing."""
    record = run_exchange(BY_SOURCE[(sender, source)], VECTOR, _Adapters())
    if record["observed"]["class"] == "not-applicable":
        pytest.skip(record["observed"]["error_message"])
    return record["observed"]


def test_exchange_ids_are_unique() -> None:
    assert len({e.id for e in EXCHANGES}) == len(EXCHANGES)


@pytest.mark.parametrize(("sender", "source", "expected"), [
    ("numpy", "np.asarray(x)", "same-object"),
    ("numpy", "np.asarray(x, copy=True)", "copy"),
    ("numpy", "memoryview(x)", "view"),
    ("numpy", "torch.from_numpy(x)", "view"),
    ("numpy", "torch.tensor(x)", "copy"),
    ("numpy", "pd.Series(x)", "copy"),
    ("numpy", "pd.Series(x, copy=False)", "view"),
    ("numpy", "xr.DataArray(x)", "view"),
    ("pandas", "x.to_numpy()", "read-only-view"),
    ("jax", "np.asarray(x)", "read-only-view"),
])
def test_known_exchanges_have_their_documented_class(sender: str, source: str,
                                                     expected: str) -> None:
    assert _observed(sender, source)["class"] == expected


def test_numpy_writes_show_through_an_immutable_arrow_array() -> None:
    witnesses = _observed("numpy", "pa.array(x)")["witnesses"]
    assert witnesses["memory"] is True and witnesses["mutation_forward"] is True


def test_writes_through_torch_reach_an_immutable_jax_array() -> None:
    witnesses = _observed("jax", "torch.from_dlpack(x)")["witnesses"]
    assert witnesses["mutation_backward"] is True


def test_missing_library_is_not_applicable_with_the_reason() -> None:
    absent = Exchange("numpy", "no_such_backend", "nolib.take({x})", lambda x: x,
                      (("nolib", "no_such_module_here"),))
    record = run_exchange(absent, VECTOR, _Adapters())
    assert record["observed"]["class"] == "not-applicable"
    verdict = record["verdicts"]["consistency"]
    assert verdict["verdict"] == "not-applicable" and "no_such_backend" in verdict["message"]


def test_a_declared_copy_that_shares_fails() -> None:
    exchange = Exchange("numpy", "numpy", "np.array({x}, copy=True)", np.array, declared=COPY)
    seen = PairObservation("view", True, Mutation(True, True, False))
    judgement = judge(exchange, seen)
    assert judgement.verdict == "fail" and "requests a copy" in judgement.message


def test_a_documented_zero_copy_that_copies_fails() -> None:
    exchange = Exchange("numpy", "numpy", "np.asarray({x})", np.asarray, declared=SHARE)
    judgement = judge(exchange, PairObservation("copy", False, Mutation(False, False, False)))
    assert judgement.verdict == "fail" and "zero-copy" in judgement.message


def test_a_read_only_receiver_that_takes_writes_fails() -> None:
    exchange = Exchange("numpy", "numpy", "np.asarray({x})", np.asarray)
    seen = PairObservation("view", True, Mutation(True, True, False), receiver_readonly=True)
    assert judge(exchange, seen).verdict == "fail"


def test_document_follows_the_results_schema() -> None:
    pytest.importorskip("jsonschema")
    from conformance.results.document import validate

    doc = run(select="numpy->numpy:*")
    validate(doc)
    assert doc["backend"]["name"] == "exchange"
    assert doc["cases"] and all(c["category"] == "exchange" for c in doc["cases"])


def test_exchange_uses_the_registered_adapters() -> None:
    adapters = _Adapters()
    assert adapters.get("numpy") is load("numpy")
    assert isinstance(adapters.get("no_such_backend"), str)


def test_repro_shows_the_write_reaching_the_receiver() -> None:
    import subprocess
    import sys

    record = run_exchange(BY_SOURCE[("numpy", "xr.DataArray(x)")], VECTOR, _Adapters())
    if record["observed"]["class"] == "not-applicable":
        pytest.skip(record["observed"]["error_message"])
    out = subprocess.run([sys.executable, "-c", record["repro"]], capture_output=True,
                         text=True, timeout=120, check=True).stdout
    assert "write through x seen in y: True" in out
    assert record["input"]["strides"] == [8] and record["input"]["itemsize"] == 8
