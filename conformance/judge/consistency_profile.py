"""The ``consistency`` profile: whatever a library chooses, its claims match the witnesses.

Checked where both sides exist: ``shares_memory`` equals the byte truth (for the input and
the result, and for the result's interleaved halves); ``may_share_memory``
has no false negatives; a read-only flag means writes fail; a ``.base`` of None does not share
memory; disjoint layouts mean writes do not propagate (a copy is independent both ways); a
view keeps its memory alive after the input is dropped. Writes that go one way only are no
view: a result whose layout overlaps the input, or whose library claims it shares, fails when
writes reach it but not back (or back but not forward). A result no witness can read fails.
Whatever the library chooses, it chooses it for every address: a case whose class, error or
values change when the input starts one element off a 64-byte boundary fails (the record
carries the repro of both).
"""

from __future__ import annotations

from conformance.judge.judgement import Judgement, fail_or_pass, mismatch, not_applicable
from conformance.model.cases import Case
from conformance.observe.observer import Observation
from conformance.vocabulary import BaseTarget, Behaviour, Verdict
from reference_impl.layout import Layout, is_contiguous

ONE_WAY = (Behaviour.ONE_WAY_FROM_INPUT, Behaviour.ONE_WAY_TO_INPUT)


def _flags_against_layout(observed: Observation) -> list[str]:
    """The contiguity flags the library reports agree with the layout it exports (length-1
    axes ignored, an empty array contiguous: NumPy's rule)."""
    flags, layout = (observed.claims.flags if observed.claims else None), observed.layout
    if not flags or layout is None:
        return []
    shape = Layout(0, layout.shape, layout.strides, layout.itemsize)
    problems = []
    for flag, order in (("c_contiguous", "C"), ("f_contiguous", "F")):
        said = flags.get(flag)
        if said is not None and said != is_contiguous(shape, order):
            problems.append(
                f"flags.{flag}={said}, but the layout (shape {layout.shape}, strides "
                f"{layout.strides}) is {'' if not said else 'not '}{order}-contiguous"
            )
    return problems


def _address_dependence(observed: Observation) -> str | None:
    check = observed.alignment
    if check is None or check.stable(observed):
        return None
    on = observed.cls + (f" ({observed.error})" if observed.error else "")
    off = check.cls + (f" ({check.error})" if check.error else "")
    if on == off:
        on, off = "one set of values", "another"
    return (
        f"behaviour depends on the address: on a 64-byte boundary {on}, "
        f"{check.shift} bytes past it {off}"
    )


def judge(case: Case, expected: Observation | None, observed: Observation) -> Judgement:
    unstable = _address_dependence(observed)
    if unstable:
        return Judgement(Verdict.FAIL, unstable)
    if observed.cls in (Behaviour.ERROR, Behaviour.SCALAR, Behaviour.NOT_APPLICABLE):
        return not_applicable(f"no array to check ({observed.cls})")
    if observed.fault:
        return Judgement(Verdict.FAIL, observed.message)
    problems: list[str] = []
    memory, claims, mutation = observed.memory, observed.claims, observed.mutation
    if claims is not None:
        said = claims.shares_memory
        if said is not None and memory is not None and said != memory:
            problems.append(mismatch("shares_memory", said, memory) + " (the byte overlap)")
        said = claims.interleaved
        if said is not None and observed.interleaved is not None and said != observed.interleaved:
            problems.append(
                mismatch("shares_memory(y[::2], y[1::2])", said, observed.interleaved)
                + " (the byte overlap)"
            )
        if claims.may_share_memory is False and memory:
            problems.append("may_share_memory=False, but the layouts overlap")
        if claims.base == BaseTarget.NONE and memory and observed.cls != Behaviour.SAME_OBJECT:
            problems.append("base is None, but the result shares memory with the input")
        problems += _flags_against_layout(observed)
        writeable = (claims.flags or {}).get("writeable")
        if writeable is False and mutation.write_refused is False:
            problems.append("flags.writeable=False, but writes through the result succeeded")
    if memory is False and (mutation.forward or mutation.backward):
        problems.append("layouts are disjoint, but writes propagate between the arrays")
    if observed.cls in ONE_WAY:
        reasons = []
        if memory:
            reasons.append("the layouts overlap")
        if claims is not None and claims.shares_memory:
            reasons.append("shares_memory=True")
        if claims is not None and claims.base in (BaseTarget.INPUT, BaseTarget.INPUT_BASE):
            reasons.append(f"base is the {claims.base}")
        if reasons:
            problems.append(
                f"writes go one way only ({observed.cls}), but {' and '.join(reasons)}: "
                "a view propagates writes both ways"
            )
    if observed.keeps_alive is False:
        problems.append("the result's values changed after the input was dropped")
    return fail_or_pass(problems)
