"""Badges: a self-drawn SVG in the flat style and a shields.io endpoint document.

One badge per library and profile reads ``copy/view (numpy profile) | 212/214``; its colour
follows the pass rate. The endpoint JSON uses only keys shields.io documents for its endpoint
badge, so ``https://img.shields.io/endpoint?url=...`` can draw it from a published file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from conformance.site.merge import merge_runs
from conformance.site.model import badge_file, build_model
from conformance.site.results import Run
from conformance.site.vocabulary import Score, score

# Colour thresholds on the pass rate, highest first (shields.io's named colours and hex).
COLOURS: tuple[tuple[float, str, str], ...] = (
    (1.0, "brightgreen", "#4c1"),
    (0.95, "green", "#97ca00"),
    (0.90, "yellowgreen", "#a4a61d"),
    (0.75, "yellow", "#dfb317"),
    (0.50, "orange", "#fe7d37"),
    (0.0, "red", "#e05d44"),
)
NO_CASES = ("lightgrey", "#9f9f9f")
INFORMATIONAL = ("blue", "#007ec6")

# Approximate advance widths of 11px Verdana, in pixels, for laying out the text.
_NARROW = set("ijl.,:;|!'()[]")
_SLIGHT = set("frtI/ -")
_WIDE = set("mwMW@%")


def text_width(text: str) -> int:
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 3.9
        elif char in _SLIGHT:
            width += 5.0
        elif char in _WIDE:
            width += 10.5
        elif char.isupper() or char.isdigit():
            width += 7.3
        else:
            width += 6.6
    return round(width)


@dataclass(frozen=True)
class Badge:
    label: str
    message: str
    color_name: str
    color_hex: str


def colour_for(rate: float | None) -> tuple[str, str]:
    if rate is None:
        return NO_CASES
    for threshold, name, hex_colour in COLOURS:
        if rate >= threshold:
            return name, hex_colour
    return COLOURS[-1][1:]


def badge_for(score: Score) -> Badge:
    # Only a profile the library does not promise yields ``differs`` (never ``fail``): its badge
    # informs, so it must not look like a red mark against the library.
    informational = score.count("differs") > 0 and score.failed == 0
    name, hex_colour = INFORMATIONAL if informational else colour_for(score.rate)
    return Badge(f"copy/view ({score.profile} profile)", score.text, name, hex_colour)


def endpoint_json(badge: Badge) -> str:
    """A shields.io endpoint document: schemaVersion, label, message, color."""
    return (
        json.dumps(
            {
                "schemaVersion": 1,
                "label": badge.label,
                "message": badge.message,
                "color": badge.color_name,
            },
            indent=2,
        )
        + "\n"
    )


def svg(badge: Badge) -> str:
    """The badge drawn as a flat-style SVG; text is XML-escaped."""
    label_w = text_width(badge.label) + 10
    message_w = text_width(badge.message) + 10
    total = label_w + message_w
    label, message = escape(badge.label), escape(badge.message)
    spoken = f"{badge.label}: {badge.message}"
    title, aria = escape(spoken), escape(spoken, {'"': "&quot;"})
    label_x, message_x = label_w / 2, label_w + message_w / 2
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" \
role="img" aria-label="{aria}">
<title>{title}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>\
<stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="{label_w}" height="20" fill="#555"/>\
<rect x="{label_w}" width="{message_w}" height="20" fill="{badge.color_hex}"/>\
<rect width="{total}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" \
font-size="11">
<text x="{label_x}" y="15" fill="#010101" fill-opacity=".3">{label}</text>\
<text x="{label_x}" y="14">{label}</text>
<text x="{message_x}" y="15" fill="#010101" fill-opacity=".3">{message}</text>\
<text x="{message_x}" y="14">{message}</text>
</g>
</svg>
"""


def badge_files(runs: list[Run]) -> dict[str, str]:
    """``{badges/<backend>-<profile>.svg|json: content}`` for the newest run of each backend."""
    files: dict[str, str] = {}
    profiles = build_model(runs).profiles
    for library in merge_runs(runs):
        for profile in profiles:
            badge = badge_for(score(library.current.cases, profile))
            files[badge_file(library.backend, profile, "svg")] = svg(badge)
            files[badge_file(library.backend, profile, "json")] = endpoint_json(badge)
    return files


def write_badges(runs: list[Run], directory: Path) -> list[Path]:
    """Write the badges into ``directory``, each file atomically; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in badge_files(runs).items():
        target = directory / Path(name).name
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_text(content, encoding="utf-8")
        os.replace(temporary, target)
        written.append(target)
    return written
