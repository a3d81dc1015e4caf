"""Records: the JSON objects a results document is made of, built in one place.

A case record has a *header* (known before the case runs, so a crash still leaves its repro),
then what the oracle expected, what the backend showed, and the recorded verdicts. The
``backend`` record says which library, version and adapter ran. See
``docs/reference/results-format.md``; the schema is ``schema/results.schema.json``.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters.base import Adapter, MemoryReport
from conformance.judge.verdicts import Recorded
from conformance.model.cases import Case
from conformance.model.handoffs import Handoff
from conformance.model.inputs import InputSpec
from conformance.observe.observer import Observation, PairObservation, twin_case
from conformance.results.repro import handoff_snippet, input_expression, snippet, spec_expression
from conformance.vocabulary import Behaviour, Tag

Record = dict[str, Any]


def backend_record(adapter: Adapter) -> Record:
    """Who ran: the backend's name, library, version, adapter, capabilities and promises."""
    return {
        "name": adapter.name,
        "library": adapter.library,
        "version": adapter.version,
        "adapter": adapter.adapter_path,
        "capabilities": adapter.capabilities.as_dict(),
        "promised_profiles": list(adapter.promised_profiles),
    }


def case_header(adapter: Adapter, case: Case) -> Record:
    """The parts of a case record known before the case runs (kept if the case crashes)."""
    return {
        "id": case.id,
        "operation": case.operation,
        "category": case.category,
        "rule": case.rule,
        "tags": sorted(case.tags),
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
        **_twin_repro(adapter, case),
    }


def _twin_repro(adapter: Adapter, case: Case) -> Record:
    """The alignment witness's second repro: the case on the input one element off the
    64-byte boundary (only for inputs placed on one)."""
    twin = twin_case(case)
    return {} if twin is None else {"repro_misaligned": snippet(adapter, twin)}


def case_record(
    header: Record, expected: Observation, observed: Observation, verdicts: dict[str, Recorded]
) -> Record:
    """A finished case: its header, the oracle's expectation, the observation, the verdicts."""
    record = {**header, "input": dict(header["input"])}
    record["input"]["strides"] = _list(observed.input_strides)
    record["input"]["itemsize"] = observed.input_itemsize
    record["expected"] = expected.expected_json()
    record["observed"] = observed.to_json()
    record["verdicts"] = verdicts
    return record


def broken_record(
    header: Record, cls: Behaviour, message: str, verdicts: dict[str, Recorded]
) -> Record:
    """The record of a case that crashed its worker or ran out of time (repro kept)."""
    return {
        **header,
        "expected": None,
        "observed": {
            "class": cls,
            "error": None,
            "error_message": message,
            "witnesses": {"memory": None, "mutation_forward": None, "mutation_backward": None},
            "claims": None,
        },
        "verdicts": verdicts,
    }


def handoff_header(handoff: Handoff, spec: InputSpec, sender: Adapter | None) -> Record:
    """The parts of a hand-off record known before it runs (category ``exchange``)."""
    return {
        "id": f"{handoff.id}[{spec.id}]",
        "operation": handoff.id,
        "category": "exchange",
        "rule": handoff.declared,
        "tags": [Tag.EXCHANGE],
        "generated": False,
        "expression": handoff.source,
        "input": {
            "id": spec.id,
            "expression": spec_expression(sender, spec) if sender else "",
            "dtype": spec.dtype,
            "shape": list(spec.shape),
            "strides": None,
            "itemsize": None,
        },
        "sender": handoff.sender,
        "receiver": handoff.receiver,
        "repro": handoff_snippet(handoff, sender, spec),
    }


def handoff_record(
    header: Record,
    seen: PairObservation,
    verdicts: dict[str, Recorded],
    x_layout: MemoryReport | None = None,
) -> Record:
    """A finished hand-off: the sender's layout, the pair observation, the verdicts (there is
    no oracle expectation)."""
    record = {**header, "input": dict(header["input"])}
    if x_layout is not None:
        record["input"]["strides"] = list(x_layout.layout.strides)
        record["input"]["itemsize"] = x_layout.layout.itemsize
    return {**record, "expected": None, "observed": seen.to_json(), "verdicts": verdicts}


def _list(values: tuple[int, ...] | None) -> list[int] | None:
    return None if values is None else list(values)
