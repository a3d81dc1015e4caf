"""The engine: one case, end to end, in one process: oracle, backend, judges, final record.

This is the one place a case's final record is made; the worker runs it for each case, the
pytest plugin for each item, the shrinker for each candidate.
"""

from __future__ import annotations

from collections.abc import Iterable

from conformance.adapters.base import Adapter
from conformance.judge.deviations import Deviation, case_behaviour, find
from conformance.judge.profiles import JUDGES
from conformance.judge.verdicts import failing_profiles, finalise
from conformance.model.cases import Case
from conformance.observe.observer import Observation, observe
from conformance.results.records import Record, case_header, case_record
from conformance.vocabulary import Behaviour, Profile

#: The oracle's word on an adapter's own operation (``iloc``, ``cast``...): it has none, so
#: the ``numpy`` profile is not-applicable and ``consistency`` judges the backend alone.
NO_EXPECTATION = Observation(
    Behaviour.NOT_APPLICABLE, message="reference_impl has no such operation", missing=True
)


def oracle_adapter() -> Adapter:
    """The adapter of ``reference_impl``, whose observations are the ``numpy`` expectations."""
    from conformance.adapters.reference_adapter import adapter

    return adapter


def observe_both(adapter: Adapter, oracle: Adapter, case: Case) -> tuple[Observation, Observation]:
    """What the oracle expects and what ``adapter`` shows for ``case``."""
    expected = observe(oracle, case) if case.in_catalogue else NO_EXPECTATION
    observed = expected if adapter is oracle else observe(adapter, case)
    return expected, observed


def run_case(
    adapter: Adapter,
    oracle: Adapter,
    case: Case,
    profiles: Iterable[Profile],
    deviations: tuple[Deviation, ...] = (),
) -> Record:
    """The final record of ``case`` on ``adapter``, judged by ``profiles``."""
    expected, observed = observe_both(adapter, oracle, case)
    raw = {name: JUDGES[name](case, expected, observed) for name in profiles}
    verdicts = finalise(
        raw, adapter.promised_profiles, find(deviations, case.id, case_behaviour(case))
    )
    return case_record(case_header(adapter, case), expected, observed, verdicts)


def fails(
    adapter: Adapter,
    oracle: Adapter,
    case: Case,
    profiles: Iterable[Profile],
    deviations: tuple[Deviation, ...] = (),
) -> set[str]:
    """The promised profiles ``case`` fails on ``adapter`` (empty when it conforms)."""
    return failing_profiles(run_case(adapter, oracle, case, profiles, deviations)["verdicts"])
