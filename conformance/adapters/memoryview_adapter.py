"""memoryview adapter: Python's own strided view over a buffer (PEP 3118).

A ``memoryview`` has no namespace of functions: its "namespace" is :mod:`builtins`, so every
catalogue operation spelled ``xp.f(x)`` is missing, and only indexing runs. Its layout is
exact through the buffer protocol (``numpy.asarray`` on a memoryview shares its bytes); it
claims ``.obj`` (the exporting object, reported as the base), ``readonly`` and contiguity.
It slices along its first axis only (and takes no integer sub-views), and has no complex
formats: other inputs are not built (``NotImplementedError``). Its own operations (``cast``,
``toreadonly``, ``tobytes``, ``memoryview(m)``) are declared in :data:`OPERATIONS`.
"""

from __future__ import annotations

import builtins
import platform
from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import (
    NUMPY_API,
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
    apply_steps_expression,
)
from conformance.adapters.numpy_adapter import adapter as numpy_adapter
from conformance.model.handoffs import PROTOCOL_SENDERS, Handoff
from conformance.model.operations import Operand, Operation
from conformance.vocabulary import Declared, Profile

#: struct format characters memoryview casts to, for the suite's dtypes.
FORMATS = {
    "bool": "?",
    "int8": "b",
    "uint8": "B",
    "int16": "h",
    "uint16": "H",
    "int32": "i",
    "uint32": "I",
    "int64": "q",
    "uint64": "Q",
    "float16": "e",
    "float32": "f",
    "float64": "d",
}


def _contiguous(o: Operand) -> bool:
    return o.dtype in FORMATS


def _first_axis_slice(key: tuple[Any, ...]) -> bool:
    """memoryview slices along its first axis only: ``(slice, :, :, ...)``."""
    return (
        len(key) >= 1 and isinstance(key[0], slice) and all(part == slice(None) for part in key[1:])
    )


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "memoryview-cast-bytes",
        "dtype",
        NUMPY_API,
        "{x}.cast('B')",
        lambda xp, x: x.cast("B"),
        _contiguous,
    ),
    Operation(
        "memoryview-cast-round-trip",
        "dtype",
        NUMPY_API,
        "{x}.cast('B').cast({x}.format, shape={x}.shape)",
        lambda xp, x: x.cast("B").cast(x.format, shape=x.shape),
        _contiguous,
    ),
    Operation(
        "memoryview-slice-first-axis",
        "indexing",
        NUMPY_API,
        "{x}[1:]",
        lambda xp, x: x[1:],
        lambda o: len(o.shape) >= 1,
    ),
    Operation(
        "memoryview-toreadonly", "view", NUMPY_API, "{x}.toreadonly()", lambda xp, x: x.toreadonly()
    ),
    Operation(
        "memoryview-of-memoryview",
        "view",
        NUMPY_API,
        "memoryview({x})",
        lambda xp, x: memoryview(x),
    ),
    Operation(
        "memoryview-tobytes",
        "copy",
        NUMPY_API,
        "memoryview({x}.tobytes())",
        lambda xp, x: memoryview(x.tobytes()),
    ),
    Operation("memoryview-tolist", "copy", NUMPY_API, "{x}.tolist()", lambda xp, x: x.tolist()),
)


#: The buffer protocol's own constructor over another library's memory: zero-copy by
#: definition (https://docs.python.org/3/library/stdtypes.html#memoryview: "access the
#: internal data of an object that supports the buffer protocol without copying").
HANDOFFS: tuple[Handoff, ...] = (
    *(
        Handoff(sender, "memoryview", "memoryview({x})", memoryview, declared=Declared.SHARE)
        for sender in ("numpy", *PROTOCOL_SENDERS)
    ),
    Handoff(
        "numpy",
        "memoryview",
        "memoryview({x}).toreadonly()",
        lambda x: memoryview(x).toreadonly(),
        declared=Declared.SHARE,
    ),
    Handoff(
        "numpy",
        "memoryview",
        "memoryview({x}).cast('B')",
        lambda x: memoryview(x).cast("B"),
        declared=Declared.SHARE,
        reinterprets=True,
    ),
    Handoff(
        "memoryview",
        "memoryview",
        "memoryview({x}.tobytes())",
        lambda x: memoryview(x.tobytes()),
        declared=Declared.COPY,
        reinterprets=True,
    ),
)


class MemoryviewAdapter(Adapter):
    """``memoryview`` over a ``bytearray``: writable, strided, no functions."""

    name: ClassVar[str] = "memoryview"
    library: ClassVar[str] = "builtins"
    alias: ClassVar[str] = "builtins"
    capabilities: ClassVar[Capabilities] = Capabilities(has_base=True)
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.CONSISTENCY,)
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS

    @property
    def version(self) -> str:
        return platform.python_version()

    def namespace(self, api: str) -> Any | None:
        return builtins if api == NUMPY_API else None

    def from_host(self, host: np.ndarray) -> memoryview:
        fmt = FORMATS.get(host.dtype.name)
        if fmt is None:
            raise NotImplementedError(f"memoryview has no format for {host.dtype.name}")
        if host.size == 0 and host.ndim != 1:
            raise NotImplementedError("memoryview cannot cast to a shape with a zero")
        # The format is chosen at run time; typeshed's overloads want a literal one.
        view = memoryview(bytearray(host.tobytes()))
        return view.cast(fmt, shape=list(host.shape))  # type: ignore[call-overload]

    def build(self, recipe: InputRecipe) -> memoryview:
        x = self.allocate(recipe)
        for kind, arg in recipe.steps:
            if kind != "index" or not _first_axis_slice(arg):
                raise NotImplementedError(f"memoryview cannot apply {kind} {arg!r}")
            x = x[arg[0]]  # a tuple key is refused: memoryview wants the slice itself
        return self.finish(recipe, x)

    def protect(self, x: Any) -> memoryview:
        return x.toreadonly()

    def repro_protect(self, name: str) -> list[str]:
        return [f"{name} = {name}.toreadonly()"]

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, memoryview)

    def to_host(self, x: Any) -> np.ndarray:
        return np.array(x, copy=True)

    def dtype_name(self, x: Any) -> str:
        return np.dtype(x.format).name

    def shape(self, x: Any) -> tuple[int, ...]:
        return tuple(x.shape)

    def memory(self, x: Any) -> MemoryReport:
        # The buffer protocol: same bytes, same strides, no copy.
        return numpy_adapter.memory(np.asarray(x))

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return self.to_host(x)[index].item()

    def write(self, x: Any, index: tuple[int, ...], value: Any) -> None:
        x[index] = value

    def fill(self, x: Any, value: Any) -> None:
        for index in np.ndindex(*x.shape):
            x[index] = value

    def assign(self, x: Any, host: np.ndarray) -> None:
        for index in np.ndindex(*x.shape):
            x[index] = host[index].item()

    def base(self, x: Any) -> Any:
        return x.obj

    def flags(self, x: Any) -> dict[str, bool]:
        return {
            "writeable": not x.readonly,
            "c_contiguous": x.c_contiguous,
            "f_contiguous": x.f_contiguous,
        }

    def repro_fill(self, name: str) -> str | None:
        return f"{name}[0] = -1.0"

    def repro_imports(self) -> list[str]:
        return ["import builtins", "import numpy as np"]

    def repro_input(self, recipe: InputRecipe) -> str:
        values = numpy_adapter.repro_input(InputRecipe(recipe.host, (), recipe.dtype))
        fmt = FORMATS.get(recipe.dtype, "?")
        expr = (
            f"memoryview(bytearray(({values}).tobytes()))"
            f".cast({fmt!r}, shape={list(recipe.host.shape)!r})"
        )
        # First-axis slices spelled as memoryview wants them; other steps fail there as here.
        steps = tuple(
            (k, a[0] if k == "index" and _first_axis_slice(a) else a) for k, a in recipe.steps
        )
        return apply_steps_expression(expr, steps, "no_transpose_for_memoryview")

    def repro_report(self) -> list[str]:
        return [
            "print('same object:', y is x)",
            "print('shares memory:', np.shares_memory(np.asarray(x), np.asarray(y))"
            " if isinstance(y, memoryview) else None)",
            "print('obj is x.obj:', getattr(y, 'obj', None) is x.obj, '| readonly:',"
            " getattr(y, 'readonly', None))",
        ]


adapter = MemoryviewAdapter()
