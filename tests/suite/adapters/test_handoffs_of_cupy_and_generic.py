"""Hand-offs of the adapters that the exchange section cannot load here: CuPy's (run through a
host stand-in with CuPy's interface, since no GPU is needed to check the calls and promises)
and the generic Array API adapter's (any namespace; array_api_strict stands in)."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from suite.adapters.test_cupy_adapter import HostCupy

from conformance.adapters.base import Adapter
from conformance.adapters.cupy_adapter import CupyAdapter
from conformance.adapters.generic import GenericArrayAPIAdapter
from conformance.run.exchange import Exchange, ExchangeCase
from conformance.vocabulary import Declared

VECTOR = "contiguous-1d-float64"


@pytest.fixture(scope="module")
def section() -> Exchange:
    return Exchange()


def run(section: Exchange, adapter: Adapter, source: str, sender: str = "numpy") -> dict:
    section._adapters[adapter.name] = adapter  # not loadable here: put in by hand
    handoff = next(h for h in adapter.handoffs if h.source == source and h.sender == sender)
    section.handoffs[handoff.id] = handoff
    return section.run(ExchangeCase(handoff.id, VECTOR))


def test_cupy_declares_every_host_transfer_a_copy() -> None:
    adapter = CupyAdapter(cupy=HostCupy(), array_api=HostCupy())
    crossing = [h for h in adapter.handoffs if "numpy" in (h.sender, h.receiver)]
    assert crossing and all(h.declared == Declared.COPY for h in crossing)
    assert all(adapter.name in (h.sender, h.receiver) for h in adapter.handoffs)


def test_a_cupy_that_kept_the_host_buffer_would_fail_its_copy_promise(section: Exchange) -> None:
    """The stand-in's asarray is NumPy's (it shares host memory): exactly the fault a real
    host-to-device transfer cannot have, so the promise is checked, not assumed."""
    adapter = CupyAdapter(cupy=HostCupy(), array_api=HostCupy())
    shared = run(section, adapter, "cupy.asarray(x)")
    assert shared["verdicts"]["consistency"]["verdict"] == "fail"
    copied = run(section, adapter, "cupy.array(x)")
    assert copied["verdicts"]["consistency"]["verdict"] == "pass"


@pytest.mark.skipif(
    importlib.util.find_spec("array_api_strict") is None, reason="no array_api_strict"
)
@pytest.mark.parametrize(
    ("source", "sender", "cls"),
    [
        ("xp.asarray(x, copy=True)", "numpy", "copy"),
        ("xp.from_dlpack(x, copy=True)", "numpy", "copy"),
        ("xp.from_dlpack(x, copy=True)", "dlpack-only", "copy"),
        ("xp.asarray(x)", "numpy", "view"),
    ],
)
def test_the_generic_adapter_receives_through_the_standards_calls(
    section: Exchange, source: str, sender: str, cls: str
) -> None:
    import array_api_strict

    adapter = GenericArrayAPIAdapter(array_api_strict, "strict-as-generic")
    record = run(section, adapter, source, sender)
    assert record["observed"]["class"] == cls, record["observed"]
    assert record["verdicts"]["consistency"]["verdict"] == "pass"
    assert "import array_api_strict as xp" in record["repro"]
    np.testing.assert_equal(len(adapter.handoffs), 12)
