"""SVG diagrams of a buffer and the views into it, drawn from layouts alone.

The tutorials use these pictures to show what a slice, a transpose or a byte reinterpretation
does to the same bytes. Input is `reference_impl.layout.Layout` values whose offsets count bytes
from the start of one buffer (`layout_of` gets one from a reference or NumPy array), so a
diagram never depends on a library. Output is a self-contained ``<svg>`` string with no
dependencies: a ``<title>`` and ``<desc>`` for screen readers, text and lines in the page's
foreground colour (`INK`) and translucent fills so it reads on light and dark themes, and every
label escaped. Show them inline (``IPython.display.HTML``): inside an ``<img>``, which is how
notebook exporters render ``IPython.display.SVG`` output, page styles cannot reach the
picture and text falls back to black.

Each highlighted element is a ``<rect>`` carrying ``data-view``, ``data-order`` and
``data-byte`` attributes, so a test (or a curious reader of the page source) can check exactly
which bytes a view was drawn touching.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from itertools import product
from typing import Any

from reference_impl.layout import Layout

__all__ = [
    "PALETTE",
    "arrays_svg",
    "buffer_nbytes",
    "buffer_svg",
    "describe",
    "element_offsets",
    "grid_svg",
    "layout_of",
]

# Mid-tone colours drawn at partial opacity: light enough under black text on a white page,
# dark enough under white text on a dark page. One per view, in order.
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948")

# The site theme's text colour where there is one (mkdocs-material sets it for light and dark;
# notebook output areas may set their own ``color`` that does not follow the theme), else the
# colour of the surrounding text. CSS variables work in ``style``, not in SVG attributes.
INK = "var(--md-default-fg-color, currentColor)"
FILL_INK = f'style="fill:{INK}"'
STROKE_INK = f'style="stroke:{INK}"'

CELL = 36  # pixel width of one buffer cell
ROW = 26  # pixel height of one row of cells
CAPTION = 18  # pixel height of the caption line above a row
PAD = 8
FONT = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def element_offsets(layout: Layout) -> list[int]:
    """Byte offset of each element of ``layout``, in C (row-major) order."""
    return [
        layout.offset + sum(i * s for i, s in zip(index, layout.strides, strict=True))
        for index in product(*(range(n) for n in layout.shape))
    ]


def _owner(arr: Any) -> Any:
    """The array that owns the data: follow ``.base`` while it is an array of the same kind.

    Works for NumPy and reference arrays alike; a non-array base (``bytes``, a memoryview)
    ends the walk, as it ends NumPy's own base collapse.
    """
    while isinstance(arr.base, type(arr)):
        arr = arr.base
    return arr


def _address(arr: Any) -> int:
    return int(arr.__array_interface__["data"][0])


def _owner_extent(arr: Any) -> tuple[int, int]:
    """Absolute byte range ``[lo, hi)`` of the data owner, i.e. the buffer being drawn."""
    owner = _owner(arr)
    lo, hi = Layout(0, owner.shape, owner.strides, owner.itemsize).extent
    return _address(owner) + lo, _address(owner) + hi


def layout_of(arr: Any) -> Layout:
    """``arr``'s layout, its offset counted in bytes from the start of its data owner's buffer.

    ``arr`` is a reference array or a NumPy array (anything with ``__array_interface__``,
    ``base``, ``shape``, ``strides`` and ``itemsize``).
    """
    start, _ = _owner_extent(arr)
    return Layout(_address(arr) - start, tuple(arr.shape), tuple(arr.strides), arr.itemsize)


def buffer_nbytes(arr: Any) -> int:
    """Length in bytes of the buffer ``layout_of(arr)`` is relative to."""
    lo, hi = _owner_extent(arr)
    return hi - lo


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    # ids must be unique on a page that shows many diagrams; derive them from the content so
    # the function stays pure and its output reproducible.
    uid = "cv-" + hashlib.sha1("\n".join([title, desc, *body]).encode()).hexdigest()[:10]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{uid}-t {uid}-d" '
        f'style="max-width:100%;height:auto;{FONT}" font-size="12">'
    )
    return "\n".join(
        [
            head,
            f'<title id="{uid}-t">{_esc(title)}</title>',
            f'<desc id="{uid}-d">{_esc(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _text_width(chars: int) -> int:
    """Pixels taken by a caption of ``chars`` characters (monospace at 12 px, with margin)."""
    return round(7.6 * chars) + 8


def _text(
    x: float, y: float, label: str, *, anchor: str = "start", size: int = 12, opacity: float = 1.0
) -> str:
    extra = f' fill-opacity="{opacity}"' if opacity != 1.0 else ""
    return (
        f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" font-size="{size}" '
        f"{FILL_INK}{extra}>{_esc(label)}</text>"
    )


def _order_label(orders: list[int]) -> str:
    """Order numbers of the elements drawn on one spot (several when strides alias)."""
    if len(orders) > 2 and orders == list(range(orders[0], orders[-1] + 1)):
        return f"{orders[0]}-{orders[-1]}"  # a zero stride: consecutive elements, one spot
    return ",".join(map(str, orders))


def _fitting_label(orders: list[int], width: float) -> tuple[str, int] | None:
    """The most complete order label, and its font size, that fits ``width`` pixels."""
    full = _order_label(orders)
    candidates = ((full, 12), (full, 9), (full, 8), (f"{orders[0]},…", 12), (f"×{len(orders)}", 12))
    for label, size in candidates:
        if 0.6 * size * len(label) + 4 <= width:
            return label, size
    return None


def describe(name: str, layout: Layout) -> str:
    """A one-line caption: offset, shape and strides in bytes."""
    shape = ", ".join(map(str, layout.shape)) + ("," if layout.ndim == 1 else "")
    strides = ", ".join(map(str, layout.strides)) + ("," if layout.ndim == 1 else "")
    return (
        f"{name}: offset {layout.offset} B, shape ({shape}), strides ({strides}) B, "
        f"itemsize {layout.itemsize}"
    )


def _check_inside(name: str, layout: Layout, nbytes: int) -> None:
    lo, hi = layout.extent
    if layout.size and (lo < 0 or hi > nbytes):
        raise ValueError(
            f"view {name!r} reaches bytes [{lo}, {hi}) outside a buffer of {nbytes} bytes"
        )


def _stride_arrows(
    layout: Layout, view: int, colour: str, y: int, scale: float, width: int
) -> tuple[list[str], int]:
    """One bracket per axis under a view's row: from element 0 to one step along that axis.

    Returns the SVG parts and the new ``y``. Axes of length 1 and zero strides (broadcasting)
    get no arrow: there is no second element to step to, or it is the same spot.
    """
    parts: list[str] = []
    if layout.size == 0:
        return parts, y
    half = layout.itemsize * scale / 2
    x0 = PAD + layout.offset * scale + half
    for axis, (n, stride) in enumerate(zip(layout.shape, layout.strides, strict=True)):
        if n < 2 or stride == 0:
            continue
        y += 16
        x1 = PAD + (layout.offset + stride) * scale + half
        parts.append(
            f'<path d="M{x0:g},{y - 10} V{y - 4} H{x1:g} V{y - 9}" fill="none" '
            f'stroke="{colour}" stroke-width="1.5" data-view="{view}" data-axis="{axis}" '
            f'data-from="{layout.offset}" data-to="{layout.offset + stride}"/>'
        )
        parts.append(
            f'<polygon points="{x1 - 3:g},{y - 8} {x1 + 3:g},{y - 8} {x1:g},{y - 13}" '
            f'fill="{colour}"/>'
        )
        label = f"axis {axis}: {stride:+d} B"
        right = max(x0, x1) + 6
        if right + _text_width(len(label)) <= width:
            parts.append(_text(right, y - 1, label, size=10))
        else:
            parts.append(_text(min(x0, x1) - 6, y - 1, label, anchor="end", size=10))
    return parts, y


def buffer_svg(
    nbytes: int, itemsize: int, views: Sequence[tuple[str, Layout]], *, title: str | None = None
) -> str:
    """A buffer of ``nbytes`` bytes drawn as cells of ``itemsize`` bytes, and one row per view.

    The top row numbers the buffer's cells (byte offsets underneath). Each view gets a caption
    with its layout and a row in which every element it touches is filled in the view's colour
    and labelled with its position in C order, so the reader sees both *which* bytes a view
    uses and in *what order* it walks them; under the row, one arrow per axis goes from the
    first element to the next one along that axis, labelled with the stride. Pass
    ``itemsize=1`` to draw single bytes.
    """
    if itemsize <= 0 or nbytes < 0:
        raise ValueError(f"need itemsize > 0 and nbytes >= 0, got {itemsize}, {nbytes}")
    for name, layout in views:
        _check_inside(name, layout, nbytes)
    ncells = -(-nbytes // itemsize)
    longest = max([len(describe(name, layout)) for name, layout in views], default=0)
    width = 2 * PAD + max(ncells * CELL, _text_width(longest), 300)
    scale = CELL / itemsize  # pixels per byte

    body: list[str] = []
    y = PAD
    body.append(_text(PAD, y + 13, f"buffer: {nbytes} bytes, {ncells} cells of {itemsize} B"))
    y += CAPTION
    for c in range(ncells):
        x = PAD + c * CELL
        body.append(
            f'<rect x="{x}" y="{y}" width="{CELL}" height="{ROW}" '
            f'style="fill:{INK};stroke:{INK}" fill-opacity="0.06" stroke-opacity="0.6"/>'
        )
        body.append(_text(x + CELL / 2, y + 17, str(c), anchor="middle"))
        body.append(_text(x + 2, y + ROW + 10, str(c * itemsize), size=8, opacity=0.7))
    y += ROW + 20

    summaries = []
    for v, (name, layout) in enumerate(views):
        colour = PALETTE[v % len(PALETTE)]
        body.append(f'<g data-view="{v}" aria-label="{_esc(name)}">')
        body.append(_text(PAD, y + 13, describe(name, layout)))
        y += CAPTION
        for c in range(ncells):
            body.append(
                f'<rect x="{PAD + c * CELL}" y="{y}" width="{CELL}" height="{ROW}" '
                f'fill="none" {STROKE_INK} stroke-opacity="0.25"/>'
            )
        spots: dict[int, list[int]] = {}
        for order, byte in enumerate(element_offsets(layout)):
            spots.setdefault(byte, []).append(order)
        for byte, orders in sorted(spots.items()):
            left, w = PAD + byte * scale, layout.itemsize * scale
            last = byte + layout.itemsize - 1
            tip = f"{name} element {_order_label(orders)}: bytes {byte} to {last}"
            body.append(
                f'<rect x="{left:g}" y="{y + 2}" width="{w:g}" height="{ROW - 4}" rx="3" '
                f'fill="{colour}" fill-opacity="0.6" stroke="{colour}" '
                f'data-view="{v}" data-order="{",".join(map(str, orders))}" data-byte="{byte}">'
                f"<title>{_esc(tip)}</title></rect>"
            )
            # Only where a label fits inside the element; the rect's tooltip has them all.
            fitting = _fitting_label(orders, w)
            if fitting:
                body.append(
                    _text(left + w / 2, y + 17, fitting[0], anchor="middle", size=fitting[1])
                )
        y += ROW
        arrows, y = _stride_arrows(layout, v, colour, y, scale, width)
        body.extend(arrows)
        body.append("</g>")
        y += 10
        summaries.append(
            f"{name} touches {len(spots)} distinct elements"
            f"{' (some more than once)' if len(spots) < layout.size else ''}"
        )

    title = title or f"A buffer of {nbytes} bytes and {len(views)} view(s) into it"
    desc = "; ".join([f"Buffer of {ncells} cells of {itemsize} bytes", *summaries]) + "."
    return _svg(width, y + PAD, title, desc, body)


def _cell_label(byte: int, unit: int) -> str:
    """Buffer index of an element at ``byte``; a byte offset when it is not cell-aligned."""
    return str(byte // unit) if byte % unit == 0 else f"b{byte}"


def grid_svg(
    name: str, layout: Layout, *, unit: int | None = None, colour: int = 0, title: str | None = None
) -> str:
    """The logical grid of a 0-, 1- or 2-D view; each cell shows its element's buffer index.

    The buffer index is the element's byte offset divided by ``unit`` (default: the view's
    itemsize), i.e. its position in the buffer row of `buffer_svg`. Row and column numbers
    run along the edges, so ``a.T`` visibly reads the same buffer cells as ``a`` down columns.
    """
    if layout.ndim > 2:
        raise ValueError(f"grid_svg draws at most 2 dimensions, {name!r} has {layout.ndim}")
    unit = layout.itemsize if unit is None else unit
    if unit <= 0:
        raise ValueError(f"unit must be positive, got {unit}")
    rows, cols = (
        (1, 1) if layout.ndim == 0 else ((1, layout.shape[0]) if layout.ndim == 1 else layout.shape)
    )
    offsets = element_offsets(layout)
    fill = PALETTE[colour % len(PALETTE)]
    left, top = PAD + 24, PAD + CAPTION + 14
    width = max(left + cols * CELL + PAD, 2 * PAD + _text_width(len(describe(name, layout))))
    body = [_text(PAD, PAD + 13, describe(name, layout))]
    for j in range(cols):
        body.append(
            _text(left + j * CELL + CELL / 2, top - 4, str(j), anchor="middle", size=9, opacity=0.7)
        )
    for i in range(rows):
        body.append(_text(left - 6, top + i * ROW + 17, str(i), anchor="end", size=9, opacity=0.7))
        for j in range(cols):
            order = i * cols + j
            byte = offsets[order]
            x, y = left + j * CELL, top + i * ROW
            body.append(
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{ROW}" fill="{fill}" '
                f'fill-opacity="0.6" {STROKE_INK} stroke-opacity="0.6" '
                f'data-order="{order}" data-byte="{byte}"/>'
            )
            body.append(_text(x + CELL / 2, y + 17, _cell_label(byte, unit), anchor="middle"))
    height = top + rows * ROW + PAD
    title = title or f"{name}: each cell shows the buffer index of its element"
    desc = (
        f"{describe(name, layout)}. Cells in reading order hold buffer indices "
        f"{', '.join(_cell_label(b, unit) for b in offsets)}."
    )
    return _svg(width, height, title, desc, body)


def arrays_svg(
    views: Sequence[tuple[str, Any]], *, cell: int | None = None, title: str | None = None
) -> str:
    """`buffer_svg` for arrays on one buffer: their data owner's buffer, drawn from arrays.

    ``views`` pairs a label with a reference or NumPy array; cells are ``cell`` bytes wide
    (default: the first array's itemsize). Arrays on different buffers cannot share one
    picture, so they are refused with a message naming the odd one out.
    """
    if not views:
        raise ValueError("arrays_svg needs at least one array")
    first_name, first = views[0]
    buffer = _owner_extent(first)
    for name, arr in views[1:]:
        if _owner_extent(arr) != buffer:
            raise ValueError(f"{name!r} is not on the buffer of {first_name!r}; draw it apart")
    layouts = [(name, layout_of(arr)) for name, arr in views]
    return buffer_svg(buffer[1] - buffer[0], cell or first.itemsize, layouts, title=title)
