"""Profiles: sets of expectations that judge an observation.

Each profile is a function ``judge(case, expected, observed) -> Judgement``; ``expected`` is the
oracle's observation of the same case (``None`` when there is none). A judge answers ``pass``,
``fail`` or ``not-applicable``; whether a failure counts (``fail``), is only reported
(``differs``) or is a known deviation (``known``) is decided by :mod:`conformance.judge.verdicts`,
not by the judge.
"""

from __future__ import annotations

from collections.abc import Callable

from conformance.judge.array_api_profile import judge as judge_array_api
from conformance.judge.consistency_profile import judge as judge_consistency
from conformance.judge.judgement import Judgement
from conformance.judge.numpy_profile import judge as judge_numpy
from conformance.model.cases import Case
from conformance.observe.observer import Observation
from conformance.vocabulary import Profile

Judge = Callable[[Case, "Observation | None", Observation], Judgement]

#: The judge of each profile.
JUDGES: dict[Profile, Judge] = {
    Profile.NUMPY: judge_numpy,
    Profile.ARRAY_API: judge_array_api,
    Profile.CONSISTENCY: judge_consistency,
}

__all__ = ["JUDGES", "Judge", "Judgement"]
