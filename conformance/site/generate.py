"""Everything the generator writes, page by page as ``(path in docs, content)``, and the
site's navigation.

Generated pages are Markdown; badges and assets are written as they are. Hand-written pages
in the docs directory (the CI guide, the reference, tutorial notebooks) are not generated
here: :func:`navigation` only places them. :func:`write_files` writes each page to disk as soon
as it is rendered, with its large HTML blocks (slots) beside it, so that no build holds every
page at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from conformance.site import badges
from conformance.site.assets import CSS, JS
from conformance.site.fanout import fan_out
from conformance.site.markup import esc, pack_slots, split_slots
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

#: Beside a generated page ``P``, ``P`` + SLOTS holds its slots (markup.pack_slots).
SLOTS = ".slots"


def generate_files(site: SiteData) -> Iterator[tuple[str, str]]:
    """Each generated file as ``(path in docs, content)``, rendered when asked for."""
    for name, render in _pieces(site):
        yield name, render()


def _pieces(site: SiteData) -> list[tuple[str, Callable[[], str]]]:
    """Each generated file's path in docs and how to render it, in order."""
    pieces: list[tuple[str, Callable[[], str]]] = [
        (HOME, lambda: home.render(site)),
        (MATRIX, lambda: matrix.render(site)),
        (MYTHS, lambda: myths.render(site)),
        (ASSETS_CSS, lambda: CSS),
        (ASSETS_JS, lambda: JS),
    ]
    for lib in site.libraries:
        pieces.append((library_page(lib.backend), partial(library.render, lib, site)))
        if lib.older:
            pieces.append((diff_page(lib.backend), partial(diffs.render, lib, site.source)))
    for name, content in badges.badge_files([lib.current for lib in site.libraries]).items():
        pieces.append((name, partial(str, content)))
    for op in site.operations:
        pieces.append((operation_page(op.id), partial(operation.render, op, site)))
    return pieces


#: Pages a worker renders at a time: small enough to balance pages of very different sizes.
_BATCH = 8


def write_files(site: SiteData, directory: Path, jobs: int = 1) -> tuple[str, ...]:
    """Write every generated file under ``directory`` (over up to ``jobs`` worker processes);
    their paths in docs, in order.

    A page's slots are written beside it (``SLOTS``) for the mkdocs hook to put back into the
    finished page: mkdocs then never holds them.
    """
    pieces = _pieces(site)
    # Workers are given batch numbers, never pieces: a piece holds the whole site model.
    starts = range(0, len(pieces), _BATCH)
    fan_out(lambda start: _write_batch(directory, pieces[start : start + _BATCH]), starts, jobs)
    return tuple(name for name, _ in pieces)


def _write_batch(directory: Path, batch: list[tuple[str, Callable[[], str]]]) -> None:
    for name, render in batch:
        _write(directory, name, render())


def _write(directory: Path, name: str, content: str) -> None:
    target = directory / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".md"):
        content, slots = split_slots(content)
        if slots:
            packed = target.with_name(target.name + SLOTS)
            with packed.open("w", encoding="utf-8", newline="") as out:
                out.write(pack_slots(slots))
    target.write_text(content, encoding="utf-8")


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
