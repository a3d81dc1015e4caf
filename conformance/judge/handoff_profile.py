"""The ``consistency`` profile for hand-offs: what a call declares about memory holds.

Every hand-off must keep the input's values (as many elements and, at the same shape, the same
ones), unless reading the bytes another way is its purpose (``memoryview(x).cast('B')``).
A call that promises a copy (``copy=True``, ``torch.tensor``) must not share; a call documented
as zero-copy (``torch.from_numpy``, ``copy=False``) must share; a receiver that says it is
read-only must refuse writes; a receiver whose library says its arrays never change (Arrow,
``sparse.COO``) must not change when the sender is written, nor such a sender when the receiver
is written; disjoint layouts mean writes do not propagate. On an empty sender array (no bytes
to share, no write that could cross) only a copy promise is judged; anything else is
``not-applicable``.
"""

from __future__ import annotations

from conformance.judge.judgement import PASS, Judgement, fail_or_pass, not_applicable
from conformance.model.handoffs import Handoff
from conformance.observe.observer import PairObservation
from conformance.vocabulary import Behaviour, Declared

#: Classes with no receiver array to check.
NO_ARRAY = (Behaviour.ERROR, Behaviour.NOT_APPLICABLE, Behaviour.SCALAR)


def judge(handoff: Handoff, seen: PairObservation, empty: bool = False) -> Judgement:
    """``empty``: the sender's array has no elements, so there are no bytes to share and a
    zero-copy promise cannot be checked (a copy promise still can: writes must not cross)."""
    if seen.cls in NO_ARRAY:
        return not_applicable(f"no array to check ({seen.cls})")
    problems = []
    if seen.altered and not handoff.reinterprets:
        problems.append(f"{handoff.source} does not keep the input's values: {seen.altered}")
    shares = seen.shares
    if handoff.declared == Declared.COPY and shares:
        problems.append(
            f"{handoff.source} requests a copy, but the result shares memory with the input"
        )
    empty = empty or seen.empty
    if handoff.declared == Declared.SHARE and not empty:
        if shares is False:
            problems.append(
                f"{handoff.source} is documented as zero-copy, "
                "but the result shares no memory with the input"
            )
        elif shares is None and seen.mutation.forward is False and seen.receiver_immutable:
            # No layout to compare, but an immutable receiver cannot hide a write by copying
            # first: a sender write it does not show means its values are its own.
            problems.append(
                f"{handoff.source} is documented as zero-copy, "
                "but a write through the input does not reach the result"
            )
    if seen.receiver_readonly and seen.mutation.write_refused is False:
        problems.append("the receiver says it is read-only, but writes through it succeeded")
    if seen.receiver_immutable and seen.mutation.forward:
        problems.append(
            "the receiver's library says its arrays never change, "
            "but a write through the input changed the result"
        )
    if seen.sender_immutable and seen.mutation.backward:
        problems.append(
            "the input's library says its arrays never change, "
            "but a write through the result changed the input"
        )
    if seen.memory is False and (seen.mutation.forward or seen.mutation.backward):
        problems.append("layouts are disjoint, but writes propagate between the arrays")
    if problems:
        return fail_or_pass(problems)
    if empty and handoff.declared != Declared.COPY:
        # Without bytes no write can cross, so only a copy promise has anything to hold to.
        return not_applicable("the input is empty: there are no bytes to share or to write")
    return PASS
