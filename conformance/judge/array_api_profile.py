"""The ``array-api`` profile: only what the standard makes normative.

The rules (``vocabulary.Rule``): ``copy=`` of ``asarray``, ``astype``, ``reshape`` and
DLPack; in-place operators and ``__setitem__`` keep dtype and shape and give the values the
standard defines (compared with reference_impl's); and a function or syntax the standard
requires must exist. Everything else (whether indexing or reshape returns a view) is left to
the library, so those cases are ``not-applicable`` here, their class still observed.
"""

from __future__ import annotations

from conformance.judge.judgement import (
    PASS,
    Judgement,
    fail_or_pass,
    mismatch,
    not_applicable,
)
from conformance.model.cases import Case
from conformance.observe.observer import Observation
from conformance.vocabulary import Behaviour, Rule, Verdict

#: Exception types the standard names for "a copy would be needed".
NO_COPY_ERRORS = ("ValueError", "BufferError")


def shares(observed: Observation) -> bool | None:
    """Does the result share memory with the input, by the best witness available?"""
    if observed.cls == Behaviour.SAME_OBJECT:
        return True
    if observed.memory is not None:
        return observed.memory
    forward, backward = observed.mutation.forward, observed.mutation.backward
    if forward or backward:
        return True
    if forward is False and backward is False:
        return False
    return None


def judge(case: Case, expected: Observation | None, observed: Observation) -> Judgement:
    rule = case.rule
    if observed.missing and case.in_standard:
        return Judgement(
            Verdict.FAIL,
            f"the standard requires this operation, but the library has "
            f"none ({observed.error}: {observed.message})",
        )
    if rule is None:
        return not_applicable("the standard leaves this to the library")
    if observed.cls == Behaviour.NOT_APPLICABLE:
        return not_applicable(observed.message)
    if observed.fault:  # a result no witness can read meets no rule
        return Judgement(Verdict.FAIL, observed.message)
    if rule in (Rule.IN_PLACE, Rule.SETITEM):
        if case.input.readonly:  # the standard has no read-only arrays, so no rule for them
            return not_applicable("the standard says nothing of writes to read-only arrays")
        return _in_place(case, expected, observed)
    if rule == Rule.MUST_RAISE:
        if observed.cls == Behaviour.ERROR and observed.error == "ValueError":
            return PASS
        return Judgement(Verdict.FAIL, mismatch("class", observed.cls, "error (ValueError)"))
    if rule == Rule.SAME_OBJECT:
        return (
            PASS
            if observed.cls == Behaviour.SAME_OBJECT
            else Judgement(Verdict.FAIL, mismatch("class", observed.cls, Behaviour.SAME_OBJECT))
        )
    if observed.cls == Behaviour.ERROR:
        if rule == Rule.MUST_NOT_COPY and observed.error in NO_COPY_ERRORS:
            return PASS
        return Judgement(Verdict.FAIL, f"raised {observed.error}: {observed.message}")
    if observed.cls == Behaviour.SCALAR:
        return Judgement(Verdict.FAIL, mismatch("class", "scalar", "an array"))
    shared = shares(observed)
    if rule == Rule.MUST_COPY:
        if shared is None:
            return not_applicable("no witness can tell whether it copied")
        return (
            PASS
            if not shared
            else Judgement(
                Verdict.FAIL, mismatch("class", observed.cls, "copy (a newly allocated array)")
            )
        )
    # must-not-copy / reuse: an empty input has no byte to share, so no witness can tell
    if shared is None or (not shared and 0 in case.input.shape):
        return not_applicable("no witness can tell whether it copied")
    return PASS if shared else Judgement(Verdict.FAIL, mismatch("class", observed.cls, "no copy"))


def _in_place(case: Case, expected: Observation | None, observed: Observation) -> Judgement:
    operand = case.operands[0]
    if observed.cls in (Behaviour.ERROR, Behaviour.SCALAR):
        return Judgement(Verdict.FAIL, mismatch("class", observed.cls, "the updated array"))
    problems = []
    if observed.dtype != operand.dtype:
        problems.append(mismatch("dtype", observed.dtype, operand.dtype))
    if observed.shape != tuple(operand.shape):
        problems.append(mismatch("shape", observed.shape, tuple(operand.shape)))
    if expected is not None and expected.digest is not None and observed.digest != expected.digest:
        problems.append("values differ from x1[...] = x1 op x2")
    return fail_or_pass(problems)
