"""Running one case on one adapter and classifying what happened.

The behaviour class comes from the witnesses, in this order: the library has no such
operation (``not-applicable``, see :func:`is_missing`), the operation raised (``error``),
returned a non-array (``scalar``), returned its input (``same-object``), the library has no
writes (``immutable``); otherwise memory and mutation decide between ``view``,
``read-only-view``, ``one-way-from-input``, ``one-way-to-input``, ``copy-on-write``, ``copy``
and ``unknown``.

A result that breaks a witness (its shape is not a shape, its layout lies) is class ``unknown``
with :attr:`Observation.fault` set: the profiles fail it wherever they have a rule, so garbage
never passes.
"""

from __future__ import annotations

import hashlib
import types
import warnings
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from conformance.adapters.base import Adapter, MemoryReport
from conformance.model.cases import Case
from conformance.observe.witnesses import (
    Claims,
    LayoutRefused,
    Mutation,
    check_layout,
    claims_witness,
    interleaved_halves,
    interleaved_witness,
    keeps_alive,
    memory_witness,
    mutation_between,
    mutation_witness,
)
from conformance.vocabulary import Behaviour

NO_MUTATION = Mutation(None, None, None)


@dataclass(frozen=True)
class ResultLayout:
    """The result's shape, byte strides and itemsize as its library exports them, and where
    it starts relative to the input's first byte (``None`` unless the two share memory)."""

    shape: tuple[int, ...]
    strides: tuple[int, ...]
    itemsize: int
    offset_from_input: int | None

    @classmethod
    def of(cls, y: MemoryReport, x: MemoryReport | None, shared: bool | None) -> ResultLayout:
        offset = y.layout.offset - x.layout.offset if shared and x is not None else None
        return cls(y.layout.shape, y.layout.strides, y.layout.itemsize, offset)

    def to_json(self) -> dict[str, Any]:
        return {
            "shape": list(self.shape),
            "strides": list(self.strides),
            "itemsize": self.itemsize,
            "offset_from_input": self.offset_from_input,
        }


@dataclass(frozen=True)
class AddressCheck:
    """The alignment witness: the same case run again on the input's twin that starts
    ``shift`` bytes past the 64-byte boundary the input starts on (what the twin showed)."""

    shift: int
    cls: Behaviour
    error: str | None
    digest: str | None

    def stable(self, first: Observation) -> bool:
        """Did the twin behave as the aligned input did (class, error and values)?"""
        return (self.cls, self.error, self.digest) == (first.cls, first.error, first.digest)

    def to_json(self, first: Observation) -> dict[str, Any]:
        return {
            "shift": self.shift,
            "class": self.cls,
            "error": self.error,
            "stable": self.stable(first),
        }


@dataclass(frozen=True)
class Observation:
    """What happened when one case ran on one backend."""

    cls: Behaviour
    error: str | None = None
    message: str = ""
    memory: bool | None = None
    mutation: Mutation = NO_MUTATION
    keeps_alive: bool | None = None
    claims: Claims | None = None
    #: Byte overlap of ``y[::2]`` and ``y[1::2]`` (see ``Claims.interleaved``).
    interleaved: bool | None = None
    dtype: str | None = None
    shape: tuple[int, ...] | None = None
    digest: str | None = None
    #: The input's values after the case ran (operations whose values matter): whether a
    #: write through a view, or an in-place operation, reached the original.
    input_digest: str | None = None
    #: The library lacks the operation (:func:`is_missing`): class ``not-applicable``; on
    #: the oracle, no expectation.
    missing: bool = field(default=False)
    #: The input's layout as the backend reports it (for the results' ``input`` record).
    input_strides: tuple[int, ...] | None = field(default=None, compare=False)
    input_itemsize: int | None = field(default=None, compare=False)
    #: Set when a witness could not read the result: ``"library"`` (the result is malformed
    #: or its layout cannot be true) or ``"adapter"`` (copyview's own code failed on a
    #: well-formed result); :attr:`message` says what happened.
    fault: str | None = None
    #: The result's layout as its library exports it (:class:`ResultLayout`), where it does.
    layout: ResultLayout | None = None
    #: Warnings the operations raised (category name, message); the witnesses' own are not.
    warnings: tuple[tuple[str, str], ...] = ()
    #: The alignment witness (inputs on a 64-byte boundary only): the misaligned twin's run.
    alignment: AddressCheck | None = None

    @property
    def address_stable(self) -> bool | None:
        """Same behaviour on and off a 64-byte boundary (``None``: not checked)."""
        return None if self.alignment is None else self.alignment.stable(self)

    def expected_json(self) -> dict[str, Any] | None:
        """This observation, made on the oracle, as the ``expected`` record."""
        if self.missing or self.cls == Behaviour.NOT_APPLICABLE:
            return None
        claims = self.claims
        return {
            "class": self.cls,
            "error": self.error,
            "base": claims.base if claims else None,
            "shares_memory": claims.shares_memory if claims else None,
            "may_share_memory": claims.may_share_memory if claims else None,
            "shares_memory_interleaved": claims.interleaved if claims else None,
            "flags": claims.flags if claims else None,
            "dtype": self.dtype,
            "shape": None if self.shape is None else list(self.shape),
            "layout": None if self.layout is None else self.layout.to_json(),
            "warnings": [{"category": c, "message": m} for c, m in self.warnings],
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "class": self.cls,
            "error": self.error,
            "error_message": self.message,
            "witnesses": {
                "memory": self.memory,
                "mutation_forward": self.mutation.forward,
                "mutation_backward": self.mutation.backward,
                "write_refused": self.mutation.write_refused,
                "keeps_alive": self.keeps_alive,
                "memory_interleaved": self.interleaved,
            },
            "claims": None if self.claims is None else self.claims.to_json(),
            "dtype": self.dtype,
            "shape": None if self.shape is None else list(self.shape),
            "digest": self.digest,
            "input_digest": self.input_digest,
            "layout": None if self.layout is None else self.layout.to_json(),
            "warnings": [{"category": c, "message": m} for c, m in self.warnings],
            **({"fault": self.fault} if self.fault else {}),
            **({"alignment": self.alignment.to_json(self)} if self.alignment else {}),
        }


def classify(memory: bool | None, mutation: Mutation, lazy: bool) -> Behaviour:
    """The behaviour class of a new array from its memory and mutation witnesses."""
    if mutation.write_refused:
        if memory or mutation.forward:
            return Behaviour.READ_ONLY_VIEW
        return Behaviour.COPY if memory is False else Behaviour.UNKNOWN
    if mutation.forward and mutation.backward is False:
        return Behaviour.ONE_WAY_FROM_INPUT
    if mutation.backward and mutation.forward is False:
        return Behaviour.ONE_WAY_TO_INPUT
    if mutation.forward or mutation.backward:
        return Behaviour.VIEW
    if memory:
        return Behaviour.COPY_ON_WRITE
    if memory is False:
        return Behaviour.COPY
    if lazy:  # writes rewrite a graph: their silence says nothing about bytes
        return Behaviour.UNKNOWN
    if mutation.forward is False and mutation.backward is False:
        return Behaviour.COPY
    return Behaviour.UNKNOWN


def digest(adapter: Adapter, y: Any) -> str:
    host = adapter.to_host(y)
    return hashlib.sha1(host.tobytes() + str(host.shape).encode()).hexdigest()[:16]


def observe(adapter: Adapter, case: Case) -> Observation:
    """Build the input, run the chain, and let every witness speak (warnings silenced).

    On an input placed on a 64-byte boundary, the alignment witness runs the case again on
    its twin one element off the boundary (:func:`twin_case`) and records what that showed.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seen = _observe(adapter, case)
        twin = twin_case(case)
        if twin is None or seen.missing or seen.cls == Behaviour.NOT_APPLICABLE:
            return seen
        other = _observe(adapter, twin)
        if other.cls == Behaviour.NOT_APPLICABLE and not other.missing:
            return seen  # the library cannot place an input there: nothing to compare
        shift = twin.input.align or 0
        return replace(seen, alignment=AddressCheck(shift, other.cls, other.error, other.digest))


def twin_case(case: Case) -> Case | None:
    """``case`` on its input's misaligned twin (``None`` when the input has no placement)."""
    spec = case.input.misaligned()
    return None if spec is None else replace(case, input=spec)


def _observe(adapter: Adapter, case: Case) -> Observation:
    for op in case.operations:
        if adapter.namespace_for(op.api) is None:
            return Observation(Behaviour.NOT_APPLICABLE, message=f"no {op.api} namespace")
    # The input and its base live only in ``holder``, so the keep-alive witness can drop them.
    try:
        holder = [adapter.build(case.input.recipe())]
    except Exception as exc:  # the library cannot make this input: no operation to judge
        return Observation(Behaviour.NOT_APPLICABLE, message=f"could not build the input: {exc!r}")
    holder.append(adapter.base(holder[0]) if adapter.capabilities.has_base else None)
    x_mem = adapter.memory(holder[0])
    layout: dict[str, Any] = (
        {}
        if x_mem is None
        else {"input_strides": x_mem.layout.strides, "input_itemsize": x_mem.layout.itemsize}
    )
    y = holder[0]
    heard: list[warnings.WarningMessage] = []
    for op, operand in zip(case.operations, case.operands, strict=True):
        namespace = adapter.namespace_for(op.api)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    y = op.run(namespace, y, operand)
                finally:
                    heard += caught or []
        except Exception as exc:
            missing = is_missing(exc, namespace, y)
            return Observation(
                Behaviour.NOT_APPLICABLE if missing else Behaviour.ERROR,
                error=type(exc).__name__,
                message=str(exc)[:200],
                missing=missing,
                warnings=said(heard),
                **layout,
            )
    layout["warnings"] = said(heard)
    if not adapter.is_array(y):
        return Observation(Behaviour.SCALAR, dtype=type(y).__name__, **layout)
    try:
        return _witness(adapter, case, holder, x_mem, y, layout)
    except Exception as exc:  # an adapter or witness fault must not pass for a verdict
        fault = fault_of(adapter, y, exc)
        return Observation(
            Behaviour.UNKNOWN,
            message=f"a witness failed ({fault} fault): {type(exc).__name__}: {str(exc)[:300]}",
            fault=fault,
            **layout,
        )


def fault_of(adapter: Adapter, y: Any, exc: BaseException) -> str:
    """Whose fault a witness failure is: ``"library"`` when the result itself is malformed (no
    shape of integers, a dtype it cannot name, a DLPack export that is no capsule, a layout
    that cannot be true), else ``"adapter"`` (copyview failed on a result that looks sound)."""
    if isinstance(exc, LayoutRefused):
        return "library"
    try:
        shape = tuple(y.shape)
        if not all(isinstance(n, int) and n >= 0 for n in shape):
            return "library"
        adapter.dtype_name(y)
    except Exception:
        return "library"
    try:
        exported = y.__dlpack__() if hasattr(y, "__dlpack__") else None
    except Exception:  # refusing to export (read-only, device) is allowed
        exported = None
    if exported is not None and type(exported).__name__ != "PyCapsule":
        return "library"
    return "adapter"


def said(heard: list[warnings.WarningMessage]) -> tuple[tuple[str, str], ...]:
    """The warnings the operations raised: category name and message, in order, repeats
    dropped."""
    out: list[tuple[str, str]] = []
    for w in heard:
        entry = (w.category.__name__, str(w.message)[:300])
        if entry not in out:
            out.append(entry)
    return tuple(out)


def is_missing(exc: BaseException, namespace: Any, operand: Any) -> bool:
    """Does ``exc`` say the library lacks the operation (rather than that it failed)?

    ``NotImplementedError`` says so itself. An ``AttributeError`` says so only when the
    lookup that failed was on the namespace (or one of its submodules) or on the operand:
    ``pd.ravel``, ``Series.reshape``, ``memoryview.T``. One raised deeper inside the library
    (Dask refusing ``y.shape = ...``) is a failure of an operation it does have.
    """
    if isinstance(exc, NotImplementedError):
        return True
    if not isinstance(exc, AttributeError):
        return False
    owner = getattr(exc, "obj", None)
    if owner is None:
        return False
    if owner is namespace or owner is operand:
        return True
    prefix = getattr(namespace, "__name__", None)
    return (
        isinstance(owner, types.ModuleType)
        and isinstance(prefix, str)
        and owner.__name__.startswith(prefix + ".")
    )


def _witness(
    adapter: Adapter,
    case: Case,
    holder: list[Any],
    x_mem: MemoryReport | None,
    y: Any,
    layout: dict[str, Any],
) -> Observation:
    x, x_base = holder
    caps = adapter.capabilities
    y_mem = adapter.memory(y)
    check_layout(adapter, y, y_mem)  # before any read: a lying layout costs nothing
    values = digest(adapter, y) if case.values_matter else None
    input_values = digest(adapter, x) if case.values_matter else None
    dtype, shape = adapter.dtype_name(y), adapter.shape(y)
    memory = memory_witness(x_mem, y_mem)
    result_layout = None if y_mem is None else ResultLayout.of(y_mem, x_mem, memory)
    # The halves' overlap is only ever held against the library's own shares_memory answer:
    # without that claim, slicing them is work no verdict uses (and costs JAX a compile).
    halves = interleaved_halves(adapter, y) if caps.has_shares_memory else None
    interleaved = interleaved_witness(adapter, halves)
    claims = claims_witness(adapter, x, x_base, y, halves)
    del halves  # views of y: they must not keep anything alive for the keep-alive witness
    if y is x:
        return Observation(
            Behaviour.SAME_OBJECT,
            memory=memory,
            claims=claims,
            dtype=dtype,
            shape=shape,
            digest=values,
            input_digest=input_values,
            interleaved=interleaved,
            layout=result_layout,
            **layout,
        )
    mutation = NO_MUTATION
    if caps.mutable and not caps.immutable:
        mutation = mutation_witness(adapter, x, y)
    cls = Behaviour.IMMUTABLE if caps.immutable else classify(memory, mutation, caps.lazy)
    alive = None
    if memory or mutation.forward or mutation.backward:
        del x, x_base  # the holder now keeps the only references the suite has
        alive = keeps_alive(adapter, holder, y)
    return Observation(
        cls,
        memory=memory,
        mutation=mutation,
        keeps_alive=alive,
        claims=claims,
        dtype=dtype,
        shape=shape,
        digest=values,
        input_digest=input_values,
        interleaved=interleaved,
        layout=result_layout,
        **layout,
    )


@dataclass(frozen=True)
class PairObservation:
    """What the witnesses saw for a hand-off: the receiver's array ``y`` against the sender's
    array ``x``, each observed through its own library's adapter."""

    cls: Behaviour
    memory: bool | None = None
    mutation: Mutation = NO_MUTATION
    receiver_readonly: bool | None = None
    error: str | None = None
    message: str = ""
    #: The sender's array has no elements: there are no bytes to share.
    empty: bool = False
    #: The receiver's library says its arrays never change (``capabilities.immutable``).
    receiver_immutable: bool = False
    #: The sender's library says the same of its arrays.
    sender_immutable: bool = False
    #: How the receiver's values differ from the sender's (shape or values), read before any
    #: write; empty when they agree or cannot be compared.
    altered: str = ""

    @property
    def shares(self) -> bool | None:
        if self.memory is not None:
            return self.memory
        if self.mutation.forward or self.mutation.backward:
            return True
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "class": self.cls,
            "error": self.error,
            "error_message": self.message,
            "witnesses": {
                "memory": self.memory,
                "mutation_forward": self.mutation.forward,
                "mutation_backward": self.mutation.backward,
                "write_refused": self.mutation.write_refused,
                **({"values_kept": False} if self.altered else {}),
            },
            "claims": {
                "base": None,
                "shares_memory": None,
                "may_share_memory": None,
                "flags": None
                if self.receiver_readonly is None
                else {"writeable": not self.receiver_readonly},
            },
        }


def values_altered(sender: Adapter, x: Any, receiver: Adapter, y: Any) -> str:
    """How ``y`` fails to hold ``x``'s values: a different element count, or, at the same
    shape, different values (compared as numbers, so a documented dtype change such as bool to
    uint8 agrees). Empty when they agree or cannot be read; a hand-off that reshapes with the
    same count is not compared (its element order is its own)."""
    try:
        before, after = sender.to_host(x), receiver.to_host(y)
    except Exception:  # a witness's read that fails says nothing about the values
        return ""
    if before.size != after.size:
        return (
            f"the result has {after.size} elements of {after.dtype} where the input has "
            f"{before.size} of {before.dtype}"
        )
    if before.shape != after.shape:
        return ""
    try:
        same = bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
    except TypeError:
        same = bool(np.array_equal(before, after))
    return "" if same else "the result's values are not the input's"


def observe_pair(sender: Adapter, x: Any, receiver: Adapter, y: Any) -> PairObservation:
    """Classify ``y`` (the receiver's array) against ``x`` (the sender's) with every witness."""
    if not receiver.is_array(y):
        return PairObservation(Behaviour.SCALAR, message=type(y).__name__)
    empty = 0 in sender.shape(x)
    altered = values_altered(sender, x, receiver, y)
    immutable = receiver.capabilities.immutable
    frozen = sender.capabilities.immutable
    memory = memory_witness(sender.memory(x), y_mem := receiver.memory(y))
    readonly = None if y_mem is None else y_mem.readonly
    flags = receiver.flags(y) or {}
    if "writeable" in flags:
        readonly = not flags["writeable"]
    if y is x:
        return PairObservation(
            Behaviour.SAME_OBJECT,
            memory,
            receiver_readonly=readonly,
            empty=empty,
            receiver_immutable=immutable,
            sender_immutable=frozen,
            altered=altered,
        )
    mutation = mutation_between(sender, x, receiver, y)
    # A receiver that takes no writes on a buffer of its own is a copy (the memory witness
    # says so); sharing that no write can show stays ``immutable``.
    if receiver.capabilities.immutable and not mutation.forward and memory is not False:
        cls = Behaviour.IMMUTABLE
    else:
        cls = classify(memory, mutation, receiver.capabilities.lazy)
    return PairObservation(
        cls,
        memory,
        mutation,
        readonly,
        empty=empty,
        receiver_immutable=immutable,
        sender_immutable=frozen,
        altered=altered,
    )
