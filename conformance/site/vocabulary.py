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


@dataclass(frozen=True)
class Look:
    """How one vocabulary word is drawn: label, icon character, CSS class suffix, meaning."""

    label: str
    icon: str
    css: str
    meaning: str


CLASSES: dict[str, Look] = {
    "same-object": Look("same object", "≡", "same", "the operation returned its input object"),
    "view": Look("view", "⇄", "view", "shares bytes with the input; writes propagate both ways"),
    "read-only-view": Look(
        "read-only view",
        "⇢",
        "roview",
        "shares bytes with the input; writes through the result are refused",
    ),
    "copy": Look("copy", "⊕", "copy", "no byte in common with the input"),
    "copy-on-write": Look(
        "copy-on-write", "⊘", "cow", "shares bytes with the input, but writes do not propagate"
    ),
    "immutable": Look(
        "immutable",
        "◆",
        "immutable",
        "the library has no in-place writes; only the memory witness speaks",
    ),
    "scalar": Look("scalar", "•", "scalar", "the operation returned a scalar, not an array"),
    "error": Look("error", "✕", "error", "the operation raised"),
    "unknown": Look("unknown", "?", "unknown", "no witness could observe sharing"),
    "not-applicable": Look(
        "not applicable", "–", "na", "the library does not have this operation or input"
    ),
    "crashed": Look("crashed", "☠", "crashed", "the case killed its worker process"),
    "timeout": Look("timeout", "⌛", "timeout", "the case ran past its time limit"),
}

VERDICTS: dict[str, Look] = {
    "pass": Look("pass", "✓", "pass", "the profile is met"),
    "fail": Look("fail", "✗", "fail", "a promised profile is not met"),
    "differs": Look(
        "differs",
        "≠",
        "differs",
        "a profile the library does not promise is not met (never a failure)",
    ),
    "known": Look("known deviation", "!", "known", "a failure listed as a known deviation"),
    "unexpected-pass": Look(
        "unexpected pass", "✓!", "upass", "listed as a known deviation, but passed"
    ),
    "not-applicable": Look("not applicable", "–", "na", "the profile says nothing here"),
    "crashed": Look("crashed", "☠", "crashed", "the case killed its worker process"),
    "timeout": Look("timeout", "⌛", "timeout", "the case ran past its time limit"),
}

# Worst first: a cell that summarises several cases shows its worst verdict.
VERDICT_SEVERITY = (
    "crashed",
    "timeout",
    "fail",
    "known",
    "differs",
    "unexpected-pass",
    "pass",
    "not-applicable",
)
PASSING = frozenset({"pass", "unexpected-pass"})


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
        return self.count("fail") + self.count("crashed") + self.count("timeout")

    @property
    def rate(self) -> float | None:
        return self.passed / self.judged if self.judged else None

    @property
    def text(self) -> str:
        return f"{self.passed}/{self.judged}" if self.judged else "no cases"


def score(cases: Iterable[Case], profile: str) -> Score:
    tally = Counter(case.verdict(profile) for case in cases)
    return Score(profile, tuple(sorted(tally.items())))
