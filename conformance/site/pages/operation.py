"""One page per operation: NumPy's rule, the result in every library, a permalink per case."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.site.markup import (
    anchor_id,
    code_block,
    esc,
    front_matter,
    href,
    html_block,
    link,
    md_text,
)
from conformance.site.model import Operation, SiteData, library_page, operation_page
from conformance.site.pages.common import class_chip, value_text, verdict_chip
from conformance.site.results import Case, Run
from conformance.site.rules import numpy_rule

#: One operation's full cases: per library shown (in column order), case id -> case.
Found = dict[str, tuple[Run, dict[str, Case]]]


def _found(op: Operation, site: SiteData) -> Found:
    # A library with no case of this operation (the exchange section, say) gets no column.
    return {
        run.backend: (run, {case.id: case for case in site.source.cases(run, op.id)})
        for run in site.runs
        if op.cases_of(run.backend)
    }


def _overview(op: Operation, found: Found, site: SiteData, src: str) -> str:
    rows = []
    for case_id in op.case_ids:
        cells = []
        for _, cases in found.values():
            case = cases.get(case_id)
            if case is None:
                cells.append('<td class="cv-empty">no case</td>')
                continue
            verdicts = " ".join(verdict_chip(p, case.verdict(p)) for p in site.profiles)
            cells.append(
                f'<td>{class_chip(case.observed_class)}<div class="cv-vs">{verdicts}</div></td>'
            )
        expected = next(
            (
                case.expected_class
                for _, cases in found.values()
                if (case := cases.get(case_id)) is not None and case.expected_class
            ),
            None,
        )
        rows.append(
            f'<tr><th scope="row"><a href="{href(src, src, case_id)}">{esc(case_id)}'
            f"</a></th><td>{class_chip(expected) if expected else '—'}</td>"
            f"{''.join(cells)}</tr>"
        )
    head = "".join(
        f'<th><a href="{href(src, library_page(r.backend))}">{esc(r.backend)}</a></th>'
        for r, _ in found.values()
    )
    return (
        '<div class="cv-scroll"><table class="cv-matrix">'
        f"<thead><tr><th>case</th><th>NumPy</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _witness_cells(case: Case) -> str:
    w, c = case.witnesses, case.claims
    return "".join(
        f"<td>{value_text(v)}</td>"
        for v in (
            w.get("memory"),
            w.get("mutation_forward"),
            w.get("mutation_backward"),
            c.get("base"),
            c.get("shares_memory"),
            _strides(case.observed),
            _warnings(case.observed),
            _address(case.observed),
        )
    )


def _address(part: Mapping[str, Any]) -> str | None:
    """What the alignment witness saw: the same behaviour off the 64-byte boundary, or what
    changed (``None`` where the input has no placement or the results predate the witness)."""
    check = part.get("alignment")
    if not isinstance(check, Mapping):
        return None
    if check.get("stable"):
        return "same"
    twin = str(check.get("class"))
    if check.get("error"):
        twin += f" ({check.get('error')})"
    return f"{twin} {check.get('shift')} B off"


def _strides(part: Mapping[str, Any]) -> Any:
    """The result's exported strides (bytes), where the library exports a layout."""
    layout = part.get("layout")
    return layout.get("strides") if isinstance(layout, Mapping) else None


def _warnings(part: Mapping[str, Any]) -> str | None:
    """The categories of the warnings the operation raised (``None`` in older results)."""
    heard = part.get("warnings")
    if not isinstance(heard, list):
        return None
    return ", ".join(str(w.get("category")) for w in heard if isinstance(w, Mapping)) or "none"


def _case_section(case_id: str, found: Found, src: str) -> str:
    """One case in every library: a compact row per library, then the repros.

    Kept to one table so that pages of operations with many cases stay light.
    """
    pairs = [(run, cases[case_id]) for run, cases in found.values() if case_id in cases]
    first = pairs[0][1]
    layout = first.input
    expected = first.expected or {}
    rows, messages, repros = [], [], []
    for run, case in pairs:
        verdicts = " ".join(verdict_chip(p, v.verdict, v.message) for p, v in case.verdicts.items())
        rows.append(
            f"<tr><th>{link(src, library_page(run.backend), run.backend)} "
            f"<small>{esc(run.version)}</small></th>"
            f"<td>{class_chip(case.observed_class)}</td>{_witness_cells(case)}"
            f"<td>{verdicts}</td></tr>"
        )
        messages += [
            f"<li><b>{esc(run.backend)}</b> [{esc(p)}] {esc(v.verdict)}: {esc(v.message)}</li>"
            for p, v in case.verdicts.items()
            if v.message
        ]
        repros.append(f"<p>{esc(run.backend)}</p>{code_block(case.repro or '# no repro')}")
        if case.repro_misaligned:
            repros.append(
                f"<p>{esc(run.backend)}, the input one element off the 64-byte boundary</p>"
                f"{code_block(case.repro_misaligned)}"
            )
    expected_text = (
        f"expected (NumPy semantics): {class_chip(str(expected.get('class')))}, "
        f"base {value_text(expected.get('base'))}, shares memory "
        f"{value_text(expected.get('shares_memory'))}, strides "
        f"{value_text(_strides(expected))}, warnings {value_text(_warnings(expected))}"
        if expected.get("class")
        else "the reference has no expectation for this case"
    )
    return (
        f'<section class="cv-case-section"><h3 id="{anchor_id(case_id)}">{esc(case_id)} '
        f'<a class="cv-permalink" href="{href(src, src, case_id)}" title="permanent link">¶'
        f"</a></h3><p>input <code>{esc(layout.get('expression', ''))}</code>: dtype "
        f"{value_text(layout.get('dtype'))}, shape {value_text(layout.get('shape'))}, strides "
        f"{value_text(layout.get('strides'))}; {expected_text}.</p>"
        '<div class="cv-scroll"><table class="cv-table"><thead><tr><th>library</th>'
        '<th>observed</th><th title="the two layouts share bytes">memory</th>'
        '<th title="a write through the input is seen in the result">write x → y</th>'
        '<th title="a write through the result is seen in the input">write y → x</th>'
        '<th title="what the result\'s base is, as the library says">base</th>'
        '<th title="the library\'s shares_memory answer">shares_memory</th>'
        '<th title="the result\'s strides in bytes, as the library exports them">strides</th>'
        '<th title="warnings the operation raised">warnings</th>'
        '<th title="the same case on the input one element off its 64-byte boundary">'
        "off-boundary</th><th>verdicts</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        + (f'<ul class="cv-verdicts">{"".join(messages)}</ul>' if messages else "")
        + f"<details><summary>repro</summary>{''.join(repros)}</details></section>"
    )


def render(op: Operation, site: SiteData) -> str:
    src = operation_page(op.id)
    found = _found(op, site)
    expressions = ", ".join(f"<code>{esc(e)}</code>" for e in op.expressions)
    return (
        front_matter(op.id)
        + f"# {md_text(op.id)}\n\n"
        + html_block(
            f"<p>Category <b>{esc(op.category)}</b>; expression {expressions}.</p>", searchable=True
        )
        + f"## What NumPy does\n\n{numpy_rule(op.id, op.category)}\n\n"
        "## In every library\n\nOne row per case (an input the operation was applied to); the "
        "NumPy column is what the reference implementation predicts.\n\n"
        + html_block(_overview(op, found, site, src))
        + "## Cases\n\nEach case has a permanent anchor: its id, stable across runs.\n\n"
        + html_block(*(_case_section(case_id, found, src) for case_id in op.case_ids))
    )
