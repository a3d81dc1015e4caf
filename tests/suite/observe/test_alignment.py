"""The alignment witness and the placed and read-only inputs it relies on."""

from __future__ import annotations

import contextlib
import io

import numpy as np
from mutants.numpy_mutants import AddressDependentReshape

from conformance.adapters import load
from conformance.judge.consistency_profile import judge
from conformance.model.cases import single
from conformance.model.catalogue import BY_ID
from conformance.model.inputs import ALIGNMENT, LAYOUT_INPUTS
from conformance.observe.observer import observe, twin_case
from conformance.results.repro import snippet
from conformance.vocabulary import Verdict

SPECS = {spec.id: spec for spec in LAYOUT_INPUTS}
NUMPY = load("numpy")


def test_placed_inputs_start_where_asked() -> None:
    aligned, unaligned = SPECS["aligned-2d-float64"], SPECS["unaligned-1d-float64"]
    for spec, start in ((aligned, 0), (aligned.misaligned(), 8), (unaligned, 1)):
        assert spec is not None
        x = NUMPY.build(spec.recipe())
        assert x.ctypes.data % ALIGNMENT == start, spec.id
        np.testing.assert_array_equal(x, np.arange(x.size, dtype=float).reshape(x.shape))
    unaligned = NUMPY.build(SPECS["unaligned-1d-float64"].recipe())
    assert not unaligned.flags.aligned


def test_read_only_inputs_refuse_writes() -> None:
    x = NUMPY.build(SPECS["readonly-strided-2d-float64"].recipe())
    assert not x.flags.writeable and x.strides == (48, 16)


def test_numpy_behaves_the_same_on_and_off_the_boundary() -> None:
    case = single(BY_ID["reshape-flat"], SPECS["aligned-2d-float64"])
    seen = observe(NUMPY, case)
    assert seen.alignment is not None and seen.alignment.shift == 8
    assert seen.address_stable is True
    assert seen.to_json()["alignment"] == {
        "shift": 8,
        "class": "view",
        "error": None,
        "stable": True,
    }
    assert judge(case, None, seen).verdict == Verdict.PASS


def test_inputs_without_a_placement_have_no_alignment_record() -> None:
    case = single(BY_ID["reshape-flat"], SPECS["contiguous-2d-float64"])
    assert twin_case(case) is None
    assert observe(NUMPY, case).alignment is None


def test_a_library_that_views_only_aligned_buffers_fails_consistency_with_both_repros() -> None:
    mutant = AddressDependentReshape()
    case = single(BY_ID["xp-reshape-flat"], SPECS["aligned-2d-float64"])
    seen = observe(mutant, case)
    assert seen.address_stable is False
    verdict = judge(case, None, seen)
    assert verdict.verdict == Verdict.FAIL
    assert "on a 64-byte boundary view, 8 bytes past it copy" in verdict.message
    twin = twin_case(case)
    assert twin is not None
    # Both snippets run with NumPy alone and show the two behaviours.
    outputs = []
    for code in (snippet(NUMPY, case), snippet(NUMPY, twin)):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "<repro>", "exec"), {})
        outputs.append(out.getvalue())
    assert all("shares memory: True" in text for text in outputs)
