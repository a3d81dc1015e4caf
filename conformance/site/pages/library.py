"""One page per library: where it ran, its scores, every failure, its known deviations."""

from __future__ import annotations

from urllib.parse import quote

from conformance.site.markup import esc, front_matter, href, html_block, link, md_text
from conformance.site.merge import Library
from conformance.site.model import (
    MATRIX,
    SiteData,
    badge_file,
    diff_page,
    library_page,
    operation_page,
)
from conformance.site.pages.common import case_details, class_chips, scores_table, value_text
from conformance.site.results import Case, Run
from conformance.site.store import full_cases
from conformance.vocabulary import FAILING as FAILING_VERDICTS
from conformance.vocabulary import Verdict

FAILING = frozenset(FAILING_VERDICTS)


def _about(run: Run) -> str:
    facts = {
        "library": run.library,
        "version": run.version,
        "platform": run.platform,
        "python": run.python,
        "device": run.device,
        "adapter": run.adapter,
        "promised profiles": ", ".join(run.promised_profiles) or "none",
        "copyview": run.suite_version,
        "finished": run.finished,
        "results file": run.source,
        "cases": str(len(run.cases)),
    }
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts.items())
    caps = "".join(
        f"<tr><th>{esc(k)}</th><td>{value_text(v)}</td></tr>" for k, v in run.capabilities.items()
    )
    return (
        f'<div class="cv-grid"><table class="cv-facts"><caption>run</caption>{rows}</table>'
        f'<table class="cv-facts"><caption>capabilities</caption>{caps}</table></div>'
    )


def _cases_with(run: Run, verdicts: frozenset[str]) -> list[Case]:
    return [c for c in run.cases if any(v.verdict in verdicts for v in c.verdicts.values())]


def _case_list(run: Run, cases: list[Case], site: SiteData, src: str) -> str:
    return "".join(
        f'<h3 class="cv-case-title">{esc(case.id)}</h3>{case_details(case, run, src)}'
        for case in full_cases(site.source, run, cases)
    )


def _badge_snippets(run: Run, profiles: tuple[str, ...], src: str) -> str:
    items = []
    for profile in profiles:
        svg = badge_file(run.backend, profile, "svg")
        endpoint = badge_file(run.backend, profile, "json")
        items.append(
            f'<li>{esc(profile)}: <a href="{href(src, svg)}">SVG</a> · '
            f'<a href="{href(src, endpoint)}">shields.io endpoint JSON</a> '
            f"(<code>https://img.shields.io/endpoint?url=&lt;your site&gt;/{esc(endpoint)}</code>)"
            "</li>"
        )
    return f"<ul>{''.join(items)}</ul>"


def _older_runs(library: Library, src: str) -> str:
    if not library.older:
        return ""
    items = "".join(
        f"<li>{esc(run.label)}: <code>{esc(run.source)}</code></li>" for run in library.older
    )
    return (
        f"<p>This page shows the run of {esc(library.current.version)} (the newest unless "
        "<code>copyview site --show</code> chose another). Other runs of this backend were "
        "also given: "
        f"</p><ul>{items}</ul><p>{link(src, diff_page(library.backend), 'What changed')}"
        "</p>"
    )


def _behaviour(run: Run, site: SiteData, src: str) -> str:
    rows = []
    for category in site.categories:
        cases = [c for c in run.cases if c.category == category]
        if not cases:
            continue
        target = href(src, MATRIX) + "?category=" + quote(category, safe="")
        rows.append(
            f'<tr><th><a href="{target}">{esc(category)}</a></th>'
            f"<td>{len(cases)}</td><td>{class_chips(cases)}</td></tr>"
        )
    return (
        '<table class="cv-table"><thead><tr><th>category</th><th>cases</th>'
        f"<th>observed behaviour</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def render(library: Library, site: SiteData) -> str:
    run = library.current
    src = library_page(library.backend)
    failures = _cases_with(run, FAILING)
    known = _cases_with(run, frozenset({Verdict.KNOWN}))
    unexpected = _cases_with(run, frozenset({"unexpected-pass"}))
    differs = _cases_with(run, frozenset({"differs"}))
    parts = [
        front_matter(library.backend),
        f"# {md_text(library.backend)}\n\n",
        html_block(_about(run), _older_runs(library, src), searchable=True),
        "## Scores\n\nEvery case a profile judges counts; `pass` and `unexpected-pass` count as "
        "passed. Known deviations and `differs` (a profile the library does not promise) are "
        "listed apart from failures.\n\n",
        html_block(scores_table(run, site.profiles, src), _badge_snippets(run, site.profiles, src)),
        "## Behaviour by category\n\nWhat the operations of each category returned in this "
        "library, over all their cases.\n\n",
        html_block(_behaviour(run, site, src)),
        f"## Failures\n\n{len(failures)} case(s) fail a promised profile, crashed or timed "
        "out.\n\n",
    ]
    if failures:
        parts.append(html_block(_case_list(run, failures, site, src)))
    parts.append(
        f"## Known deviations\n\n{len(known)} case(s) are listed as known deviations; "
        "the reason is the verdict's message.\n\n"
    )
    if known:
        parts.append(html_block(_case_list(run, known, site, src)))
    extra = []
    if unexpected or run.unexpected_passes:
        extra.append(
            "<h3>Unexpected passes</h3><p>Listed as deviations, but they passed: "
            "the deviation entries can go.</p><ul>"
            + "".join(f"<li>{esc(c.id)}</li>" for c in unexpected)
            + "".join(f"<li>{esc(d)}</li>" for d in run.unexpected_passes)
            + "</ul>"
        )
    if run.unmatched_deviations:
        extra.append(
            "<h3>Deviation entries that match no case</h3><ul>"
            + "".join(f"<li><code>{esc(d)}</code></li>" for d in run.unmatched_deviations)
            + "</ul>"
        )
    if extra:
        parts.append(html_block(*extra, searchable=True))
    parts.append(
        f"## Differs from profiles it does not promise\n\n{len(differs)} case(s); "
        "reported for information, never counted as failures.\n\n"
    )
    if differs:
        # Often most of the cases (a library that does not aim at NumPy's behaviour): listed
        # compactly, each linking to its case on the operation page.
        items = "".join(
            f"<li>{link(src, operation_page(c.operation), c.id, c.id)}: "
            + "; ".join(
                f"[{esc(p)}] {esc(v.message)}"
                for p, v in c.verdicts.items()
                if v.verdict == "differs"
            )
            + "</li>"
            for c in differs
        )
        parts.append(html_block(f"<details><summary>show them</summary><ul>{items}</ul></details>"))
    return "".join(parts)
