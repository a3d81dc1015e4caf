"""One page per operation: NumPy's rule, the result in every library, a permalink per case."""

from __future__ import annotations

from conformance.site.markup import anchor_id, attr, esc, front_matter, href, html_block, md_text
from conformance.site.model import Operation, SiteData, library_page, operation_page
from conformance.site.pages.common import case_details, class_chip, verdict_chip
from conformance.site.rules import numpy_rule


def _overview(op: Operation, site: SiteData, src: str) -> str:
    rows = []
    for case_id in op.case_ids:
        cells = []
        for run in site.runs:
            case = next((c for c in op.cases_of(run.backend) if c.id == case_id), None)
            if case is None:
                cells.append('<td class="cv-empty">no case</td>')
                continue
            verdicts = " ".join(verdict_chip(p, case.verdict(p)) for p in site.profiles)
            cells.append(f"<td>{class_chip(case.observed_class)}"
                         f'<div class="cv-vs">{verdicts}</div></td>')
        expected = next((c.expected_class for _, cs in op.cases for c in cs
                         if c.id == case_id and c.expected_class), None)
        rows.append(f'<tr><th scope="row"><a href="{href(src, src, case_id)}">{esc(case_id)}'
                    f"</a></th><td>{class_chip(expected) if expected else '—'}</td>"
                    f"{''.join(cells)}</tr>")
    head = "".join(f'<th><a href="{href(src, library_page(r.backend))}">{esc(r.backend)}</a>'
                   "</th>" for r in site.runs)
    return ('<div class="cv-scroll"><table class="cv-matrix">'
            f"<thead><tr><th>case</th><th>NumPy</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _case_section(op: Operation, case_id: str, site: SiteData, src: str) -> str:
    blocks = []
    for run in site.runs:
        case = next((c for c in op.cases_of(run.backend) if c.id == case_id), None)
        if case is not None:
            details = case_details(case, run, src, with_links=False)
            blocks.append(f'<h4 id="{attr(case_id + "@" + run.backend)}">{esc(run.backend)} '
                          f"{esc(run.version)}</h4>{details}")
    return (f'<section class="cv-case-section"><h3 id="{anchor_id(case_id)}">{esc(case_id)} '
            f'<a class="cv-permalink" href="{href(src, src, case_id)}" title="permanent link">¶'
            f"</a></h3>{''.join(blocks)}</section>")


def render(op: Operation, site: SiteData) -> str:
    src = operation_page(op.id)
    expressions = ", ".join(f"<code>{esc(e)}</code>" for e in op.expressions)
    return (
        front_matter(op.id)
        + f"# {md_text(op.id)}\n\n"
        + html_block(f"<p>Category <b>{esc(op.category)}</b>; expression {expressions}.</p>")
        + f"## What NumPy does\n\n{numpy_rule(op.id, op.category)}\n\n"
        "## In every library\n\nOne row per case (an input the operation was applied to); the "
        "NumPy column is what the reference implementation predicts.\n\n"
        + html_block(_overview(op, site, src))
        + "## Cases\n\nEach case has a permanent anchor: its id, stable across runs.\n\n"
        + html_block(*(_case_section(op, case_id, site, src) for case_id in op.case_ids))
    )
