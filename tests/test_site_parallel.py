"""The site build's speed-ups change nothing it writes: worker processes (fanout), packed
slots and the navigation rendered once per group of sibling pages (navcache)."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from conformance.site import fanout
from conformance.site.build import build_site
from conformance.site.markup import pack_slots, unpack_slots
from conformance.site.myths import CLAIMS, check_claim
from conformance.site.navcache import NavCache
from conformance.site.prepare import prepare
from conformance.site.results import ResultsError, load_results

FIXTURES = Path(__file__).parent / "fixtures" / "results"
HOSTILE = FIXTURES / "hostile"

needs_fork = pytest.mark.skipif(
    not fanout.can_fork(), reason="workers are forked on Linux only: one process here"
)


def files_under(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@needs_fork
def test_workers_write_the_same_files_as_one_process(tmp_path):
    one = prepare([FIXTURES, HOSTILE], tmp_path / "one", jobs=1)
    two = prepare([FIXTURES, HOSTILE], tmp_path / "two", jobs=2)
    assert one.files == two.files
    written = files_under(one.directory)
    assert written == files_under(two.directory)
    assert len(written) > len(one.files)  # pages and their slots
    assert [run.source for run in one.site.runs] == [run.source for run in two.site.runs]


@needs_fork
def test_a_bad_results_file_read_by_a_worker_fails_with_its_one_line_message(tmp_path):
    bad = tmp_path / "results"
    shutil.copytree(FIXTURES, bad, ignore=shutil.ignore_patterns("bad", "hostile"))
    (bad / "broken.json").write_text('{"cases": [', encoding="utf-8")
    with pytest.raises(ResultsError) as serial:
        load_results(bad / "broken.json")
    with pytest.raises(ResultsError) as parallel:
        prepare([bad], tmp_path / "generated", jobs=2)
    assert str(parallel.value) == str(serial.value)
    assert "malformed JSON" in str(parallel.value)


def test_fan_out_keeps_the_order_of_its_items():
    assert fanout.fan_out(lambda n: n * n, list(range(23)), 2) == [n * n for n in range(23)]
    assert fanout.fan_out(lambda n: n * n, [3], 4) == [9]
    assert fanout.fan_out(lambda n: n, [], 2) == []


def test_a_finding_travels_between_processes_with_its_claim():
    run = load_results(FIXTURES / "numpy.json")
    for claim in CLAIMS:
        finding = check_claim(claim, run).shortened()
        back = pickle.loads(pickle.dumps(finding))
        assert back.claim is claim
        assert back == finding


@pytest.mark.parametrize(
    "slots",
    [(), ("",), ("<p>a</p>", "", "b\r\nc\rd\n", "é — ✕ 𝔘 &amp;"), ("x" * 100_000, "y")],
)
def test_packed_slots_unpack_to_the_same_slots(slots, tmp_path):
    path = tmp_path / "page.md.slots"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(pack_slots(slots))
    with path.open(encoding="utf-8", newline="") as packed:
        assert unpack_slots(packed.read()) == slots


def test_slots_that_do_not_match_their_header_are_refused():
    with pytest.raises(ValueError, match="header says"):
        unpack_slots(pack_slots(("abc", "de")) + "f")


def test_the_shared_navigation_is_the_themes_own_on_every_page(tmp_path, monkeypatch):
    full_renders = []
    original_call = NavCache.__call__

    def counting(self, context):
        before = self._original.render
        self._original.render = lambda *a, **k: full_renders.append(1) or before(*a, **k)
        try:
            return original_call(self, context)
        finally:
            self._original.render = before

    monkeypatch.setattr(NavCache, "__call__", counting)
    cached = tmp_path / "cached"
    build_site([FIXTURES, HOSTILE], cached)
    pages = sorted(cached.rglob("*.html"))
    # Pages that share a group take the group's navigation: fewer full renders than pages.
    assert 0 < len(full_renders) < len(pages) - 5
    monkeypatch.setenv("COPYVIEW_NAV_CACHE", "0")
    full = tmp_path / "full"
    build_site([FIXTURES, HOSTILE], full)
    assert files_under(cached) == files_under(full)


@pytest.mark.parametrize("jobs", [1, 2])
def test_of_two_bad_files_the_first_named_is_reported(jobs, tmp_path):
    small, large = tmp_path / "a-small.json", tmp_path / "b-large.json"
    small.write_text("{", encoding="utf-8")
    large.write_text("[" + " " * 100_000, encoding="utf-8")  # read first: it is larger
    with pytest.raises(ResultsError) as first:
        prepare([small, large, FIXTURES / "numpy.json"], tmp_path / "generated", jobs=jobs)
    assert first.value.path == str(small)
    with pytest.raises(ResultsError) as swapped:
        prepare([large, small], tmp_path / "generated2", jobs=jobs)
    assert swapped.value.path == str(large)
