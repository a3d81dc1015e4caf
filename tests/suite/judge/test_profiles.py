"""Profiles judge observations: the array-api rules and the consistency checks."""

from __future__ import annotations

import pytest

from conformance.judge.profiles import JUDGES
from conformance.model.cases import single
from conformance.model.catalogue import BY_ID
from conformance.model.inputs import LAYOUT_INPUTS
from conformance.observe.observer import Observation
from conformance.observe.witnesses import Claims, Mutation

CONTIGUOUS = LAYOUT_INPUTS[1]
EMPTY = next(spec for spec in LAYOUT_INPUTS if spec.id.startswith("empty-1d"))
VIEW = Observation(
    "view",
    memory=True,
    mutation=Mutation(True, True, False),
    dtype="float64",
    shape=CONTIGUOUS.shape,
)
COPY = Observation(
    "copy",
    memory=False,
    mutation=Mutation(False, False, False),
    dtype="float64",
    shape=CONTIGUOUS.shape,
)


def verdict(profile: str, op: str, observed: Observation, expected=None, spec=CONTIGUOUS) -> str:
    return JUDGES[profile](single(BY_ID[op], spec), expected, observed).verdict


@pytest.mark.parametrize(
    ("op", "observed", "expected"),
    [
        ("asarray-copy-true", COPY, "pass"),
        ("asarray-copy-true", VIEW, "fail"),
        ("asarray-copy-false", VIEW, "pass"),
        ("asarray-copy-false", COPY, "fail"),
        ("xp-reshape-flat-copy-false", Observation("error", error="ValueError"), "pass"),
        ("xp-reshape-flat-copy-false", Observation("error", error="AttributeError"), "fail"),
        ("xp-astype-same-copy-false", Observation("same-object", memory=True), "pass"),
        ("xp-astype-same-copy-false", VIEW, "fail"),
        ("asarray-other-dtype-copy-false", Observation("error", error="ValueError"), "pass"),
        ("asarray-other-dtype-copy-false", COPY, "fail"),
        ("permute-dims", COPY, "not-applicable"),
        ("index-step", VIEW, "not-applicable"),
    ],
)
def test_array_api_rules(op: str, observed: Observation, expected: str) -> None:
    assert verdict("array-api", op, observed) == expected


def test_array_api_cannot_judge_no_copy_of_an_empty_input() -> None:
    assert verdict("array-api", "asarray-copy-false", COPY, spec=EMPTY) == "not-applicable"


def test_in_place_operator_must_keep_dtype_shape_and_values() -> None:
    reference = Observation("same-object", dtype="float64", shape=CONTIGUOUS.shape, digest="abc")
    good = Observation("same-object", dtype="float64", shape=CONTIGUOUS.shape, digest="abc")
    promoted = Observation("copy", dtype="float32", shape=CONTIGUOUS.shape, digest="abc")
    wrong_values = Observation("same-object", dtype="float64", shape=CONTIGUOUS.shape, digest="xyz")
    assert verdict("array-api", "iadd-one", good, reference) == "pass"
    assert verdict("array-api", "iadd-one", promoted, reference) == "fail"
    assert verdict("array-api", "iadd-one", wrong_values, reference) == "fail"


def _with_claims(observation: Observation, **claims) -> Observation:
    fields = {"base": None, "shares_memory": None, "may_share_memory": None, "flags": None}
    return Observation(
        observation.cls,
        memory=observation.memory,
        mutation=observation.mutation,
        claims=Claims(**{**fields, **claims}),
    )


@pytest.mark.parametrize(
    ("observed", "expected"),
    [
        (_with_claims(VIEW, shares_memory=True, may_share_memory=True, base="input"), "pass"),
        (_with_claims(VIEW, shares_memory=False), "fail"),
        (_with_claims(COPY, shares_memory=True), "fail"),
        (_with_claims(VIEW, may_share_memory=False), "fail"),
        (_with_claims(VIEW, base="none"), "fail"),
        (_with_claims(VIEW, flags={"writeable": False}), "fail"),
        (Observation("copy", memory=False, mutation=Mutation(True, False, False)), "fail"),
        (
            Observation(
                "view", memory=True, mutation=Mutation(True, True, False), keeps_alive=False
            ),
            "fail",
        ),
        (Observation("error", error="TypeError"), "not-applicable"),
    ],
)
def test_consistency_checks_claims_against_witnesses(observed, expected) -> None:
    assert verdict("consistency", "index-step", observed) == expected


def test_numpy_profile_has_no_opinion_without_the_oracle() -> None:
    missing = Observation("error", error="AttributeError", missing=True)
    assert verdict("numpy", "flip", VIEW, expected=missing) == "not-applicable"


def test_numpy_profile_compares_class_and_claims() -> None:
    expected = _with_claims(VIEW, base="input-base", shares_memory=True)
    assert verdict("numpy", "index-step", _with_claims(VIEW, base="input-base"), expected) == "pass"
    assert verdict("numpy", "index-step", _with_claims(VIEW, base="input"), expected) == "fail"
    assert verdict("numpy", "index-step", COPY, expected) == "fail"


def test_consistency_catches_a_bounds_only_shares_memory() -> None:
    observed = Observation(
        "view",
        memory=True,
        mutation=Mutation(True, True, False),
        interleaved=False,
        claims=Claims(None, True, True, None, interleaved=True),
    )
    assert verdict("consistency", "index-step", observed) == "fail"
