"""From a profile's judgement to the recorded verdict.

``fail`` stays ``fail`` only for a promised profile; for the others it becomes ``differs``. A
failure matched by a known deviation becomes ``known`` (with the reason); a matched case that
fails nothing becomes ``unexpected-pass`` on its promised profiles (unless a promised profile
could not decide, for want of an expectation). A case that crashed its
worker or ran out of time is ``crashed`` / ``timeout`` under every profile, or ``known`` when a
deviation lists it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from conformance.judge.deviations import Deviation
from conformance.judge.judgement import Judgement
from conformance.vocabulary import FAILING, VERDICTS, Profile, Verdict

#: A recorded verdict, as results carry it: ``{"verdict": ..., "message": ...}``.
Recorded = dict[str, str]


def finalise(
    raw: Mapping[Profile, Judgement], promised: Iterable[str], deviation: Deviation | None
) -> dict[str, Recorded]:
    """Recorded verdicts for one case from the judges' ``pass``/``fail``/``not-applicable``."""
    promised = tuple(promised)
    out: dict[str, Recorded] = {}
    failed_any = any(j.verdict == Verdict.FAIL and p in promised for p, j in raw.items())
    # A profile that could not decide may be the one the deviation is about: no surprise then.
    undecided = any(j.undecided and p in promised for p, j in raw.items())
    for profile, judgement in raw.items():
        verdict, message = judgement.verdict, judgement.message
        if verdict == Verdict.FAIL and profile not in promised:
            verdict = Verdict.DIFFERS
        elif verdict == Verdict.FAIL and deviation is not None:
            verdict, message = Verdict.KNOWN, f"{message} [known: {deviation.reason}]"
        elif (
            verdict == Verdict.PASS
            and deviation is not None
            and not failed_any
            and not undecided
            and profile in promised
        ):
            verdict = Verdict.UNEXPECTED_PASS
            message = f"listed as a deviation: {deviation.reason}"
        out[profile] = {"verdict": verdict, "message": message}
    return out


def broken(
    verdict: Verdict, message: str, profiles: Iterable[str], deviation: Deviation | None
) -> dict[str, Recorded]:
    """Recorded verdicts of a case that ``crashed`` or hit its ``timeout``.

    A case listed as a known deviation keeps ``crashed`` / ``timeout`` as its observed class
    but gets the verdict ``known`` with the reason, so a library bug that kills the process
    (pyarrow's segfault on ``==`` of a 0-d Tensor) can be accepted like any other deviation.
    """
    judged: Recorded = {"verdict": verdict, "message": message}
    if deviation is not None:
        judged = {
            "verdict": Verdict.KNOWN,
            "message": f"{verdict}: {message} [known: {deviation.reason}]",
        }
    return {p: dict(judged) for p in profiles}


def failing_profiles(verdicts: Mapping[str, Recorded]) -> set[str]:
    """The profiles whose recorded verdict is ``fail``."""
    return {p for p, v in verdicts.items() if v["verdict"] == Verdict.FAIL}


def counts_against(verdicts: Mapping[str, Recorded]) -> bool:
    """Does any recorded verdict make ``copyview run`` exit 1 (fail, crashed, timeout)?"""
    return any(v["verdict"] in FAILING for v in verdicts.values())


def summarise(cases: list[dict[str, Any]], profiles: list[str]) -> dict[str, dict[str, int]]:
    """Counts of each verdict per profile."""
    summary: dict[str, dict[str, int]] = {p: dict.fromkeys(VERDICTS, 0) for p in profiles}
    for case in cases:
        for profile, judgement in case["verdicts"].items():
            if profile in summary:
                summary[profile][judgement["verdict"]] += 1
    return summary
