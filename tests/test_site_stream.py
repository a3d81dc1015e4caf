"""The streamed build (one results file in memory at a time, full cases on disk) writes the same
pages as rendering from runs read whole, and holds only slim cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.site.generate import SLOTS, generate_files
from conformance.site.markup import fill_slots, split_slots, unpack_slots
from conformance.site.model import build_model
from conformance.site.myths import CLAIMS, check_claim
from conformance.site.prepare import prepare
from conformance.site.results import load_many, load_results
from conformance.site.store import Spilled, full_cases

FIXTURES = Path(__file__).parent / "fixtures" / "results"

BUILDS = {
    "fixtures": ([FIXTURES], None),
    "with hostile strings": ([FIXTURES, FIXTURES / "hostile"], None),
    "older version shown": ([FIXTURES], {"numpy": "2.3.0"}),
}


def read_back(directory: Path, name: str) -> str:
    """A generated file as written, its slots put back in place of their placeholders."""
    path = directory / name
    text = path.read_text(encoding="utf-8")
    slots = path.with_name(path.name + SLOTS)
    if slots.is_file():
        with slots.open(encoding="utf-8", newline="") as packed:
            text = fill_slots(text, unpack_slots(packed.read()))
    return text


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("build", BUILDS)
def test_streamed_pages_equal_pages_rendered_from_whole_runs(build, jobs, tmp_path):
    paths, shown = BUILDS[build]
    whole = {}
    for name, content in generate_files(build_model(load_many(paths), shown)):
        if name.endswith(".md"):
            markdown, slots = split_slots(content)
            content = fill_slots(markdown, slots)
        whole[name] = content
    prepared = prepare(paths, tmp_path, shown, jobs)
    assert list(prepared.files) == list(whole)
    for name in prepared.files:
        assert read_back(prepared.directory, name) == whole[name], name


def test_the_streamed_model_holds_slim_cases_and_reads_full_ones_from_disk(tmp_path):
    prepared = prepare([FIXTURES], tmp_path)
    site = prepared.site
    run = next(r for r in site.runs if r.backend == "torch")
    assert all(case.repro == "" and not case.input for case in run.cases)
    whole = load_results(FIXTURES / "torch.json")
    assert full_cases(site.source, run, run.cases) == list(whole.cases)
    assert site.source.cases(run, "no-such-operation") == ()


def test_a_spilled_finding_keeps_the_shown_counterexamples_and_their_number(tmp_path):
    run = load_results(FIXTURES / "numpy.json")
    store = Spilled(tmp_path)
    slim = store.add(run)
    for claim in CLAIMS:
        whole, kept = check_claim(claim, run), store.finding(claim, slim)
        assert (kept.status, kept.supporting, kept.counted) == (
            whole.status,
            whole.supporting,
            len(whole.counterexamples),
        )
        assert kept.shown() == whole.shown()
