"""From judgements to recorded verdicts: promised profiles, known deviations, unexpected
passes."""

from __future__ import annotations

from conformance.judge.deviations import Deviation
from conformance.judge.judgement import PASS, Judgement, not_applicable
from conformance.judge.verdicts import finalise
from conformance.vocabulary import Profile, Verdict

LISTED = Deviation("T[*]", "a known deviation")
PROMISED = (Profile.NUMPY, Profile.CONSISTENCY)


def verdicts(raw: dict[Profile, Judgement]) -> dict[str, str]:
    return {p: v["verdict"] for p, v in finalise(raw, PROMISED, LISTED).items()}


def test_a_listed_case_that_fails_is_known_and_one_that_passes_is_a_surprise() -> None:
    failing = {Profile.NUMPY: Judgement(Verdict.FAIL, "x"), Profile.CONSISTENCY: PASS}
    assert verdicts(failing) == {"numpy": "known", "consistency": "pass"}
    passing = {Profile.NUMPY: PASS, Profile.CONSISTENCY: PASS}
    assert verdicts(passing) == {"numpy": "unexpected-pass", "consistency": "unexpected-pass"}


def test_a_rule_that_does_not_apply_still_leaves_a_surprise() -> None:
    raw = {Profile.NUMPY: not_applicable("no rule here"), Profile.CONSISTENCY: PASS}
    assert verdicts(raw) == {"numpy": "not-applicable", "consistency": "unexpected-pass"}


def test_no_surprise_where_a_promised_profile_could_not_decide() -> None:
    # reference_impl cannot make the input, so NumPy's word is missing, not satisfied.
    undecided = Judgement(Verdict.NOT_APPLICABLE, "no expectation", undecided=True)
    raw = {Profile.NUMPY: undecided, Profile.CONSISTENCY: PASS}
    assert verdicts(raw) == {"numpy": "not-applicable", "consistency": "pass"}
