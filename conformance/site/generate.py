"""Everything the generator writes, as ``{path in docs: content}``, and the site's navigation.

Generated pages are Markdown; badges and assets are written as they are. Hand-written pages
in the docs directory (the CI guide, the reference, tutorial notebooks) are not generated
here: :func:`navigation` only places them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from conformance.site import badges
from conformance.site.assets import CSS, JS
from conformance.site.markup import esc
from conformance.site.model import (
    ASSETS_CSS,
    ASSETS_JS,
    HOME,
    MATRIX,
    MYTHS,
    SiteData,
    diff_page,
    library_page,
    operation_page,
)
from conformance.site.pages import diffs, home, library, matrix, myths, operation


def generate_files(site: SiteData) -> dict[str, str]:
    files = {
        HOME: home.render(site),
        MATRIX: matrix.render(site),
        MYTHS: myths.render(site),
        ASSETS_CSS: CSS,
        ASSETS_JS: JS,
    }
    for lib in site.libraries:
        files[library_page(lib.backend)] = library.render(lib, site)
        if lib.older:
            files[diff_page(lib.backend)] = diffs.render(lib)
    files.update(badges.badge_files([lib.current for lib in site.libraries]))
    for op in site.operations:
        files[operation_page(op.id)] = operation.render(op, site)
    return files


def navigation(site: SiteData, hand_written: Iterable[str]) -> list[Any]:
    """The nav: generated pages first, then tutorials, the CI guide and the reference.

    ``hand_written`` lists the documentation files found in the docs directory (paths relative
    to it). Titles taken from results are escaped, because the theme prints nav titles as HTML.
    """
    present = sorted(set(hand_written))
    nav: list[Any] = [{"Home": HOME}, {"Matrix": MATRIX}]
    if site.libraries:
        nav.append(
            {"Libraries": [{esc(lib.backend): library_page(lib.backend)} for lib in site.libraries]}
        )
    if site.operations:
        nav.append(
            {
                "Operations": [
                    {
                        esc(category): [
                            {esc(op.id): operation_page(op.id)}
                            for op in site.operations
                            if op.category == category
                        ]
                    }
                    for category in site.categories
                ]
            }
        )
    nav.append({"Myths": MYTHS})
    changed = [lib for lib in site.libraries if lib.older]
    if changed:
        nav.append({"Changes": [{esc(lib.backend): diff_page(lib.backend)} for lib in changed]})
    tutorials = [p for p in present if p.startswith("tutorials/") and p.endswith(".ipynb")]
    if tutorials:
        nav.append({"Tutorials": tutorials})
    if "ci.md" in present:
        nav.append({"Use copyview in your CI": "ci.md"})
    reference = [p for p in present if p.startswith("reference/") and p.endswith(".md")]
    if reference:
        nav.append({"Reference": reference})
    placed = {"ci.md", *tutorials, *reference}
    others = [
        p
        for p in present
        if p.endswith(".md") and p not in placed and p not in generate_names(site)
    ]
    if others:
        nav.append({"More": others})
    return nav


def generate_names(site: SiteData) -> set[str]:
    """The page names the generator owns (a hand-written file of that name is replaced)."""
    names = {HOME, MATRIX, MYTHS}
    names.update(library_page(lib.backend) for lib in site.libraries)
    names.update(diff_page(lib.backend) for lib in site.libraries if lib.older)
    names.update(operation_page(op.id) for op in site.operations)
    return names
