"""From a profile's judgement to the recorded verdict.

``fail`` stays ``fail`` only for a promised profile; for the others it becomes ``differs``. A
failure matched by a known deviation becomes ``known`` (with the reason); a matched case that
fails nothing becomes ``unexpected-pass`` on its promised profiles.
"""

from __future__ import annotations

from typing import Any

from conformance.deviations import Deviation

VERDICTS = ("pass", "fail", "differs", "known", "unexpected-pass", "not-applicable", "crashed",
            "timeout")

#: Verdicts that make ``copyview run`` exit 1 when they appear on a promised profile.
FAILING = ("fail", "crashed", "timeout")


def finalise(
    raw: dict[str, dict[str, str]], promised: tuple[str, ...], deviation: Deviation | None
) -> dict[str, dict[str, str]]:
    """Recorded verdicts for one case from the judges' ``pass``/``fail``/``not-applicable``."""
    out: dict[str, dict[str, str]] = {}
    failed_any = any(j["verdict"] == "fail" and p in promised for p, j in raw.items())
    for profile, judgement in raw.items():
        verdict, message = judgement["verdict"], judgement["message"]
        if verdict == "fail" and profile not in promised:
            verdict = "differs"
        elif verdict == "fail" and deviation is not None:
            verdict, message = "known", f"{message} [known: {deviation.reason}]"
        elif (verdict == "pass" and deviation is not None and not failed_any
              and profile in promised):
            verdict, message = "unexpected-pass", f"listed as a deviation: {deviation.reason}"
        out[profile] = {"verdict": verdict, "message": message}
    return out


def summarise(cases: list[dict[str, Any]], profiles: list[str]) -> dict[str, dict[str, int]]:
    """Counts of each verdict per profile."""
    summary = {p: dict.fromkeys(VERDICTS, 0) for p in profiles}
    for case in cases:
        for profile, judgement in case["verdicts"].items():
            if profile in summary:
                summary[profile][judgement["verdict"]] += 1
    return summary
