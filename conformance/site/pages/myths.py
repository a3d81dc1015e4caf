"""The myths page: twelve common claims, each checked on every library from its results (and on
every version of a library whose results from several versions were given)."""

from __future__ import annotations

from conformance.site.markup import attr, code_block, esc, html_block, link
from conformance.site.model import MYTHS, SiteData, operation_page
from conformance.site.myths import CLAIMS, SHOWN_COUNTEREXAMPLES, Claim, Finding

STATUS_LOOK = {
    "holds": ("cv-v-pass", "✓ holds"),
    "false": ("cv-v-fail", "✗ false"),
    "no evidence": ("cv-v-na", "– no evidence"),
}


def _status(finding: Finding) -> str:
    css, text = STATUS_LOOK[finding.status]
    detail = f"{finding.counted} counterexample(s), {finding.supporting} supporting case(s)"
    return f'<span class="cv-v {css}" title="{attr(detail)}">{esc(text)}</span>'


def _summary(site: SiteData, findings: dict[tuple[int, str], Finding]) -> str:
    head = "".join(f"<th>{esc(r.backend)}</th>" for r in site.runs)
    rows = "".join(
        f'<tr><th scope="row"><a href="#myth-{claim.number}">{claim.number}. '
        f"{_inline_code(claim.text)}</a></th>"
        + "".join(f"<td>{_status(findings[claim.number, r.backend])}</td>" for r in site.runs)
        + "</tr>"
        for claim in CLAIMS
    )
    return (
        f'<div class="cv-scroll"><table class="cv-matrix"><thead><tr><th>claim</th>{head}'
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _claim_section(claim: Claim, site: SiteData, findings: dict[tuple[int, str], Finding]) -> str:
    items = []
    for run in site.runs:
        finding = findings[claim.number, run.backend]
        line = f"<li><b>{esc(run.backend)}</b> {esc(run.version)}: {_status(finding)} "
        if finding.status == "holds":
            line += f"in all {finding.supporting} case(s) that speak to it."
        elif finding.status == "no evidence":
            line += "no case in these results speaks to this claim."
        else:
            line += f"{finding.counted} counterexample(s) ({finding.supporting} case(s) agree)."
            shown = []
            for case, reason in finding.shown():
                shown.append(
                    f"<li>{link(MYTHS, operation_page(case.operation), case.id, case.id)}: "
                    f"<code>{esc(case.expression)}</code> on <code>"
                    f"{esc(case.input.get('expression', ''))}</code>: {_inline_code(reason)}"
                    f"<details><summary>repro</summary>{code_block(case.repro)}</details></li>"
                )
            more = finding.counted - SHOWN_COUNTEREXAMPLES
            if more > 0:
                shown.append(f"<li>and {more} more</li>")
            line += f"<ul>{''.join(shown)}</ul>"
        items.append(line + _by_version(claim, site, run.backend) + "</li>")
    return (
        f'<section class="cv-myth"><h2 id="myth-{claim.number}">{claim.number}. '
        f"{_inline_code(claim.text)}</h2>"
        f"<p><b>What is true in NumPy:</b> {_inline_code(claim.truth)}</p>"
        f"<p><b>Cases considered:</b> {_inline_code(claim.about)}</p>"
        f"<ul>{''.join(items)}</ul></section>"
    )


def _by_version(claim: Claim, site: SiteData, backend: str) -> str:
    """Where results of several versions of the library were given: the claim in each."""
    library = next((lib for lib in site.libraries if lib.backend == backend), None)
    if library is None or not library.older:
        return ""
    held = ", ".join(
        f"{esc(run.version)} {_status(site.source.finding(claim, run))}" for run in library.runs
    )
    return f'<p class="cv-by-version">By version, oldest first: {held}</p>'


def _inline_code(text: str) -> str:
    """Our own claim texts use `backticks` for code; render them inside raw HTML."""
    pieces = esc(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))


def render(site: SiteData) -> str:
    findings = {
        (claim.number, run.backend): site.source.finding(claim, run)
        for claim in CLAIMS
        for run in site.runs
    }
    intro = (
        "# Myths\n\n"
        "Twelve claims that tutorials and answers repeat, each checked on every library from "
        "its results, not from documentation. A claim *holds* when every case it is about "
        "agrees with it, is *false* when at least one case contradicts it (the counterexample "
        "is shown, with a repro), and has *no evidence* when no case in the results speaks to "
        "it. Which cases a claim is about is written under it.\n\n"
    )
    if not site.libraries:
        return intro + "No results yet.\n"
    return (
        intro
        + html_block(_summary(site, findings))
        + html_block(*(_claim_section(c, site, findings) for c in CLAIMS), searchable=True)
    )
