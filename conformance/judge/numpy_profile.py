"""The ``numpy`` profile: behave as NumPy does, as reference_impl predicts.

Compared: the behaviour class (and the exception type of an error), the categories of the
warnings raised, dtype and shape, the layout (strides, start of a shared result), where
``.base`` points, the flags, ``shares_memory`` and ``may_share_memory`` answers, and values for
operations whose values are the point (in-place operators, ``__setitem__``). A claim the
backend cannot make (``None``) is not compared.
"""

from __future__ import annotations

from conformance.judge.judgement import Judgement, fail_or_pass, mismatch, not_applicable
from conformance.model.cases import Case
from conformance.observe.observer import Observation
from conformance.vocabulary import Behaviour, Verdict

#: Classes with no array to compare dtype, shape or claims of.
NO_ARRAY = (Behaviour.ERROR, Behaviour.SCALAR)

LABELS = {"interleaved": "shares_memory(y[::2], y[1::2])"}


def judge(case: Case, expected: Observation | None, observed: Observation) -> Judgement:
    if expected is None or expected.missing:
        return not_applicable("reference_impl has no expectation for this operation")
    if expected.cls == Behaviour.NOT_APPLICABLE:  # e.g. an input reference_impl cannot make
        why = f"reference_impl has no expectation: {expected.message}"
        return Judgement(Verdict.NOT_APPLICABLE, why, undecided=True)
    if observed.cls == Behaviour.NOT_APPLICABLE:
        return not_applicable(observed.message)
    if observed.fault:
        return Judgement(Verdict.FAIL, observed.message)
    problems: list[str] = []
    if observed.cls != expected.cls:
        problems.append(mismatch("class", observed.cls, expected.cls))
    elif expected.cls == Behaviour.ERROR and observed.error != expected.error:
        problems.append(mismatch("error", observed.error, expected.error))
    heard, warned = _categories(observed), _categories(expected)
    if heard != warned:
        problems.append(mismatch("warnings", sorted(heard), sorted(warned)))
    if expected.cls in NO_ARRAY or observed.cls in NO_ARRAY:
        return fail_or_pass(problems)
    if observed.dtype != expected.dtype:
        problems.append(mismatch("dtype", observed.dtype, expected.dtype))
    if observed.shape != expected.shape:
        problems.append(mismatch("shape", observed.shape, expected.shape))
    if case.values_matter and observed.digest != expected.digest:
        problems.append("values differ from NumPy's")
    if case.values_matter and observed.input_digest != expected.input_digest:
        problems.append("the input's values afterwards differ from NumPy's")
    problems += _claims(observed, expected)
    if observed.cls == expected.cls:
        problems += _layout(observed, expected)
    return fail_or_pass(problems)


def _categories(observation: Observation) -> set[str]:
    return {category for category, _ in observation.warnings}


def _layout(observed: Observation, expected: Observation) -> list[str]:
    """Strides and the start of a shared result, where both layouts are known. A length-1
    axis may carry any stride (NumPy's own choice there is arbitrary), and an empty result has
    no element to place."""
    got, want = observed.layout, expected.layout
    if got is None or want is None or got.shape != want.shape or 0 in want.shape:
        return []
    problems = []
    kept = [i for i, n in enumerate(want.shape) if n != 1]
    if [got.strides[i] for i in kept] != [want.strides[i] for i in kept]:
        problems.append(mismatch("strides", got.strides, want.strides))
    if None not in (got.offset_from_input, want.offset_from_input) and (
        got.offset_from_input != want.offset_from_input
    ):
        problems.append(
            mismatch("byte offset from the input", got.offset_from_input, want.offset_from_input)
        )
    return problems


def _claims(observed: Observation, expected: Observation) -> list[str]:
    got, want = observed.claims, expected.claims
    if got is None or want is None:
        return []
    problems = []
    for name in ("base", "shares_memory", "may_share_memory", "interleaved"):
        value, target = getattr(got, name), getattr(want, name)
        if value is not None and target is not None and value != target:
            problems.append(mismatch(LABELS.get(name, name), value, target))
    for flag, target in (want.flags or {}).items():
        value = (got.flags or {}).get(flag)
        if value is not None and value != target:
            problems.append(mismatch(f"flags.{flag}", value, target))
    return problems
