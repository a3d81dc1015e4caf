"""What changed between two runs of one library: cases added, removed, fixed and broken.

Cases are matched by ``id``, which the results format keeps stable across runs and machines.
A case is *fixed* under a profile when its verdict went from not passing to passing, *broken*
the other way round; a change of observed behaviour class is listed too, since it can matter
to users even when every verdict stays the same.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from conformance.site.results import Run
from conformance.site.vocabulary import PASSING
from conformance.vocabulary import FAILING, Verdict

NEUTRAL = frozenset({Verdict.NOT_APPLICABLE})


@dataclass(frozen=True)
class VerdictChange:
    case_id: str
    profile: str
    old: str
    new: str


@dataclass(frozen=True)
class ClassChange:
    case_id: str
    old: str
    new: str


@dataclass(frozen=True)
class RunDiff:
    """The differences from ``old`` to ``new`` (two runs of one backend)."""

    old: Run
    new: Run
    added: tuple[str, ...]
    removed: tuple[str, ...]
    fixed: tuple[VerdictChange, ...]
    broken: tuple[VerdictChange, ...]
    class_changes: tuple[ClassChange, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.fixed or self.broken or self.class_changes)


def diff_runs(old: Run, new: Run) -> RunDiff:
    old_cases = {case.id: case for case in old.cases}
    new_cases = {case.id: case for case in new.cases}
    fixed: list[VerdictChange] = []
    broken: list[VerdictChange] = []
    classes: list[ClassChange] = []
    for case_id, after in new_cases.items():
        before = old_cases.get(case_id)
        if before is None:
            continue
        for profile in sorted(set(before.verdicts) | set(after.verdicts)):
            was, now = before.verdict(profile), after.verdict(profile)
            if was == now or {was, now} & NEUTRAL:
                continue
            if was not in PASSING and now in PASSING:
                fixed.append(VerdictChange(case_id, profile, was, now))
            elif was in PASSING and now not in PASSING:
                broken.append(VerdictChange(case_id, profile, was, now))
        if before.observed_class != after.observed_class:
            classes.append(ClassChange(case_id, before.observed_class, after.observed_class))
    return RunDiff(
        old=old,
        new=new,
        added=tuple(i for i in new_cases if i not in old_cases),
        removed=tuple(i for i in old_cases if i not in new_cases),
        fixed=tuple(fixed),
        broken=tuple(broken),
        class_changes=tuple(classes),
    )


def format_diff(diff: RunDiff) -> str:
    """The diff as plain text, for the terminal."""
    lines = [f"{diff.old.backend}: {diff.old.label} -> {diff.new.label}"]
    if diff.unchanged:
        lines.append("no differences")
    for title, ids in (("added", diff.added), ("removed", diff.removed)):
        if ids:
            lines.append(f"{title} ({len(ids)}):")
            lines.extend(f"  {case_id}" for case_id in ids)
    for title, changes in (("fixed", diff.fixed), ("broken", diff.broken)):
        if changes:
            lines.append(f"{title} ({len(changes)}):")
            lines.extend(f"  {c.case_id} [{c.profile}] {c.old} -> {c.new}" for c in changes)
    if diff.class_changes:
        lines.append(f"behaviour changed ({len(diff.class_changes)}):")
        lines.extend(f"  {c.case_id} {c.old} -> {c.new}" for c in diff.class_changes)
    return "\n".join(lines)


def breaks_promise(diff: RunDiff) -> bool:
    """Did a case that passed now fail a promised profile (``fail``, a crash, a timeout...)?
    A change to ``differs`` (a profile the library does not promise) breaks nothing."""
    return any(change.new in FAILING for change in diff.broken)


def markdown_diff(diff: RunDiff, limit: int = 50) -> str:
    """The diff as Markdown for a CI job summary: verdict and behaviour changes in tables,
    each with the newer run's repro snippet."""
    new_cases = {case.id: case for case in diff.new.cases}
    lines = [
        f"### copyview: {_cell(diff.old.backend)} {_cell(diff.old.version)} → "
        f"{_cell(diff.new.version)}",
        "",
    ]
    if diff.unchanged:
        return "\n".join([*lines, "No copy/view behaviour changed.", ""])
    lines.append(
        f"{len(diff.broken)} broken, {len(diff.fixed)} fixed, {len(diff.class_changes)} "
        f"behaviour change(s), {len(diff.added)} added, {len(diff.removed)} removed."
    )
    repros: list[tuple[str, str]] = []
    # What fails a promise first, then what behaves differently, then the other verdicts.
    promise = [c for c in diff.broken if c.new in FAILING]
    rest = [c for c in (*diff.broken, *diff.fixed) if c not in promise]
    changes = [
        *((c.case_id, c.profile, c.old, c.new) for c in promise),
        *((c.case_id, "class", c.old, c.new) for c in diff.class_changes),
        *((c.case_id, c.profile, c.old, c.new) for c in rest),
    ]
    if changes:
        lines += ["", "| case | what | before | after |", "|---|---|---|---|"]
        for case_id, what, old, new in changes[:limit]:
            lines.append(f"| `{_cell(case_id)}` | {_cell(what)} | {_cell(old)} | {_cell(new)} |")
            case = new_cases.get(case_id)
            if case is not None and case.repro and case_id not in {r[0] for r in repros}:
                repros.append((case_id, case.repro))
        if len(changes) > limit:
            lines.append(f"| … and {len(changes) - limit} more | | | |")
    for case_id, repro in repros[:limit]:
        lines += [
            "",
            f"<details><summary>repro: <code>{html.escape(case_id)}</code></summary>",
            "",
            "```python",
            repro.replace("```", "` ` `"),
            "```",
            "</details>",
        ]
    return "\n".join([*lines, ""])


def _cell(text: str) -> str:
    return html.escape(str(text)).replace("|", "\\|").replace("\n", " ")
