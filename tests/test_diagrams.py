"""The tutorial diagrams: they highlight exactly the bytes a layout touches, and are valid SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reference_impl as ref
from conformance.site.diagrams import (
    arrays_svg,
    buffer_nbytes,
    buffer_svg,
    element_offsets,
    grid_svg,
    layout_of,
)
from reference_impl.layout import Layout

SVG = "{http://www.w3.org/2000/svg}"


def brute_force_bytes(layout: Layout) -> list[int]:
    """Byte offset of every element, by walking all indices with nested loops."""
    found = []

    def walk(axis: int, byte: int) -> None:
        if axis == layout.ndim:
            found.append(byte)
            return
        for i in range(layout.shape[axis]):
            walk(axis + 1, byte + i * layout.strides[axis])

    walk(0, layout.offset)
    return found


def highlighted(svg: str, view: int) -> dict[int, list[int]]:
    """``{byte: order numbers}`` of the rects drawn for view number ``view``."""
    root = ET.fromstring(svg)
    return {
        int(r.get("data-byte")): [int(o) for o in r.get("data-order").split(",")]
        for r in root.iter(f"{SVG}rect")
        if r.get("data-view") == str(view)
    }


@st.composite
def layouts_in_buffer(draw: st.DrawFn) -> tuple[int, Layout]:
    """A buffer size and a layout that stays inside it (negative and zero strides included)."""
    itemsize = draw(st.sampled_from([1, 2, 4, 8]), label="itemsize")
    ndim = draw(st.integers(0, 3), label="ndim")
    shape = tuple(draw(st.lists(st.integers(0, 4), min_size=ndim, max_size=ndim), label="shape"))
    strides = tuple(
        draw(st.lists(st.integers(-3, 3), min_size=ndim, max_size=ndim), label="strides in items")
    )
    layout = Layout(0, shape, tuple(s * itemsize for s in strides), itemsize)
    lo, hi = layout.extent
    slack = draw(st.integers(0, 2), label="slack items") * itemsize
    return hi - lo + 2 * slack, Layout(slack - lo, shape, layout.strides, itemsize)


@given(layouts_in_buffer())
def test_buffer_svg_highlights_exactly_the_elements_of_the_layout(case: tuple[int, Layout]) -> None:
    nbytes, layout = case
    drawn = highlighted(buffer_svg(nbytes, layout.itemsize, [("v", layout)]), 0)
    expected: dict[int, list[int]] = {}
    for order, byte in enumerate(brute_force_bytes(layout)):
        expected.setdefault(byte, []).append(order)
    assert drawn == expected


@given(layouts_in_buffer())
def test_element_offsets_match_brute_force_enumeration(case: tuple[int, Layout]) -> None:
    assert element_offsets(case[1]) == brute_force_bytes(case[1])


def test_each_view_gets_its_own_row_of_highlights() -> None:
    a = np.arange(12).reshape(3, 4)
    svg = buffer_svg(96, 8, [("a[1:, ::2]", layout_of(a[1:, ::2])), ("a.T", layout_of(a.T))])
    assert highlighted(svg, 0) == {32: [0], 48: [1], 64: [2], 80: [3]}
    assert sorted(highlighted(svg, 1)) == list(range(0, 96, 8))
    assert highlighted(svg, 1)[32] == [1]  # a.T walks down the columns: a[1, 0] comes second


def test_zero_stride_elements_share_one_highlight_with_all_their_order_numbers() -> None:
    svg = buffer_svg(16, 8, [("broadcast", Layout(8, (3,), (0,), 8))])
    assert highlighted(svg, 0) == {8: [0, 1, 2]}
    assert "0-2" in [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    rows = buffer_svg(32, 8, [("rows", Layout(0, (3, 4), (0, 8), 8))])
    assert highlighted(rows, 0)[16] == [2, 6, 10]
    assert "2,6,10" in [t.text for t in ET.fromstring(rows).iter(f"{SVG}text")]


def test_view_with_smaller_items_is_drawn_at_byte_positions() -> None:
    a = np.arange(3)
    b = a.view(np.int8)[1::8]
    svg = buffer_svg(24, 8, [("b", layout_of(b))])
    root = ET.fromstring(svg)
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("data-view") == "0"]
    assert [int(r.get("data-byte")) for r in rects] == [1, 9, 17]
    widths = {float(r.get("width")) for r in rects}
    cell = max(float(r.get("width")) for r in root.iter(f"{SVG}rect"))
    assert widths == {cell / 8}


def test_grid_svg_shows_buffer_index_of_each_cell_in_reading_order() -> None:
    a = np.arange(12).reshape(3, 4)
    root = ET.fromstring(grid_svg("a.T", layout_of(a.T)))
    rects = sorted(root.iter(f"{SVG}rect"), key=lambda r: int(r.get("data-order")))
    assert [int(r.get("data-byte")) // 8 for r in rects] == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]
    children = list(root)
    labels = [children[k + 1].text for k, el in enumerate(children) if el.get("data-order")]
    assert labels == ["0", "4", "8", "1", "5", "9", "2", "6", "10", "3", "7", "11"]


def test_grid_svg_labels_unaligned_elements_by_byte() -> None:
    root = ET.fromstring(grid_svg("b", Layout(1, (2,), (8,), 1), unit=8))
    assert [t.text for t in root.iter(f"{SVG}text")][-2:] == ["b1", "b9"]


def test_grid_svg_refuses_more_than_two_dimensions() -> None:
    with pytest.raises(ValueError, match="at most 2"):
        grid_svg("x", Layout(0, (2, 2, 2), (32, 16, 8), 8))


def test_view_outside_the_buffer_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        buffer_svg(16, 8, [("v", Layout(8, (2,), (8,), 8))])


@pytest.mark.parametrize("label", ["a[<b>]\"&'", "</svg><script>x</script>"])
def test_labels_and_titles_are_escaped(label: str) -> None:
    svgs = [
        buffer_svg(16, 8, [(label, Layout(0, (2,), (8,), 8))], title=label),
        grid_svg(label, Layout(0, (2,), (8,), 8), title=label),
    ]
    for svg in svgs:
        root = ET.fromstring(svg)  # would fail on unescaped markup
        assert root.find(f"{SVG}title").text == label
        assert "<script>" not in svg
        assert any(label in (t.text or "") for t in root.iter(f"{SVG}text"))


def test_svg_is_accessible_and_theme_neutral() -> None:
    svg = buffer_svg(32, 8, [("a[::2]", Layout(0, (2,), (16,), 8))])
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    assert [el.get("id") for el in root if el.tag in (f"{SVG}title", f"{SVG}desc")] == ids
    # text follows the theme's foreground colour, falling back to the surrounding text colour
    ink = "fill:var(--md-default-fg-color, currentColor)"
    assert all(t.get("style") == ink for t in root.iter(f"{SVG}text"))
    assert "#000" not in svg and "#fff" not in svg.lower()


def test_diagrams_are_reproducible() -> None:
    views = [("v", Layout(8, (2,), (8,), 8))]
    assert buffer_svg(32, 8, views) == buffer_svg(32, 8, views)


@pytest.mark.parametrize("xp", [np, ref], ids=["numpy", "reference_impl"])
def test_layout_of_counts_offset_from_the_data_owner(xp: object) -> None:
    a = xp.arange(12).reshape(3, 4)
    v = a[1:, ::-2]
    assert layout_of(v) == Layout(56, (2, 2), (32, -16), 8)
    assert layout_of(v[1:]) == Layout(88, (1, 2), (32, -16), 8)
    assert buffer_nbytes(v) == 96
    assert layout_of(a.copy()) == Layout(0, (3, 4), (32, 8), 8)


def test_layout_of_numpy_and_reference_agree_for_the_same_expression() -> None:
    for expr in ["x[::-1]", "x.T[1:]", "x[:, 1::2]", "x.reshape(4, 3)[::2]", "x.T.reshape(12)"]:
        got = [layout_of(eval(expr, {"x": xp.arange(12).reshape(3, 4)})) for xp in (np, ref)]
        assert got[0] == got[1], expr


@pytest.mark.parametrize("xp", [np, ref], ids=["numpy", "reference_impl"])
def test_arrays_svg_draws_the_owner_buffer_of_arrays(xp: object) -> None:
    a = xp.arange(6)
    svg = arrays_svg([("a", a), ("a[::-2]", a[::-2])])
    assert highlighted(svg, 1) == {40: [0], 24: [1], 8: [2]}
    assert "buffer: 48 bytes" in svg


def test_arrays_svg_refuses_arrays_on_different_buffers() -> None:
    a = np.arange(6)
    with pytest.raises(ValueError, match="not on the buffer"):
        arrays_svg([("a", a), ("copy", a.copy())])


@given(layouts_in_buffer())
def test_stride_arrows_step_from_the_first_element_along_each_axis(
    case: tuple[int, Layout],
) -> None:
    nbytes, layout = case
    root = ET.fromstring(buffer_svg(nbytes, layout.itemsize, [("v", layout)]))
    arrows = {
        int(p.get("data-axis")): (int(p.get("data-from")), int(p.get("data-to")))
        for p in root.iter(f"{SVG}path")
    }
    expected = {
        k: (layout.offset, layout.offset + s)
        for k, (n, s) in enumerate(zip(layout.shape, layout.strides, strict=True))
        if n > 1 and s != 0 and layout.size
    }
    assert arrows == expected


def test_grid_svg_draws_zero_and_one_dimensional_views_as_one_row() -> None:
    zero_d = ET.fromstring(grid_svg("a[...]", Layout(16, (), (), 8)))
    assert [int(r.get("data-byte")) for r in zero_d.iter(f"{SVG}rect")] == [16]
    one_d = ET.fromstring(grid_svg("a[::-2]", Layout(40, (3,), (-16,), 8)))
    assert [int(r.get("data-byte")) for r in one_d.iter(f"{SVG}rect")] == [40, 24, 8]


def test_layout_of_stops_at_a_base_that_is_not_an_array() -> None:
    owner = np.frombuffer(b"abcdefgh", dtype=np.uint8)  # its base is the bytes object
    assert layout_of(owner[2::3]) == Layout(2, (2,), (3,), 1)
    assert buffer_nbytes(owner[2::3]) == 8
