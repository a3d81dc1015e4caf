"""The exchange section: hand-offs between libraries, run like one more backend.

When one library hands an array to another, is it still the same memory? Every adapter declares
the hand-offs whose call is its library's (:attr:`Adapter.handoffs`); this section pairs each
with the sender inputs the receiver can hold and observes both sides through their own adapters
(:func:`conformance.observe.observer.observe_pair`), judged by the hand-off ``consistency``
profile. It holds no library code. ``copyview run exchange`` runs it in a worker process like
any backend, so a hand-off that kills the process costs that case only.

A hand-off whose other side cannot be loaded is recorded as ``not-applicable`` with the reason;
a backend whose adapter cannot be loaded declares no hand-offs, and the section says so in its
:attr:`Exchange.notes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance import __version__
from conformance.adapters import BackendError, load, registered
from conformance.adapters.base import Adapter, Capabilities, MemoryReport
from conformance.judge.deviations import Deviation
from conformance.judge.handoff_profile import judge
from conformance.judge.judgement import Judgement, not_applicable
from conformance.judge.verdicts import Recorded, finalise
from conformance.model.handoffs import Handoff
from conformance.model.inputs import LAYOUT_INPUTS, InputSpec
from conformance.observe.observer import PairObservation, observe_pair
from conformance.results.records import Record, handoff_header, handoff_record
from conformance.results.repro import handoff_snippet
from conformance.vocabulary import Behaviour, Profile, Verdict

#: The name ``copyview run`` gives the section.
NAME = "exchange"

#: The sender layouts: every layout input the suite has (contiguous, strided, reversed,
#: offset, transposed, unit-axis, empty, 0-d, and any layout ``inputs.py`` adds), each hand-off
#: tried on those of a rank its receiver can hold (:attr:`Handoff.ndims`).
INPUTS: dict[str, InputSpec] = {s.id: s for s in LAYOUT_INPUTS}

#: The profiles the section judges.
PROFILES: tuple[Profile, ...] = (Profile.CONSISTENCY,)

BACKEND: dict[str, Any] = {
    "name": NAME,
    "library": "copyview",
    "version": __version__,
    "adapter": "conformance.run.exchange",
    "capabilities": {**Capabilities().as_dict(), "mutable": False},
    "promised_profiles": list(PROFILES),
}


@dataclass(frozen=True)
class ExchangeCase:
    """One hand-off on one sender input, named by their ids."""

    handoff_id: str
    input_id: str

    @property
    def id(self) -> str:
        return f"{self.handoff_id}[{self.input_id}]"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "handoff": self.handoff_id, "input": self.input_id}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExchangeCase:
        return cls(data["handoff"], data["input"])


class Exchange:
    """The section: every registered adapter's hand-offs, and running one of them."""

    def __init__(self) -> None:
        self._adapters: dict[str, Adapter | str] = {}
        self.handoffs: dict[str, Handoff] = {}
        #: Backends whose adapter could not be loaded, with the reason.
        self.unavailable: dict[str, str] = {}
        for name in sorted(registered()):
            adapter = self.adapter(name)
            if isinstance(adapter, str):
                self.unavailable[name] = adapter
                continue
            for handoff in adapter.handoffs:
                self.handoffs.setdefault(handoff.id, handoff)

    def adapter(self, name: str) -> Adapter | str:
        """The adapter of ``name``, or why it cannot be loaded (remembered)."""
        if name not in self._adapters:
            try:
                self._adapters[name] = load(name)
            except BackendError as exc:
                self._adapters[name] = str(exc)
        return self._adapters[name]

    @property
    def notes(self) -> list[str]:
        """One line for each backend whose hand-offs could not be run, saying why."""
        return [f"{name}'s hand-offs not run: {why}" for name, why in self.unavailable.items()]

    def cases(self) -> list[ExchangeCase]:
        """Every hand-off with every sender input its receiver can hold, in a stable order."""
        return [
            ExchangeCase(h.id, spec.id)
            for h in self.handoffs.values()
            for spec in INPUTS.values()
            if spec.ndim in h.ndims
        ]

    def header(self, case: ExchangeCase) -> Record:
        handoff, spec = self.handoffs[case.handoff_id], INPUTS[case.input_id]
        sender = self.adapter(handoff.sender)
        return handoff_header(handoff, spec, sender if isinstance(sender, Adapter) else None)

    def run(self, case: ExchangeCase, deviation: Deviation | None = None) -> Record:
        """The final record of one hand-off on one sender input (``deviation``: the known
        deviation that lists it, if any)."""
        handoff, spec = self.handoffs[case.handoff_id], INPUTS[case.input_id]
        header = self.header(case)
        sender, receiver = self.adapter(handoff.sender), self.adapter(handoff.receiver)
        missing = next((a for a in (sender, receiver) if isinstance(a, str)), None)
        if missing is not None:
            seen = PairObservation(Behaviour.NOT_APPLICABLE, message=missing)
            return handoff_record(header, seen, _final(not_applicable(missing), deviation))
        assert isinstance(sender, Adapter) and isinstance(receiver, Adapter)
        seen, x_layout = self._attempt(handoff, sender, receiver, spec)
        if seen.cls == Behaviour.NOT_APPLICABLE:  # the sender cannot hold this input
            return handoff_record(header, seen, _final(not_applicable(seen.message), deviation))
        twin = spec.misaligned()
        check = None if twin is None else self._address_check(handoff, sender, receiver, twin, seen)
        if seen.cls == Behaviour.ERROR:
            judgement = not_applicable("the hand-off raised")
        else:
            judgement = judge(handoff, seen, empty=spec.size == 0)
        if check is not None and not check["stable"]:
            judgement = _address_dependent(judgement, seen, check)
        record = handoff_record(header, seen, _final(judgement, deviation), x_layout)
        if check is not None and twin is not None:
            record["observed"]["alignment"] = check
            record["repro_misaligned"] = handoff_snippet(handoff, sender, twin)
        return record

    def _attempt(
        self, handoff: Handoff, sender: Adapter, receiver: Adapter, spec: InputSpec
    ) -> tuple[PairObservation, MemoryReport | None]:
        """What the hand-off did on ``spec`` (``not-applicable``: the sender cannot make it),
        and the sender's layout."""
        try:
            x = sender.build(spec.recipe())
        except Exception as exc:
            message = f"sender cannot hold it: {exc!r}"
            return PairObservation(Behaviour.NOT_APPLICABLE, message=message), None
        x_layout = sender.memory(x)
        try:
            y = handoff.call(x)
        except Exception as exc:
            seen = PairObservation(
                Behaviour.ERROR, error=type(exc).__name__, message=str(exc)[:200]
            )
            return seen, x_layout
        try:
            return observe_pair(sender, x, receiver, y), x_layout
        except Exception as exc:  # an adapter or witness fault must not pass for a verdict
            seen = PairObservation(Behaviour.UNKNOWN, message=f"a witness failed: {exc!r}")
            return seen, x_layout

    def _address_check(
        self,
        handoff: Handoff,
        sender: Adapter,
        receiver: Adapter,
        twin: InputSpec,
        seen: PairObservation,
    ) -> dict[str, Any] | None:
        """The alignment witness for a hand-off: the same call on the sender input one element
        off its 64-byte boundary (``None`` where the sender cannot place it)."""
        other, _ = self._attempt(handoff, sender, receiver, twin)
        if other.cls == Behaviour.NOT_APPLICABLE:
            return None
        return {
            "shift": twin.align,
            "class": other.cls,
            "error": other.error,
            "stable": (other.cls, other.error) == (seen.cls, seen.error),
        }


def _address_dependent(
    judgement: Judgement, seen: PairObservation, check: dict[str, Any]
) -> Judgement:
    """``judgement`` failed (or failing further) because the hand-off changed with the address."""
    on = seen.cls + (f" ({seen.error})" if seen.error else "")
    off = str(check["class"]) + (f" ({check['error']})" if check["error"] else "")
    said = (
        f"behaviour depends on the address: on a 64-byte boundary {on}, "
        f"{check['shift']} bytes past it {off}"
    )
    if judgement.verdict == Verdict.FAIL:
        said = f"{judgement.message}; {said}"
    return Judgement(Verdict.FAIL, said)


def _final(judgement: Judgement, deviation: Deviation | None) -> dict[str, Recorded]:
    return finalise({Profile.CONSISTENCY: judgement}, PROFILES, deviation)
