"""The results vocabulary as the site draws it: behaviour classes, verdicts and scores.

Each behaviour class gets a label, an icon (a character every common font has, so nothing is
downloaded) and a colour; each verdict a label and a severity. Unknown words from a newer suite
still render, with a neutral look, rather than breaking the build.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from conformance.site.results import Case
from conformance.vocabulary import FAILING, Behaviour, Verdict


@dataclass(frozen=True)
class Look:
    """How one vocabulary word is drawn: label, icon character, CSS class suffix, meaning."""

    label: str
    icon: str
    css: str
    meaning: str


# Keyed by the suite's vocabulary (a test checks every class and verdict has a look).
CLASSES: dict[str, Look] = {
    Behaviour.SAME_OBJECT: Look(
        "same object", "≡", "same", "the operation returned its input object"
    ),
    Behaviour.VIEW: Look(
        "view", "⇄", "view", "shares bytes with the input; writes propagate both ways"
    ),
    Behaviour.READ_ONLY_VIEW: Look(
        "read-only view",
        "⇢",
        "roview",
        "shares bytes with the input; writes through the result are refused",
    ),
    Behaviour.COPY: Look("copy", "⊕", "copy", "no byte in common with the input"),
    Behaviour.ONE_WAY_FROM_INPUT: Look(
        "one way from the input",
        "→",
        "oneway",
        "writes to the input reach the result, writes to the result do not reach the input",
    ),
    Behaviour.ONE_WAY_TO_INPUT: Look(
        "one way to the input",
        "←",
        "oneway",
        "writes to the result reach the input, writes to the input do not reach the result",
    ),
    Behaviour.COPY_ON_WRITE: Look(
        "copy-on-write", "⊘", "cow", "shares bytes with the input, but writes do not propagate"
    ),
    Behaviour.IMMUTABLE: Look(
        "immutable",
        "◆",
        "immutable",
        "the library has no in-place writes; only the memory witness speaks",
    ),
    Behaviour.SCALAR: Look(
        "scalar", "•", "scalar", "the operation returned a scalar, not an array"
    ),
    Behaviour.ERROR: Look("error", "✕", "error", "the operation raised"),
    Behaviour.UNKNOWN: Look(
        "unknown", "?", "unknown", "no witness could observe sharing, or one could not read it"
    ),
    Behaviour.NOT_APPLICABLE: Look(
        "not applicable", "–", "na", "the library does not have this operation or input"
    ),
    Behaviour.CRASHED: Look("crashed", "☠", "crashed", "the case killed its worker process"),
    Behaviour.TIMEOUT: Look("timeout", "⌛", "timeout", "the case ran past its time limit"),
    Behaviour.NOT_RUN: Look(
        "not run", "∅", "notrun", "the case never ran (its worker could not restart)"
    ),
}

VERDICTS: dict[str, Look] = {
    Verdict.PASS: Look("pass", "✓", "pass", "the profile is met"),
    Verdict.FAIL: Look("fail", "✗", "fail", "a promised profile is not met"),
    Verdict.DIFFERS: Look(
        "differs",
        "≠",
        "differs",
        "a profile the library does not promise is not met (never a failure)",
    ),
    Verdict.KNOWN: Look("known deviation", "!", "known", "a failure listed as a known deviation"),
    Verdict.UNEXPECTED_PASS: Look(
        "unexpected pass", "✓!", "upass", "listed as a known deviation, but passed"
    ),
    Verdict.NOT_APPLICABLE: Look("not applicable", "–", "na", "the profile says nothing here"),
    Verdict.CRASHED: Look("crashed", "☠", "crashed", "the case killed its worker process"),
    Verdict.TIMEOUT: Look("timeout", "⌛", "timeout", "the case ran past its time limit"),
    Verdict.NOT_RUN: Look(
        "not run", "∅", "notrun", "the case never ran; counted against a promised profile"
    ),
}

# Worst first: a cell that summarises several cases shows its worst verdict.
VERDICT_SEVERITY: tuple[str, ...] = (
    Verdict.CRASHED,
    Verdict.TIMEOUT,
    Verdict.NOT_RUN,
    Verdict.FAIL,
    Verdict.KNOWN,
    Verdict.DIFFERS,
    Verdict.UNEXPECTED_PASS,
    Verdict.PASS,
    Verdict.NOT_APPLICABLE,
)
PASSING = frozenset({Verdict.PASS, Verdict.UNEXPECTED_PASS})


def class_look(name: str) -> Look:
    return CLASSES.get(name, Look(name, "?", "unknown", "a class this site does not know"))


def verdict_look(name: str) -> Look:
    return VERDICTS.get(name, Look(name, "?", "unknown", "a verdict this site does not know"))


def worst_verdict(verdicts: Iterable[str]) -> str:
    """The most severe verdict (unknown words rank just above ``pass``)."""
    rank = {v: i for i, v in enumerate(VERDICT_SEVERITY)}
    unknown_rank = rank["pass"] - 0.5
    return min(verdicts, key=lambda v: rank.get(v, unknown_rank), default="not-applicable")


@dataclass(frozen=True)
class Score:
    """A profile's tally over a run: ``passed`` of ``judged`` cases, and how the rest went.

    Every case the profile judged counts (everything but ``not-applicable``); ``pass`` and
    ``unexpected-pass`` count as passed. Known deviations and ``differs`` are not passes, but
    they are shown apart from real failures.
    """

    profile: str
    counts: tuple[tuple[str, int], ...]

    def count(self, verdict: str) -> int:
        return dict(self.counts).get(verdict, 0)

    @property
    def judged(self) -> int:
        return sum(n for v, n in self.counts if v != "not-applicable")

    @property
    def passed(self) -> int:
        return sum(n for v, n in self.counts if v in PASSING)

    @property
    def failed(self) -> int:
        """Real failures: not passed, not known, not differs."""
        return sum(self.count(v) for v in FAILING)

    @property
    def rate(self) -> float | None:
        return self.passed / self.judged if self.judged else None

    @property
    def text(self) -> str:
        return f"{self.passed}/{self.judged}" if self.judged else "no cases"


def score(cases: Iterable[Case], profile: str) -> Score:
    tally = Counter(case.verdict(profile) for case in cases)
    return Score(profile, tuple(sorted(tally.items())))
