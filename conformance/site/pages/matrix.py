"""The matrix page: operation x library, the behaviour class and verdicts in every cell.

The filters (category, profile, failing rows only) are plain controls driven by the site's own
``copyview.js``; without JavaScript the full table is shown.
"""

from __future__ import annotations

from conformance.site.markup import attr, esc, href, html_block
from conformance.site.model import MATRIX, SiteData, library_page, operation_page
from conformance.site.pages.common import class_chips, legend, scores_line, worst_chip


def _options(values: tuple[str, ...]) -> str:
    return '<option value="">all</option>' + "".join(
        f'<option value="{attr(v)}">{esc(v)}</option>' for v in values
    )


def filters(site: SiteData) -> str:
    return (
        '<form class="cv-filters" id="cv-filters" onsubmit="return false">'
        f'<label>Category <select id="cv-category">{_options(site.categories)}</select></label> '
        f'<label>Profile <select id="cv-profile">{_options(site.profiles)}</select></label> '
        '<label><input type="checkbox" id="cv-failing"> only rows with failures</label> '
        '<output id="cv-count"></output></form>'
    )


def matrix_table(site: SiteData, from_src: str) -> str:
    runs = site.runs
    older = {lib.backend: len(lib.older) for lib in site.libraries}
    head = "".join(
        f'<th data-library="{attr(run.backend)}">'
        f'<a href="{href(from_src, library_page(run.backend))}">{esc(run.backend)}</a>'
        f"<br><small>{esc(run.version)}</small>"
        + (
            '<br><small title="one run is shown (the newest, or the one chosen with --show); '
            'see the library page">'
            f"+{older[run.backend]} other run(s)</small>"
            if older.get(run.backend)
            else ""
        )
        + "</th>"
        for run in runs
    )
    rows = []
    for op in site.operations:
        cells = []
        for run in runs:
            cases = op.cases_of(run.backend)
            if not cases:
                cells.append(
                    f'<td data-library="{attr(run.backend)}" class="cv-empty" '
                    'title="no case in this run">no case</td>'
                )
                continue
            verdicts = " ".join(worst_chip(p, cases) for p in site.profiles)
            cells.append(
                f'<td data-library="{attr(run.backend)}">{class_chips(cases)}'
                f'<div class="cv-vs">{verdicts}</div></td>'
            )
        target = href(from_src, operation_page(op.id))
        rows.append(
            f'<tr data-operation="{attr(op.id)}" data-category="{attr(op.category)}">'
            f'<th scope="row"><a href="{target}">{esc(op.id)}</a><br>'
            f"<code>{esc(op.expressions[0] if op.expressions else '')}</code></th>"
            f"<td>{esc(op.category)}</td>{''.join(cells)}</tr>"
        )
    summary = "".join(
        f'<td data-library="{attr(run.backend)}">{scores_line(run, site.profiles)}</td>'
        for run in runs
    )
    return (
        '<div class="cv-scroll"><table class="cv-matrix" id="cv-matrix">'
        f"<thead><tr><th>operation</th><th>category</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr class="cv-summary"><th scope="row">passed / judged</th><td></td>{summary}'
        "</tr></tfoot></table></div>"
    )


def render(site: SiteData) -> str:
    if not site.libraries:
        return "# Matrix\n\nNo results yet: run `copyview run BACKEND --json results` first.\n"
    return (
        # The table needs the width: no navigation or table-of-contents columns here.
        "---\nhide:\n  - navigation\n  - toc\n---\n\n"
        "# Matrix\n\n"
        "Each row is an operation, each column a library. A cell shows the behaviour classes "
        "observed over the operation's cases (with counts) and, per profile, the worst verdict "
        "among them; hover for details, follow the operation to see every case. The last row "
        "counts passed cases over judged cases per profile.\n\n"
        + html_block(filters(site), matrix_table(site, MATRIX), legend())
    )
