"""A profile's judgement of one case: a verdict and a message that explains itself."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from conformance.vocabulary import Verdict


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict  # a judge answers PASS, FAIL or NOT_APPLICABLE only
    message: str = ""
    #: Not-applicable for want of evidence (the oracle could not make the input), not because
    #: the profile has no rule: a known deviation cannot be said to pass unexpectedly then.
    undecided: bool = False


PASS = Judgement(Verdict.PASS)


def not_applicable(why: str) -> Judgement:
    return Judgement(Verdict.NOT_APPLICABLE, why)


def fail_or_pass(problems: list[str]) -> Judgement:
    """``fail`` with every problem listed, or ``pass`` when there are none."""
    return Judgement(Verdict.FAIL, "; ".join(problems)) if problems else PASS


def mismatch(name: str, value: object, expected: object) -> str:
    """``"{name}={value!r}, but should be {expected!r}"``, the suite's one message shape."""
    return f"{name}={_plain(value)!r}, but should be {_plain(expected)!r}"


def _plain(value: object) -> object:
    """A vocabulary word as the string it stands for (its ``repr`` would name the enum)."""
    return value.value if isinstance(value, Enum) else value
