"""Everything the generator writes, page by page as ``(path in docs, content)``, and the
site's navigation.

Generated pages are Markdown; badges and assets are written as they are. Hand-written pages
in the docs directory (the CI guide, the reference, tutorial notebooks) are not generated
here: :func:`navigation` only places them. :func:`write_files` writes each page to disk as soon
as it is rendered, with its large HTML blocks (slots) beside it, so that no build holds every
page at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from conformance.site import badges
from conformance.site.assets import CSS, JS
from conformance.site.markup import esc, split_slots
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

#: Beside a generated page ``P``, ``P`` + SLOTS holds its slots (a JSON list of HTML blocks).
SLOTS = ".slots.json"


def generate_files(site: SiteData) -> Iterator[tuple[str, str]]:
    """Each generated file as ``(path in docs, content)``, rendered when asked for."""
    yield HOME, home.render(site)
    yield MATRIX, matrix.render(site)
    yield MYTHS, myths.render(site)
    yield ASSETS_CSS, CSS
    yield ASSETS_JS, JS
    for lib in site.libraries:
        yield library_page(lib.backend), library.render(lib, site)
        if lib.older:
            yield diff_page(lib.backend), diffs.render(lib, site.source)
    yield from badges.badge_files([lib.current for lib in site.libraries]).items()
    for op in site.operations:
        yield operation_page(op.id), operation.render(op, site)


def write_files(site: SiteData, directory: Path) -> tuple[str, ...]:
    """Write every generated file under ``directory``; their paths in docs, in order.

    A page's slots are written beside it (``SLOTS``) for the mkdocs hook to put back into the
    finished page: mkdocs then never holds them.
    """
    written = []
    for name, content in generate_files(site):
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".md"):
            content, slots = split_slots(content)
            if slots:
                target.with_name(target.name + SLOTS).write_text(
                    json.dumps(slots), encoding="utf-8"
                )
        target.write_text(content, encoding="utf-8")
        written.append(name)
    return tuple(written)


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
