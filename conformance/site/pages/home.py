"""The home page: what copyview checks and why, the quickstart, the results at a glance."""

from __future__ import annotations

from collections import Counter

from conformance.site.markup import attr, esc, href, html_block
from conformance.site.model import HOME, SiteData, library_page
from conformance.site.pages.common import class_chip, scores_line, worst_chip

INTRO = """\
# copyview

**When an operation gives you an array back, does it share memory with the array you started
from, and does the library tell you the truth about it?**

copyview runs the same operations (slicing, `reshape`, transposes, fancy indexing, `astype`,
`asarray(copy=...)`, ...) on every array library it has an adapter for, and observes what really
happened with independent *witnesses*: the exact byte overlap of the two layouts, writes that
propagate (or not) from one array to the other, and the library's own claims (`.base`,
`shares_memory`, flags). What NumPy would do is computed by a small reference implementation
of NumPy's memory model, never written by hand. Each case is judged under three *profiles*:

- `numpy`: behaves as NumPy does;
- `array-api`: meets what the Array API standard requires about copies (`copy=` of `asarray`,
  `astype`, `reshape`, DLPack);
- `consistency`: whatever the library chooses, its claims match the witnesses.

Why it matters: code that writes into an array it believes to be a copy corrupts its input,
and code that copies "to be safe" wastes memory. Tutorials disagree (see the [myths](myths.md)),
and libraries differ.

## Quickstart

```bash
pip install "copyview[site]"
copyview run numpy --json results        # one results JSON per backend
copyview site results -o site            # this site, from any number of results files
copyview site --diff old/numpy.json results/numpy.json   # what changed between two runs
```
"""


def glance(site: SiteData) -> str:
    """Category x library: the classes seen and the worst verdict per profile."""
    runs = site.runs
    head = "".join(
        f'<th><a href="{href(HOME, library_page(r.backend))}">{esc(r.backend)}</a>'
        f"<br><small>{esc(r.version)}</small></th>"
        for r in runs
    )
    rows = []
    for category in site.categories:
        ops = [op for op in site.operations if op.category == category]
        cells = []
        for run in runs:
            cases = tuple(c for op in ops for c in op.cases_of(run.backend))
            if not cases:
                cells.append('<td class="cv-empty">no case</td>')
                continue
            tally = Counter(c.observed_class for c in cases)
            chips = " ".join(class_chip(name, n) for name, n in sorted(tally.items()))
            verdicts = " ".join(worst_chip(p, cases) for p in site.profiles)
            cells.append(f'<td>{chips}<div class="cv-vs">{verdicts}</div></td>')
        rows.append(
            f'<tr data-category="{attr(category)}"><th scope="row">{esc(category)}'
            f"<br><small>{len(ops)} operations</small></th>{''.join(cells)}</tr>"
        )
    summary = "".join(f"<td>{scores_line(r, site.profiles)}</td>" for r in runs)
    return (
        '<div class="cv-scroll"><table class="cv-matrix cv-glance">'
        f"<thead><tr><th>category</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr class="cv-summary"><th>passed / judged</th>{summary}</tr></tfoot>'
        "</table></div>"
    )


def render(site: SiteData) -> str:
    if not site.libraries:
        return INTRO + "\n## Results\n\nNo results yet: run `copyview run` with `--json` first.\n"
    count = sum(len(r.cases) for r in site.runs)
    return (
        INTRO + f"\n## At a glance\n\n{len(site.libraries)} libraries, {len(site.operations)} "
        f"operations, {count} cases. The [matrix](matrix.md) has one row per operation; "
        f"the [myths](myths.md) page checks twelve common claims on every library.\n\n"
        + html_block(glance(site))
    )
