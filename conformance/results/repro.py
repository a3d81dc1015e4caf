"""Repro snippets: a case rebuilt in the library's own words, runnable with no copyview import."""

from __future__ import annotations

from conformance.adapters.base import Adapter
from conformance.model.cases import Case


def input_expression(adapter: Adapter, case: Case) -> str:
    return adapter.repro_input(case.input.recipe())


def snippet(adapter: Adapter, case: Case) -> str:
    """Imports, the input as ``x``, the operation(s) binding ``y``, then what witnesses see."""
    lines = [
        *adapter.repro_imports(),
        f"x = {input_expression(adapter, case)}",
        *case.source_lines(adapter.alias),
        *adapter.repro_report(),
    ]
    return "\n".join(lines)
