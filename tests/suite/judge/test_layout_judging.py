"""The result-layout checks: the numpy profile compares strides and a shared result's start
with NumPy's; consistency holds the contiguity flags to the exported layout."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conformance.adapters.numpy_adapter import adapter as numpy_adapter
from conformance.judge.profiles import JUDGES
from conformance.model.cases import Case, curated_cases
from conformance.observe.observer import Observation, ResultLayout, observe
from conformance.run.engine import oracle_adapter
from conformance.vocabulary import Profile, Verdict


def case(case_id: str) -> Case:
    return next(c for c in curated_cases() if c.id == case_id)


def both(case_id: str) -> tuple[Case, Observation, Observation]:
    c = case(case_id)
    return c, observe(oracle_adapter(), c), observe(numpy_adapter, c)


def test_a_view_records_its_layout_and_where_it_starts() -> None:
    c, expected, observed = both("xp-index-step[reversed-1d-float64]")
    assert observed.layout is not None and observed.layout == expected.layout
    x = np.arange(6.0)[::-1][::2, ...]  # the same view, made by hand
    assert observed.layout.strides == x.strides == (-16,)
    assert observed.layout.offset_from_input == 0
    assert JUDGES[Profile.NUMPY](c, expected, observed).verdict == Verdict.PASS


def test_wrong_strides_or_start_fail_the_numpy_profile() -> None:
    c, expected, observed = both("xp-index-step[reversed-1d-float64]")
    assert observed.layout is not None
    strides = replace(observed, layout=replace(observed.layout, strides=(16,)))
    judged = JUDGES[Profile.NUMPY](c, expected, strides)
    assert judged.verdict == Verdict.FAIL and "strides=(16,)" in judged.message
    late = replace(observed, layout=replace(observed.layout, offset_from_input=-8))
    judged = JUDGES[Profile.NUMPY](c, expected, late)
    assert judged.verdict == Verdict.FAIL and "byte offset from the input" in judged.message


def test_a_length_one_axis_may_carry_any_stride() -> None:
    layout = ResultLayout((1, 3), (24, 8), 8, None)
    other = replace(layout, strides=(999, 8))
    c = case("xp-index-step[reversed-1d-float64]")
    expected = Observation(cls=observe(oracle_adapter(), c).cls, layout=layout)
    observed = replace(expected, layout=other)
    assert JUDGES[Profile.NUMPY](c, expected, observed).verdict == Verdict.PASS
