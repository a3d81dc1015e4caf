"""Profiles: sets of expectations that judge an observation.

Each profile is a function ``judge(case, expected, observed) -> Judgement``; ``expected`` is the
oracle's observation of the same case (``None`` when there is none). A judge answers ``pass``,
``fail`` or ``not-applicable``; whether a failure counts (``fail``), is only reported
(``differs``) or is a known deviation (``known``) is the runner's decision, not the judge's.
"""

from __future__ import annotations

from collections.abc import Callable

from conformance.cases import Case
from conformance.observe import Observation
from conformance.profiles.array_api_profile import judge as judge_array_api
from conformance.profiles.consistency_profile import judge as judge_consistency
from conformance.profiles.judgement import Judgement
from conformance.profiles.numpy_profile import judge as judge_numpy

Judge = Callable[[Case, "Observation | None", Observation], Judgement]

PROFILES: dict[str, Judge] = {
    "numpy": judge_numpy,
    "array-api": judge_array_api,
    "consistency": judge_consistency,
}

__all__ = ["PROFILES", "Judge", "Judgement"]
