"""One case, end to end, in one process: oracle, backend, judges, record.

This is what a worker runs for each case and what a pytest item runs; the result is the
case's record in the results document, with the judges' raw verdicts (the runner turns them
into final verdicts with :func:`conformance.verdicts.finalise`).
"""

from __future__ import annotations

from typing import Any

from conformance.backends.base import Adapter
from conformance.cases import Case
from conformance.observe import Observation, observe
from conformance.profiles import PROFILES
from conformance.repro import input_expression, snippet

#: The oracle's word on an adapter's own operation (``iloc``, ``cast``...): it has none, so
#: the ``numpy`` profile is not-applicable and ``consistency`` judges the backend alone.
NO_EXPECTATION = Observation("not-applicable", message="reference_impl has no such operation",
                             missing=True)


def case_header(adapter: Adapter, case: Case) -> dict[str, Any]:
    """The parts of a record known before the case runs (kept if the case crashes)."""
    return {
        "id": case.id,
        "operation": case.operation,
        "category": case.category,
        "rule": case.rule,
        "generated": case.generated,
        "expression": case.expression(adapter.alias),
        "input": {
            "id": case.input.id,
            "expression": input_expression(adapter, case),
            "dtype": case.input.dtype,
            "shape": list(case.input.shape),
            "strides": None,
            "itemsize": None,
        },
        "case": case.to_json(),
        "repro": snippet(adapter, case),
    }


def run_case(
    adapter: Adapter, oracle: Adapter, case: Case, profiles: tuple[str, ...]
) -> tuple[dict[str, Any], Observation, Observation]:
    """The record of ``case`` on ``adapter``, judged by ``profiles`` (raw verdicts)."""
    expected = observe(oracle, case) if case.in_catalogue else NO_EXPECTATION
    observed = expected if adapter is oracle else observe(adapter, case)
    record = case_header(adapter, case)
    record["input"]["strides"] = _list(observed.input_strides)
    record["input"]["itemsize"] = observed.input_itemsize
    record["expected"] = expected.expected_json()
    record["observed"] = observed.to_json()
    verdicts = {}
    for name in profiles:
        judgement = PROFILES[name](case, expected, observed)
        verdicts[name] = {"verdict": judgement.verdict, "message": judgement.message}
    record["verdicts"] = verdicts
    return record, expected, observed


def _list(values: tuple[int, ...] | None) -> list[int] | None:
    return None if values is None else list(values)
