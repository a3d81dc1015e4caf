"""Partial-protocol senders: objects that speak one interchange protocol and nothing else.

A library that receives foreign arrays meets more than NumPy arrays: objects whose
``__array__`` predates NumPy 2's ``copy`` keyword, objects with only ``__array_interface__``,
plain buffer-protocol exporters, and objects with only ``__dlpack__``. Each sender here wraps a
NumPy array and exposes exactly one of those protocols, so the memory witness sees the wrapped
array's bytes and the mutation witness writes through it; receivers (``np.asarray``,
``torch.asarray``, ``jnp.asarray``...) are declared by their own libraries' adapters under
these senders' names. The senders have no namespace and no operations of their own: they only
send (``copyview run exchange``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import Adapter, Capabilities, InputRecipe, MemoryReport
from conformance.adapters.numpy_adapter import adapter as numpy_adapter
from conformance.vocabulary import Profile

#: The class a repro snippet defines for each wrapper (one string: the snippet keeps it whole).
SOURCES: dict[str, str] = {
    "NoCopyKwArray": (
        "class NoCopyKwArray:  # __array__ without NumPy 2's copy keyword\n"
        "    def __init__(self, a):\n"
        "        self._a = a\n"
        "    def __array__(self, dtype=None):\n"
        "        return self._a if dtype is None else self._a.astype(dtype)"
    ),
    "InterfaceOnlyArray": (
        "class InterfaceOnlyArray:  # only __array_interface__\n"
        "    def __init__(self, a):\n"
        "        self._a = a\n"
        "    @property\n"
        "    def __array_interface__(self):\n"
        "        return self._a.__array_interface__"
    ),
    "DLPackOnlyArray": (
        "class DLPackOnlyArray:  # only __dlpack__ and __dlpack_device__\n"
        "    def __init__(self, a):\n"
        "        self._a = a\n"
        "    def __dlpack__(self, **kwargs):\n"
        "        return self._a.__dlpack__(**kwargs)\n"
        "    def __dlpack_device__(self):\n"
        "        return self._a.__dlpack_device__()"
    ),
}

_CLASSES: dict[str, type] = {}
for _name, _source in SOURCES.items():
    # Note: the same source defines the class here and in repro snippets, so a repro runs
    # exactly the object the suite ran.
    exec(_source, {}, _CLASSES)
NoCopyKwArray = _CLASSES["NoCopyKwArray"]
InterfaceOnlyArray = _CLASSES["InterfaceOnlyArray"]
DLPackOnlyArray = _CLASSES["DLPackOnlyArray"]


class ProtocolAdapter(Adapter):
    """A sender wrapping a NumPy array in ``wrapper``; everything is read through the array."""

    library: ClassVar[str] = "numpy"
    alias: ClassVar[str] = "np"
    capabilities: ClassVar[Capabilities] = Capabilities()
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.CONSISTENCY,)
    wrapper: ClassVar[str] = ""

    def wrap(self, a: np.ndarray) -> Any:
        return _CLASSES[self.wrapper](a)

    def unwrap(self, x: Any) -> np.ndarray:
        """The NumPy array whose bytes ``x`` exports."""
        return x._a

    def namespace(self, api: str) -> Any | None:
        return None  # a bare protocol object has no functions

    def from_host(self, host: np.ndarray) -> Any:
        return self.wrap(numpy_adapter.from_host(host))

    def build(self, recipe: InputRecipe) -> Any:
        # The NumPy adapter makes the layout, so every layout it can make can be sent.
        return self.wrap(numpy_adapter.build(recipe))

    def is_array(self, obj: Any) -> bool:
        return type(obj) is _CLASSES.get(self.wrapper)

    def to_host(self, x: Any) -> np.ndarray:
        return numpy_adapter.to_host(self.unwrap(x))

    def dtype_name(self, x: Any) -> str:
        return self.unwrap(x).dtype.name

    def shape(self, x: Any) -> tuple[int, ...]:
        return tuple(self.unwrap(x).shape)

    def memory(self, x: Any) -> MemoryReport:
        return numpy_adapter.memory(self.unwrap(x))

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return numpy_adapter.read(self.unwrap(x), index)

    def write(self, x: Any, index: tuple[int, ...], value: Any) -> None:
        self.unwrap(x)[index] = value

    def fill(self, x: Any, value: Any) -> None:
        self.unwrap(x)[...] = value

    def assign(self, x: Any, host: np.ndarray) -> None:
        self.unwrap(x)[...] = host

    def repro_imports(self) -> list[str]:
        return ["import numpy as np", SOURCES[self.wrapper]]

    def repro_input(self, recipe: InputRecipe) -> str:
        return f"{self.wrapper}({numpy_adapter.repro_input(recipe)})"

    def repro_fill(self, name: str) -> str:
        return f"{name}._a[...] = -1"

    def repro_report(self) -> list[str]:
        return [
            "print('same object:', y is x)",
            "print('shares memory:', np.shares_memory(x._a, np.asarray(y)))",
        ]


class NoCopyKeywordAdapter(ProtocolAdapter):
    """``__array__(self, dtype=None)``: the pre-NumPy-2 signature, no ``copy`` keyword."""

    name: ClassVar[str] = "array-no-copy-kw"
    wrapper: ClassVar[str] = "NoCopyKwArray"


class InterfaceOnlyAdapter(ProtocolAdapter):
    """Only ``__array_interface__`` (no ``__array__``, no buffer, no DLPack)."""

    name: ClassVar[str] = "array-interface-only"
    wrapper: ClassVar[str] = "InterfaceOnlyArray"


class DLPackOnlyAdapter(ProtocolAdapter):
    """Only ``__dlpack__`` and ``__dlpack_device__`` (what the Array API standard requires)."""

    name: ClassVar[str] = "dlpack-only"
    wrapper: ClassVar[str] = "DLPackOnlyArray"


class BufferProtocolAdapter(ProtocolAdapter):
    """A ``memoryview`` of the NumPy array: the buffer protocol (PEP 3118) and nothing else.

    Note: Python classes can export buffers only from 3.12 (``__buffer__``, PEP 688), so the
    exporter is the interpreter's own ``memoryview``; it carries NumPy's format, shape and
    strides, negative ones included.
    """

    name: ClassVar[str] = "buffer-protocol"

    def wrap(self, a: np.ndarray) -> Any:
        return memoryview(a)  # type: ignore[arg-type]  # ndarray exports a buffer

    def unwrap(self, x: Any) -> np.ndarray:
        return np.asarray(x)  # a view: the buffer protocol shares the bytes

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, memoryview)

    def repro_imports(self) -> list[str]:
        return ["import numpy as np"]

    def repro_input(self, recipe: InputRecipe) -> str:
        return f"memoryview({numpy_adapter.repro_input(recipe)})"

    def repro_fill(self, name: str) -> str:
        return f"np.asarray({name})[...] = -1"

    def repro_report(self) -> list[str]:
        return [
            "print('same object:', y is x)",
            "print('shares memory:', np.shares_memory(np.asarray(x), np.asarray(y)))",
        ]


array_no_copy_kw = NoCopyKeywordAdapter()
array_interface_only = InterfaceOnlyAdapter()
buffer_protocol = BufferProtocolAdapter()
dlpack_only = DLPackOnlyAdapter()

#: Every sender, by registered name.
SENDERS: dict[str, ProtocolAdapter] = {
    a.name: a for a in (array_no_copy_kw, array_interface_only, buffer_protocol, dlpack_only)
}
