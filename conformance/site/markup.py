"""HTML building blocks: escaping, file-name slugs and links between generated pages.

Every string that comes from a results file goes through :func:`esc` (text) or :func:`attr`
(attribute values) before it reaches a page, so a backend name or message containing HTML
renders as text. Pages are Markdown files whose dynamic parts are raw HTML blocks: Markdown
leaves the inside of such blocks alone, so nothing from a results file is read as Markdown
either.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from functools import lru_cache
from urllib.parse import quote


def esc(text: object) -> str:
    """Text content: ``<``, ``>``, ``&`` and quotes become entities."""
    text = text if isinstance(text, str) else str(text)
    # Pages escape the same short strings (names, versions, messages) millions of times.
    return _escape_short(text) if len(text) <= _SHORT else html.escape(text, quote=True)


_SHORT = 200


@lru_cache(maxsize=1 << 16)
def _escape_short(text: str) -> str:
    return html.escape(text, quote=True)


def attr(text: object) -> str:
    """An attribute value, to be placed between double quotes."""
    return html.escape(str(text), quote=True)


def slug(name: str) -> str:
    """A file-name-safe, stable name for ``name``.

    Names that are already safe are kept; any other name is cleaned and gets a short hash of
    the original, so two different names never share a page.
    """
    cleaned = re.sub(r"[^a-z0-9_.-]+", "-", name.lower()).strip("-.") or "x"
    if cleaned == name:
        return cleaned
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{cleaned[:60]}-{digest}"


def page_url(src: str) -> str:
    """Where a page source (``libraries/numpy.md``) lands; the site uses plain ``.html`` URLs."""
    return src[:-3] + ".html" if src.endswith(".md") else src


# Pages link to the same few targets over and over (a library page from every row of an
# operation page); relpath is costly enough that rendering them once pays.
def href(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """A relative link from one generated page (or file) to another, optionally to an anchor."""
    if anchor is None:
        return _relative(from_src, to_src)
    # Anchors (case ids) are nearly all different: only the path part is worth remembering.
    return _relative(from_src, to_src) + "#" + attr(quote(anchor, safe=""))


@lru_cache(maxsize=4096)
def _relative(from_src: str, to_src: str) -> str:
    base = posixpath.dirname(page_url(from_src)) or "."
    return attr(posixpath.relpath(page_url(to_src), base))


def anchor_id(case_id: str) -> str:
    """The permanent anchor of a case: its ``id``, which is stable across runs and machines."""
    return attr(case_id)


def link(from_src: str, to_src: str, text: str, anchor: str | None = None) -> str:
    return f'<a href="{href(from_src, to_src, anchor)}">{esc(text)}</a>'


def code_block(source: str) -> str:
    """A code snippet that survives any content (HTML, backticks, Markdown).

    Newlines become character references so the snippet is one line of HTML: a blank line
    inside it can then never end the surrounding raw HTML block early.
    """
    return f'<pre class="cv-code"><code>{esc(source).replace(chr(10), "&#10;")}</code></pre>'


SLOT_START, SLOT_END = "<!--cv-slot-->", "<!--/cv-slot-->"


def html_block(*parts: str, searchable: bool = False) -> str:
    """Raw HTML that Markdown must pass through untouched: one block, no blank lines.

    Unless ``searchable``, the block is marked as a *slot*: :func:`split_slots` takes it out of
    the Markdown and the mkdocs hook puts it back into the finished page. Large tables then
    cost neither Markdown parsing nor search indexing (which dominate build time and would
    make the search index as big as the site). The markers cannot occur in escaped text.
    """
    body = "\n".join(p for p in parts if p)
    body = re.sub(r"\n\s*\n", "\n", body)
    block = f'<div class="cv-block">\n{body}\n</div>'
    if searchable:
        return block + "\n\n"
    return f"{SLOT_START}\n{block}\n{SLOT_END}\n\n"


def slot_placeholder(index: int) -> str:
    return f'<div class="cv-slot" data-cv-slot="{index}"></div>'


def split_slots(markdown: str) -> tuple[str, tuple[str, ...]]:
    """Markdown with each slot replaced by a placeholder, and the slots' HTML in order."""
    # str.find rather than a regular expression: a lazy ``.*?`` over pages of megabytes is slow.
    slots: list[str] = []
    kept: list[str] = []
    start, end = SLOT_START + "\n", "\n" + SLOT_END
    at = 0
    while (opened := markdown.find(start, at)) >= 0:
        closed = markdown.find(end, opened + len(start))
        if closed < 0:
            break
        kept.append(markdown[at:opened])
        slots.append(markdown[opened + len(start) : closed])
        kept.append(slot_placeholder(len(slots) - 1))
        at = closed + len(end)
    kept.append(markdown[at:])
    return "".join(kept), tuple(slots)


def pack_slots(slots: tuple[str, ...]) -> str:
    """The slots as one text: a first line of their lengths, then the slots one after another.

    Read back with :func:`unpack_slots` (the text must travel unchanged: no newline
    translation). Cutting by length costs nothing, where JSON escaped and unescaped hundreds
    of megabytes of HTML in a build.
    """
    return " ".join(str(len(slot)) for slot in slots) + "\n" + "".join(slots)


def unpack_slots(text: str) -> tuple[str, ...]:
    """The slots that :func:`pack_slots` packed into ``text``."""
    header, _, body = text.partition("\n")
    slots, at = [], 0
    for length in map(int, header.split()):
        slots.append(body[at : at + length])
        at += length
    if at != len(body):
        raise ValueError(f"packed slots hold {len(body)} characters, the header says {at}")
    return tuple(slots)


def fill_slots(html: str, slots: tuple[str, ...]) -> str:
    """Put the slots' HTML back in place of their placeholders."""
    for index, block in enumerate(slots):
        html = html.replace(slot_placeholder(index), block, 1)
    return html


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md_text(text: object) -> str:
    """Text for a Markdown line (a heading): HTML-escaped, then Markdown syntax escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", esc(text))


def front_matter(title: str) -> str:
    """Page metadata giving the page's title, escaped.

    The theme prints ``page.meta.title`` as it is into ``<title>``, whereas a title taken from
    the page's heading passes through a filter that turns entities back into tags; an escaped
    meta title is therefore the one safe way to title a page named by a results file.
    """
    return f"---\ntitle: {json.dumps(esc(title))}\n---\n\n"
