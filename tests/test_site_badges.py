"""Badges: a well-formed flat SVG and a shields.io endpoint document, coloured by pass rate."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conformance.site import badge_main
from conformance.site.badges import Badge, badge_for, colour_for, endpoint_json, svg
from conformance.site.vocabulary import Score

# The keys shields.io documents for endpoint badges.
SHIELDS_KEYS = {
    "schemaVersion",
    "label",
    "message",
    "color",
    "labelColor",
    "isError",
    "namedLogo",
    "logoSvg",
    "logoColor",
    "logoWidth",
    "style",
    "cacheSeconds",
}


def test_badge_text_counts_passes_over_judged_cases():
    tally = Score(
        "numpy", (("pass", 210), ("unexpected-pass", 2), ("known", 2), ("not-applicable", 40))
    )
    badge = badge_for(tally)
    assert (badge.label, badge.message) == ("copy/view (numpy profile)", "212/214")
    assert badge.color_name == "green"


@pytest.mark.parametrize(
    ("rate", "name"),
    [
        (1.0, "brightgreen"),
        (0.96, "green"),
        (0.9, "yellowgreen"),
        (0.8, "yellow"),
        (0.5, "orange"),
        (0.1, "red"),
        (None, "lightgrey"),
    ],
)
def test_colour_follows_pass_rate(rate, name):
    assert colour_for(rate)[0] == name


def test_endpoint_json_uses_only_shields_keys():
    doc = json.loads(endpoint_json(Badge("copy/view (numpy profile)", "3/4", "orange", "#f00")))
    assert set(doc) <= SHIELDS_KEYS
    assert doc == {
        "schemaVersion": 1,
        "label": "copy/view (numpy profile)",
        "message": "3/4",
        "color": "orange",
    }


def test_svg_is_well_formed_and_escapes_text():
    drawn = svg(Badge('copy/view (<evil> & "x")', "1/2", "red", "#e05d44"))
    root = ET.fromstring(drawn)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert 'copy/view (<evil> & "x")' in texts and "1/2" in texts
    assert int(root.get("width")) > 100


def test_longer_message_makes_wider_badge():
    short = ET.fromstring(svg(Badge("copy/view", "1/2", "red", "#e05d44")))
    long = ET.fromstring(svg(Badge("copy/view", "1000/2000", "red", "#e05d44")))
    assert int(long.get("width")) > int(short.get("width"))


def test_badge_main_writes_svg_and_endpoint_per_backend_and_profile(tmp_path, capsys):
    fixtures = Path(__file__).parent / "fixtures" / "results"
    assert badge_main([str(fixtures), "-o", str(tmp_path / "badges")]) == 0
    names = sorted(p.name for p in (tmp_path / "badges").iterdir())
    assert len(names) == 3 * 3 * 2
    assert "numpy-array-api.svg" in names and "torch-consistency.json" in names
    # The newest numpy run (2.4.6) is the one badged: it passes all 18 numpy-profile cases.
    numpy = json.loads((tmp_path / "badges" / "numpy-numpy.json").read_text())
    assert numpy["message"] == "18/18" and numpy["color"] == "brightgreen"
    assert badge_main([str(fixtures / "bad" / "malformed.json"), "-o", str(tmp_path)]) == 2
    assert "malformed.json" in capsys.readouterr().err


def test_profile_not_promised_gets_an_informational_colour():
    differs = Score("numpy", (("pass", 231), ("differs", 327), ("not-applicable", 40)))
    failing = Score("numpy", (("pass", 231), ("fail", 327)))
    assert badge_for(differs).color_name == "blue"
    assert badge_for(differs).message == "231/558"
    assert badge_for(failing).color_name == "red"
