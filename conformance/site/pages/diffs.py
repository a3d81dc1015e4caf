"""Diff pages: for a library given more than one run, its history (operation by version) and
what changed from each run to the next."""

from __future__ import annotations

from itertools import pairwise

from conformance.site.diff import RunDiff, diff_runs
from conformance.site.history import history, versions
from conformance.site.markup import esc, front_matter, html_block, link, md_text
from conformance.site.merge import Library
from conformance.site.model import diff_page, operation_page
from conformance.site.store import CaseSource


def _case_link(src: str, diff: RunDiff, case_id: str) -> str:
    case = next((c for c in (*diff.new.cases, *diff.old.cases) if c.id == case_id), None)
    if case is None or case not in diff.new.cases:
        return esc(case_id)
    return link(src, operation_page(case.operation), case_id, case_id)


def _section(diff: RunDiff, src: str) -> str:
    parts = [
        f"<h2>{esc(diff.old.label)} → {esc(diff.new.label)}</h2>",
        f"<p>From <code>{esc(diff.old.source)}</code> to <code>{esc(diff.new.source)}</code>.</p>",
    ]
    if diff.unchanged:
        parts.append("<p>No differences.</p>")
    lists = (
        ("Added", [_case_link(src, diff, i) for i in diff.added]),
        ("Removed", [esc(i) for i in diff.removed]),
        (
            "Fixed",
            [
                f"{_case_link(src, diff, c.case_id)} [{esc(c.profile)}] {esc(c.old)} → {esc(c.new)}"
                for c in diff.fixed
            ],
        ),
        (
            "Broken",
            [
                f"{_case_link(src, diff, c.case_id)} [{esc(c.profile)}] {esc(c.old)} → {esc(c.new)}"
                for c in diff.broken
            ],
        ),
        (
            "Behaviour changed",
            [
                f"{_case_link(src, diff, c.case_id)}: {esc(c.old)} → {esc(c.new)}"
                for c in diff.class_changes
            ],
        ),
    )
    for title, items in lists:
        parts.append(f"<h3>{title} ({len(items)})</h3>")
        if items:
            parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
    return "".join(parts)


def _history(library: Library, source: CaseSource | None, src: str) -> str:
    """Operation by version: the behaviours of each operation's curated cases in each run,
    changed cells marked, the first version with today's behaviour, and a repro."""
    rows = history(library, source)
    labels = versions(library)
    head = "".join(f"<th>{esc(v)}</th>" for v in labels)
    parts = [
        "<h2>History</h2>",
        f"<p>{len(rows)} operation(s) behave differently across the versions run. A cell lists "
        "the behaviours of the operation's curated cases in that run; a marked cell differs "
        "from the run before it. <em>Since</em> is the first version that behaves as the "
        "newest does.</p>",
    ]
    if not rows:
        return "".join(parts)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row.cells):
            marked = i > 0 and cell != row.cells[i - 1]
            css = ' class="cv-changed"' if marked else ""
            cells.append(f"<td{css}>{esc(cell) or '–'}</td>")
        repro = (
            f"<details><summary>{esc(row.case_id)}</summary>"
            f'<pre class="cv-code"><code>{esc(row.repro)}</code></pre></details>'
            if row.repro
            else ""
        )
        body.append(
            f"<tr><th>{link(src, operation_page(row.operation), row.operation, row.operation)}"
            f"</th>{''.join(cells)}<td>{esc(row.since)}</td><td>{repro}</td></tr>"
        )
    parts.append(
        f'<table class="cv-history"><thead><tr><th>operation</th>{head}<th>since</th>'
        f"<th>repro (newest)</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
    return "".join(parts)


def render(library: Library, source: CaseSource | None = None) -> str:
    """The changes page; ``source`` serves full cases where the library's runs are slim."""
    src = diff_page(library.backend)
    sections = [_history(library, source, src)]
    sections += [_section(diff_runs(old, new), src) for old, new in pairwise(library.runs)]
    return (
        front_matter(f"Changes in {library.backend}")
        + f"# Changes in {md_text(library.backend)}\n\n"
        "Runs are ordered by library version, then by when they finished; each is compared "
        "with the next. Cases are matched by id; *fixed* and *broken* are per profile.\n\n"
        + html_block(*sections, searchable=True)
    )
