"""Widgets shared by several pages: class and verdict chips, score tables, case details.

Everything returned here is HTML with every results-file string escaped.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from conformance.site.markup import attr, code_block, esc, href, link
from conformance.site.model import badge_file, library_page, operation_page
from conformance.site.results import Case, Run
from conformance.site.vocabulary import (
    CLASSES,
    VERDICTS,
    Score,
    class_look,
    score,
    verdict_look,
    worst_verdict,
)

PROFILE_ABBREVIATIONS = {"numpy": "N", "array-api": "A", "consistency": "C"}


def profile_abbreviation(profile: str) -> str:
    return PROFILE_ABBREVIATIONS.get(profile, profile[:1].upper() or "?")


# Chips are drawn once per case and library on the operation pages, from a handful of
# distinct values: each is rendered once.
@lru_cache(maxsize=1024)
def class_chip(name: str, count: int | None = None) -> str:
    look = class_look(name)
    times = f" ×{count}" if count and count > 1 else ""
    return (
        f'<span class="cv-c cv-c-{look.css}" title="{attr(look.label)}: '
        f'{attr(look.meaning)}"><span class="cv-icon" aria-hidden="true">{esc(look.icon)}'
        f"</span> {esc(look.label)}{times}</span>"
    )


def class_chips(cases: Iterable[Case]) -> str:
    tally = Counter(case.observed_class for case in cases)
    return " ".join(class_chip(name, n) for name, n in sorted(tally.items()))


@lru_cache(maxsize=4096)
def verdict_chip(profile: str, verdict: str, note: str = "") -> str:
    look = verdict_look(verdict)
    title = f"{profile}: {look.label}" + (f" ({note})" if note else "")
    return (
        f'<span class="cv-v cv-v-{look.css}" data-profile="{attr(profile)}" '
        f'data-verdict="{attr(verdict)}" title="{attr(title)}">'
        f"{esc(profile_abbreviation(profile))}&nbsp;{esc(look.icon)}</span>"
    )


def worst_chip(profile: str, cases: tuple[Case, ...]) -> str:
    verdicts = [case.verdict(profile) for case in cases]
    worst = worst_verdict(verdicts)
    note = f"{verdicts.count(worst)} of {len(verdicts)} case{'s' if len(verdicts) != 1 else ''}"
    return verdict_chip(profile, worst, note)


def legend() -> str:
    classes = " ".join(class_chip(name) for name in CLASSES)
    verdicts = " ".join(
        f'<span class="cv-v cv-v-{look.css}" title="{attr(look.meaning)}">{esc(look.icon)} '
        f"{esc(look.label)}</span>"
        for look in VERDICTS.values()
    )
    profiles = ", ".join(
        f"<b>{esc(profile_abbreviation(p))}</b>&nbsp;{esc(p)}" for p in PROFILE_ABBREVIATIONS
    )
    return (
        f'<div class="cv-legend"><p><b>Behaviour:</b> {classes}</p>'
        f"<p><b>Verdicts:</b> {verdicts}</p><p><b>Profiles:</b> {profiles}</p></div>"
    )


def value_text(value: Any) -> str:
    """A JSON value for people; ``null`` means the library could not report it."""
    if value is None:
        return '<span class="cv-null" title="not reported">—</span>'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return f"<code>{esc(json.dumps(value, sort_keys=True))}</code>"
    return f"<code>{esc(value)}</code>"


def scores_table(run: Run, profiles: Iterable[str], from_src: str) -> str:
    rows = []
    for profile in profiles:
        tally = score(run.cases, profile)
        promised = "yes" if profile in run.promised_profiles else "no"
        badge = href(from_src, badge_file(run.backend, profile, "svg"))
        rows.append(
            f"<tr><td>{esc(profile)}</td><td>{promised}</td><td>{esc(tally.text)}</td>"
            f"<td>{tally.count('fail')}</td><td>{tally.count('known')}</td>"
            f"<td>{tally.count('differs')}</td>"
            f"<td>{tally.count('crashed') + tally.count('timeout')}</td>"
            f'<td><img src="{badge}" alt="{attr(tally.text)}"></td></tr>'
        )
    return (
        '<table class="cv-table"><thead><tr><th>profile</th><th>promised</th><th>passed</th>'
        "<th>fail</th><th>known</th><th>differs</th><th>crashed/timeout</th><th>badge</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def scores_line(run: Run, profiles: Iterable[str]) -> str:
    parts = []
    for profile in profiles:
        tally: Score = score(run.cases, profile)
        parts.append(
            f'<span class="cv-score" data-profile="{attr(profile)}">'
            f"{esc(profile_abbreviation(profile))}&nbsp;{esc(tally.text)}</span>"
        )
    return " ".join(parts)


def _facts(title: str, facts: Mapping[str, Any]) -> str:
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{value_text(v)}</td></tr>" for k, v in facts.items())
    return f'<table class="cv-facts"><caption>{esc(title)}</caption>{cells}</table>'


def case_details(case: Case, run: Run, from_src: str, *, with_links: bool = True) -> str:
    """Expected against observed for one case of one run, its verdicts and its repro."""
    expected = dict(case.expected or {})
    # Every observed field but the witnesses and claims, which get tables of their own.
    observed = {k: v for k, v in case.observed.items() if k not in {"witnesses", "claims"}}
    verdicts = "".join(
        f"<li>{verdict_chip(p, v.verdict)} <b>{esc(p)}</b>: {esc(verdict_look(v.verdict).label)}"
        f"{': ' + esc(v.message) if v.message else ''}</li>"
        for p, v in case.verdicts.items()
    )
    where = ""
    if with_links:
        where = (
            f"<p>{link(from_src, library_page(run.backend), run.backend)} · "
            f"{link(from_src, operation_page(case.operation), 'case ' + case.id, case.id)}"
            "</p>"
        )
    layout = {k: case.input.get(k) for k in ("expression", "dtype", "shape", "strides", "itemsize")}
    return (
        f'<div class="cv-case">{where}'
        f'<div class="cv-grid">{_facts("input", layout)}'
        f"{_facts('expected (NumPy semantics)', expected) if case.expected else ''}"
        f"{_facts('observed', observed)}{_facts('witnesses', case.witnesses)}"
        f"{_facts('claims', case.claims)}</div>"
        f'<ul class="cv-verdicts">{verdicts}</ul>'
        f"<details><summary>repro</summary>{code_block(case.repro or '# no repro recorded')}"
        "</details></div>"
    )
