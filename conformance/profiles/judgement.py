"""A profile's judgement of one case: a verdict and a message that explains itself."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Judgement:
    verdict: str  # "pass", "fail" or "not-applicable"
    message: str = ""


PASS = Judgement("pass")


def not_applicable(why: str) -> Judgement:
    return Judgement("not-applicable", why)


def fail_or_pass(problems: list[str]) -> Judgement:
    """``fail`` with every problem listed, or ``pass`` when there are none."""
    return Judgement("fail", "; ".join(problems)) if problems else PASS


def mismatch(name: str, value: object, expected: object) -> str:
    """``"{name}={value!r}, but should be {expected!r}"``, the suite's one message shape."""
    return f"{name}={value!r}, but should be {expected!r}"
