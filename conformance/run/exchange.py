"""Cross-library exchange: when one library hands an array to another, is it still the same memory?

Each :class:`Exchange` is one call that turns a *sender*'s array into a *receiver*'s
(``torch.from_numpy(x)``, ``pd.Series(x)``, ``np.asarray(t)``...). Both sides are observed
through their own backend adapters: the memory witness compares the sender's layout with the
receiver's; the mutation witness writes sentinels through the sender and looks at the receiver
(forward), then through the receiver and looks at the sender (backward), restoring both; a
receiver that refuses writes is recorded as such. The class comes from the suite's classifier,
so ``copy-on-write`` and ``read-only-view`` mean here what they mean everywhere.

The ``consistency`` judgement checks what the call itself declares: a call that promises a copy
(``copy=True``, ``torch.tensor``) must not share; a call documented as zero-copy
(``torch.from_numpy``, ``copy=False``) must share; and a receiver that says it is read-only
must refuse writes. Pairs whose library is missing are recorded as ``not-applicable`` with
the reason. The output is a results document with the backend name ``exchange``, in the
format of ``docs/reference/results-format.md``. Run it with ``python -m conformance.run.exchange``.
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from conformance import __version__
from conformance.adapters import BackendError, load
from conformance.adapters.base import Adapter, Capabilities
from conformance.judge.judgement import PASS, Judgement, fail_or_pass, not_applicable
from conformance.model.inputs import LAYOUT_INPUTS, InputSpec
from conformance.observe.observer import NO_MUTATION, classify
from conformance.observe.witnesses import Mutation, memory_witness, sentinels
from conformance.results.document import document, write_atomic

SHARE, COPY = "share", "copy"

#: The sender layouts every exchange is tried on (those its receiver can hold).
INPUT_IDS = ("contiguous-1d-float64", "strided-1d-float64", "contiguous-2d-float64",
             "transposed-2d-float64")


@dataclass(frozen=True)
class Exchange:
    """One conversion call from a sender library to a receiver library.

    ``template`` is the call as source, ``{x}`` standing for the sender's array, and ``call``
    performs it; ``modules`` are the ``(alias, module)`` imports the source needs.
    ``declared`` is what the call promises: ``share`` (documented zero-copy), ``copy`` (a copy
    is requested) or ``None`` (the library decides). ``ndims`` are the sender ranks the
    receiver can hold.
    """

    sender: str
    receiver: str
    template: str
    call: Callable[[Any], Any]
    modules: tuple[tuple[str, str], ...] = ()
    declared: str | None = None
    ndims: tuple[int, ...] = (1, 2)

    @property
    def source(self) -> str:
        return self.template.format(x="x")

    @property
    def id(self) -> str:
        return f"{self.sender}->{self.receiver}:{self.source}"

    def imports(self) -> list[str]:
        return [f"import {module} as {alias}" if module != alias else f"import {module}"
                for alias, module in self.modules]


def _lib(module: str) -> Any:
    """Import on first use: the table names libraries that may not be installed."""
    return importlib.import_module(module)


NP, TORCH, JNP = ("np", "numpy"), ("torch", "torch"), ("jnp", "jax.numpy")
PD, PA, XR = ("pd", "pandas"), ("pa", "pyarrow"), ("xr", "xarray")
DA = ("da", "dask.array")
ONE, TWO = (1,), (2,)

#: The exchanges, grouped by sender. Receivers are named by their copyview backend.
EXCHANGES: tuple[Exchange, ...] = (
    # NumPy arrays handed to other libraries
    Exchange("numpy", "numpy", "np.asarray({x})", lambda x: _lib("numpy").asarray(x), (NP,)),
    Exchange("numpy", "numpy", "np.asarray({x}, copy=True)",
             lambda x: _lib("numpy").asarray(x, copy=True), (NP,), COPY),
    Exchange("numpy", "numpy", "np.from_dlpack({x})", lambda x: _lib("numpy").from_dlpack(x),
             (NP,)),
    Exchange("numpy", "numpy", "np.from_dlpack({x}, copy=True)",
             lambda x: _lib("numpy").from_dlpack(x, copy=True), (NP,), COPY),
    Exchange("numpy", "torch", "torch.from_numpy({x})", lambda x: _lib("torch").from_numpy(x),
             (TORCH,), SHARE),
    Exchange("numpy", "torch", "torch.as_tensor({x})", lambda x: _lib("torch").as_tensor(x),
             (TORCH,)),
    Exchange("numpy", "torch", "torch.asarray({x})", lambda x: _lib("torch").asarray(x),
             (TORCH,)),
    Exchange("numpy", "torch", "torch.asarray({x}, copy=True)",
             lambda x: _lib("torch").asarray(x, copy=True), (TORCH,), COPY),
    Exchange("numpy", "torch", "torch.tensor({x})", lambda x: _lib("torch").tensor(x),
             (TORCH,), COPY),
    Exchange("numpy", "torch", "torch.from_dlpack({x})", lambda x: _lib("torch").from_dlpack(x),
             (TORCH,)),
    Exchange("numpy", "jax", "jnp.asarray({x})", lambda x: _lib("jax.numpy").asarray(x),
             (JNP,)),
    Exchange("numpy", "jax", "jnp.array({x})", lambda x: _lib("jax.numpy").array(x), (JNP,),
             COPY),
    Exchange("numpy", "jax", "jnp.from_dlpack({x})", lambda x: _lib("jax.numpy").from_dlpack(x),
             (JNP,)),
    Exchange("numpy", "pandas", "pd.Series({x})", lambda x: _lib("pandas").Series(x), (PD,),
             ndims=ONE),
    Exchange("numpy", "pandas", "pd.Series({x}, copy=False)",
             lambda x: _lib("pandas").Series(x, copy=False), (PD,), SHARE, ONE),
    Exchange("numpy", "pandas", "pd.DataFrame({x})", lambda x: _lib("pandas").DataFrame(x),
             (PD,), ndims=TWO),
    Exchange("numpy", "pandas", "pd.DataFrame({x}, copy=False)",
             lambda x: _lib("pandas").DataFrame(x, copy=False), (PD,), SHARE, TWO),
    Exchange("numpy", "pyarrow", "pa.array({x})", lambda x: _lib("pyarrow").array(x), (PA,),
             ndims=ONE),
    Exchange("numpy", "pyarrow", "pa.Tensor.from_numpy({x})",
             lambda x: _lib("pyarrow").Tensor.from_numpy(x), (PA,), ndims=TWO),
    Exchange("numpy", "xarray", "xr.DataArray({x})", lambda x: _lib("xarray").DataArray(x),
             (XR,)),
    Exchange("numpy", "memoryview", "memoryview({x})", memoryview),
    Exchange("numpy", "dask", "da.from_array({x})", lambda x: _lib("dask.array").from_array(x),
             (DA,)),
    Exchange("numpy", "dask", "da.asarray({x})", lambda x: _lib("dask.array").asarray(x), (DA,)),
    # other libraries' arrays handed to NumPy
    Exchange("torch", "numpy", "{x}.numpy()", lambda x: x.numpy(), declared=SHARE),
    Exchange("torch", "numpy", "np.asarray({x})", lambda x: _lib("numpy").asarray(x), (NP,)),
    Exchange("torch", "numpy", "np.from_dlpack({x})", lambda x: _lib("numpy").from_dlpack(x),
             (NP,)),
    Exchange("jax", "numpy", "np.asarray({x})", lambda x: _lib("numpy").asarray(x), (NP,)),
    Exchange("jax", "numpy", "np.from_dlpack({x})", lambda x: _lib("numpy").from_dlpack(x),
             (NP,)),
    Exchange("pandas", "numpy", "{x}.to_numpy()", lambda x: x.to_numpy()),
    Exchange("pandas", "numpy", "{x}.to_numpy(copy=True)", lambda x: x.to_numpy(copy=True),
             declared=COPY),
    Exchange("pandas", "numpy", "np.asarray({x})", lambda x: _lib("numpy").asarray(x), (NP,)),
    Exchange("pyarrow", "numpy", "{x}.to_numpy()", lambda x: x.to_numpy(), ndims=ONE),
    Exchange("pyarrow", "numpy", "np.asarray({x})", lambda x: _lib("numpy").asarray(x), (NP,),
             ndims=ONE),
    Exchange("xarray", "numpy", "np.asarray({x})", lambda x: _lib("numpy").asarray(x), (NP,)),
    Exchange("xarray", "numpy", "{x}.values", lambda x: x.values),
    Exchange("memoryview", "numpy", "np.asarray({x})", lambda x: _lib("numpy").asarray(x),
             (NP,), ndims=ONE),
    Exchange("memoryview", "numpy", "np.frombuffer({x})",
             lambda x: _lib("numpy").frombuffer(x), (NP,), ndims=ONE),
    # between two non-NumPy libraries
    Exchange("torch", "jax", "jnp.from_dlpack({x})", lambda x: _lib("jax.numpy").from_dlpack(x),
             (JNP,)),
    Exchange("jax", "torch", "torch.from_dlpack({x})", lambda x: _lib("torch").from_dlpack(x),
             (TORCH,)),
    Exchange("torch", "pandas", "pd.Series({x})", lambda x: _lib("pandas").Series(x), (PD,),
             ndims=ONE),
)


# -- observing one pair -----------------------------------------------------------------------


@dataclass(frozen=True)
class PairObservation:
    """What the witnesses saw for one exchange on one sender input."""

    cls: str
    memory: bool | None = None
    mutation: Mutation = NO_MUTATION
    receiver_readonly: bool | None = None
    error: str | None = None
    message: str = ""

    @property
    def shares(self) -> bool | None:
        if self.memory is not None:
            return self.memory
        if self.mutation.forward or self.mutation.backward:
            return True
        return None


def _changed_by(source: Adapter, x: Any, target: Adapter, y: Any) -> bool:
    """Fill ``x`` (through ``source``) with both sentinels; did ``y`` change? Restores ``x``."""
    saved = source.to_host(x)
    before = target.to_host(y).tobytes()
    changed = False
    try:
        for value in sentinels(source.dtype_name(x)):
            source.fill(x, value)
            changed = changed or target.to_host(y).tobytes() != before
    finally:
        source.assign(x, saved)
    return changed


def cross_mutation(sender: Adapter, x: Any, receiver: Adapter, y: Any) -> Mutation:
    """Writes both ways between two libraries' arrays (only where each side takes writes)."""
    forward = None
    if _writable(sender):
        try:
            forward = _changed_by(sender, x, receiver, y)
        except Exception:  # the sender refused this write: no forward observation
            forward = None
    if not _writable(receiver):
        return Mutation(forward, None, None)
    try:
        return Mutation(forward, _changed_by(receiver, y, sender, x), False)
    except Exception:
        return Mutation(forward, None, True)


def _writable(adapter: Adapter) -> bool:
    caps = adapter.capabilities
    return caps.mutable and not caps.immutable


def observe_pair(sender: Adapter, x: Any, receiver: Adapter, y: Any) -> PairObservation:
    """Classify ``y`` (the receiver's array) against ``x`` (the sender's) with every witness."""
    if not receiver.is_array(y):
        return PairObservation("scalar", message=type(y).__name__)
    x_mem = sender.memory(x)
    y_mem = receiver.memory(y)
    memory = memory_witness(x_mem, y_mem)
    readonly = None if y_mem is None else y_mem.readonly
    flags = receiver.flags(y) or {}
    if "writeable" in flags:
        readonly = not flags["writeable"]
    if y is x:
        return PairObservation("same-object", memory, receiver_readonly=readonly)
    mutation = cross_mutation(sender, x, receiver, y)
    if receiver.capabilities.immutable and not mutation.forward:
        cls = "immutable"
    else:
        cls = classify(memory, mutation, receiver.capabilities.lazy)
    return PairObservation(cls, memory, mutation, readonly)


def judge(exchange: Exchange, seen: PairObservation) -> Judgement:
    """``consistency``: the call's own declaration and the receiver's read-only claim hold."""
    if seen.cls in ("error", "not-applicable", "scalar"):
        return not_applicable(f"no array to check ({seen.cls})")
    problems = []
    shares = seen.shares
    if exchange.declared == COPY and shares:
        problems.append(f"{exchange.source} requests a copy, "
                        "but the result shares memory with the input")
    if exchange.declared == SHARE and shares is False:
        problems.append(f"{exchange.source} is documented as zero-copy, "
                        "but the result shares no memory with the input")
    if seen.receiver_readonly and seen.mutation.write_refused is False:
        problems.append("the receiver says it is read-only, but writes through it succeeded")
    if seen.memory is False and (seen.mutation.forward or seen.mutation.backward):
        problems.append("layouts are disjoint, but writes propagate between the arrays")
    return fail_or_pass(problems) if problems else PASS


# -- records and the document -----------------------------------------------------------------


def _observed_json(seen: PairObservation) -> dict[str, Any]:
    return {
        "class": seen.cls,
        "error": seen.error,
        "error_message": seen.message,
        "witnesses": {
            "memory": seen.memory,
            "mutation_forward": seen.mutation.forward,
            "mutation_backward": seen.mutation.backward,
            "write_refused": seen.mutation.write_refused,
        },
        "claims": {"base": None, "shares_memory": None, "may_share_memory": None,
                   "flags": None if seen.receiver_readonly is None
                   else {"writeable": not seen.receiver_readonly}},
    }


#: How a repro writes through the sender (``None``: the sender's arrays take no writes).
_SENDER_WRITES = {
    "numpy": "x[...] = -1",
    "torch": "x[...] = -1",
    "xarray": "x[...] = -1",
    "pandas": "x.iloc[(slice(None),) * x.ndim] = -1",
    "memoryview": "x[0] = -1.0",
}


def _repro(exchange: Exchange, sender: Adapter | None, spec: InputSpec) -> str:
    """A snippet, with the libraries alone, that shows whether writes through x reach y."""
    imports = ["import numpy as np", *exchange.imports()]
    if sender is not None:
        imports += [line for line in sender.repro_imports() if line not in imports]
    lines = [
        *dict.fromkeys(imports),
        f"x = {sender.repro_input(spec.recipe()) if sender else '...'}",
        f"y = {exchange.source}",
        "print('same object:', y is x)",
    ]
    write = _SENDER_WRITES.get(exchange.sender)
    if write is None:
        return "\n".join([*lines, f"# {exchange.sender} arrays take no writes"])
    return "\n".join([
        *lines,
        "y_before = np.array(y, copy=True)",
        write,
        "print('write through x seen in y:', not np.array_equal(np.array(y), y_before))",
    ])


def record(exchange: Exchange, spec: InputSpec, seen: PairObservation, sender: Adapter | None,
           judgement: Judgement, x: Any = None) -> dict[str, Any]:
    """One case record in the results format (category ``exchange``); ``x``: the sender's array."""
    x_mem = None if sender is None or x is None else sender.memory(x)
    return {
        "id": f"{exchange.id}[{spec.id}]",
        "operation": exchange.id,
        "category": "exchange",
        "rule": exchange.declared,
        "generated": False,
        "expression": exchange.source,
        "input": {"id": spec.id, "expression": sender.repro_input(spec.recipe()) if sender
                  else "", "dtype": spec.dtype, "shape": list(spec.shape),
                  "strides": None if x_mem is None else list(x_mem.layout.strides),
                  "itemsize": None if x_mem is None else x_mem.layout.itemsize},
        "sender": exchange.sender,
        "receiver": exchange.receiver,
        "expected": None,
        "observed": _observed_json(seen),
        "verdicts": {"consistency": {"verdict": judgement.verdict,
                                     "message": judgement.message}},
        "repro": _repro(exchange, sender, spec),
    }


class _Adapters:
    """Backend adapters by name, loaded once; a missing library is remembered with its reason."""

    def __init__(self) -> None:
        self.loaded: dict[str, Adapter | str] = {}

    def get(self, name: str) -> Adapter | str:
        if name not in self.loaded:
            try:
                self.loaded[name] = load(name)
            except BackendError as exc:
                self.loaded[name] = str(exc)
        return self.loaded[name]


def run_exchange(exchange: Exchange, spec: InputSpec, adapters: _Adapters) -> dict[str, Any]:
    """The record of one exchange on one sender input."""
    sender, receiver = adapters.get(exchange.sender), adapters.get(exchange.receiver)
    missing = next((a for a in (sender, receiver) if isinstance(a, str)), None)
    modules_missing = _missing_modules(exchange)
    if missing is not None or modules_missing:
        reason = missing or f"{modules_missing} is not installed"
        seen = PairObservation("not-applicable", message=reason)
        return record(exchange, spec, seen, None, not_applicable(reason))
    assert isinstance(sender, Adapter) and isinstance(receiver, Adapter)
    try:
        x = sender.build(spec.recipe())
    except Exception as exc:
        seen = PairObservation("not-applicable", message=f"sender cannot hold it: {exc!r}")
        return record(exchange, spec, seen, sender, not_applicable(seen.message))
    try:
        y = exchange.call(x)
    except Exception as exc:
        seen = PairObservation("error", error=type(exc).__name__, message=str(exc)[:200])
        return record(exchange, spec, seen, sender, not_applicable("the exchange raised"), x)
    try:
        seen = observe_pair(sender, x, receiver, y)
    except Exception as exc:  # an adapter or witness fault must not pass for a verdict
        seen = PairObservation("unknown", message=f"a witness failed: {exc!r}")
    return record(exchange, spec, seen, sender, judge(exchange, seen), x)


def _missing_modules(exchange: Exchange) -> str | None:
    for _alias, module in exchange.modules:
        try:
            importlib.import_module(module)
        except ImportError:
            return module
    return None


def pairs(exchanges: tuple[Exchange, ...] = EXCHANGES) -> list[tuple[Exchange, InputSpec]]:
    """Every exchange with every sender input its receiver can hold."""
    specs = [s for s in LAYOUT_INPUTS if s.id in INPUT_IDS]
    return [(e, s) for e in exchanges for s in specs if s.ndim in e.ndims]


BACKEND = {
    "name": "exchange",
    "library": "copyview",
    "version": __version__,
    "adapter": "conformance.run.exchange",
    "capabilities": {**Capabilities().as_dict(), "mutable": False},
    "promised_profiles": ["consistency"],
}


def run(select: str | None = None) -> dict[str, Any]:
    """The results document of every exchange (or those whose case id matches ``select``)."""
    adapters = _Adapters()
    started, t0 = _now(), time.monotonic()
    records = [run_exchange(e, s, adapters) for e, s in pairs()
               if select is None or fnmatch.fnmatchcase(f"{e.id}[{s.id}]", select)]
    run_info = {"seed": None, "ci": True, "max_examples": 0, "profiles": ["consistency"],
                "started": started, "finished": _now(),
                "duration_s": round(time.monotonic() - t0, 3)}
    return document(BACKEND, run_info, records, {"unmatched": [], "unexpected_passes": []})


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(argv: list[str] | None = None) -> int:
    """``python -m conformance.run.exchange [--json DIR] [--select GLOB]``: 1 if a check fails."""
    parser = argparse.ArgumentParser(prog="python -m conformance.run.exchange",
                                     description="zero-copy exchange between array libraries")
    parser.add_argument("--json", type=Path, metavar="DIR", help="write DIR/exchange.json")
    parser.add_argument("--select", metavar="GLOB", help="run only cases whose id matches")
    args = parser.parse_args(argv)
    doc = run(args.select)
    if args.json:
        write_atomic(args.json / "exchange.json", doc)
    for case in doc["cases"]:
        verdict = case["verdicts"]["consistency"]
        mark = {"fail": "FAIL", "pass": "ok"}.get(verdict["verdict"], "n/a")
        print(f"{mark:4} {case['observed']['class']:15} {case['id']}"
              + (f": {verdict['message']}" if verdict["message"] else ""))
    counts = doc["summary"]["consistency"]
    print(", ".join(f"{k} {v}" for k, v in counts.items() if v))
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
