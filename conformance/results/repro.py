"""Repro snippets: a case rebuilt in the library's own words, runnable with no copyview import."""

from __future__ import annotations

from conformance.adapters.base import Adapter
from conformance.model.cases import Case
from conformance.model.handoffs import Handoff
from conformance.model.inputs import InputSpec


def input_expression(adapter: Adapter, case: Case) -> str:
    """The input in one expression where it is one, else the statements, ``; ``-joined."""
    return spec_expression(adapter, case.input)


def spec_expression(adapter: Adapter, spec: InputSpec) -> str:
    """``spec``'s input in ``adapter``'s words: one expression, or ``; ``-joined statements."""
    lines = adapter.repro_lines(spec.recipe())
    if len(lines) == 1 and lines[0].startswith("x = "):
        return lines[0][len("x = ") :]
    return "; ".join(lines)


def snippet(adapter: Adapter, case: Case) -> str:
    """Imports, the input as ``x``, the operation(s) binding ``y``, then what witnesses see."""
    lines = [
        *adapter.repro_imports(),
        *adapter.repro_lines(case.input.recipe()),
        *case.source_lines(adapter.alias),
        *adapter.repro_report(),
    ]
    return "\n".join(lines)


def handoff_snippet(handoff: Handoff, sender: Adapter | None, spec: InputSpec) -> str:
    """A snippet, with the libraries alone, that shows whether writes through x reach y."""
    imports = ["import numpy as np", *handoff.imports]
    if sender is not None:
        imports += [line for line in sender.repro_imports() if line not in imports]
    lines = [
        *dict.fromkeys(imports),
        *(sender.repro_lines(spec.recipe()) if sender else ["x = ..."]),
        f"y = {handoff.source}",
        "print('same object:', y is x)",
        "print('y holds:', type(y).__name__, getattr(y, 'dtype', None), getattr(y, 'shape', None))",
    ]
    write = None if sender is None else sender.repro_fill("x")
    if write is None:
        return "\n".join([*lines, f"# {handoff.sender} arrays take no writes"])
    return "\n".join(
        [
            *lines,
            "y_before = np.array(y, copy=True)",
            write,
            "print('write through x seen in y:', not np.array_equal(np.array(y), y_before))",
        ]
    )
