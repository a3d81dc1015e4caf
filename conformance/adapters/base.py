"""The adapter contract: everything the suite needs to know about one array library.

An adapter is the only code that knows a library. The suite asks it to make arrays from host
data (NumPy arrays), to report an array's memory layout, to read and write values, and to relay
what the library itself claims (``.base``, ``shares_memory``, flags). Anything a library cannot
report is ``None``, never a guess. Subclass :class:`Adapter` and override what your library
needs; the defaults work for any library that implements the Array API standard and DLPack.
See ``docs/reference/adapters.md``.
"""

from __future__ import annotations

import importlib.metadata
import types
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from conformance.model.handoffs import Handoff
from conformance.model.inputs import ALIGNMENT, InputRecipe
from conformance.model.operations import Operation
from conformance.vocabulary import Api, Profile
from reference_impl.layout import Layout

#: The two kinds of namespace an operation can be written against.
NUMPY_API = Api.NUMPY
ARRAY_API = Api.ARRAY_API

#: What syntax operations get from a library with no namespace at all.
NO_NAMESPACE = types.SimpleNamespace()

#: Dtype names the suite knows, in NumPy's spelling.
DTYPE_NAMES = (
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float16",
    "float32",
    "float64",
    "complex64",
    "complex128",
)

#: Flag names the suite compares; an adapter may report any subset.
FLAG_NAMES = ("owndata", "writeable", "c_contiguous", "f_contiguous")


@dataclass(frozen=True)
class Capabilities:
    """What a library can do, declared so the suite never has to guess.

    ``mutable``: arrays accept in-place writes. ``immutable``: they never do (JAX); the
    mutation witness is then not run. ``lazy``: values are computed on demand (Dask), so
    writes may rewrite a graph instead of bytes. ``has_base`` / ``has_shares_memory``: the
    library makes those claims. ``device``: where the arrays live (``"cpu"``, ``"cuda:0"``).
    """

    mutable: bool = True
    immutable: bool = False
    lazy: bool = False
    has_base: bool = False
    has_shares_memory: bool = False
    device: str = "cpu"

    def as_dict(self) -> dict[str, Any]:
        return {
            "mutable": self.mutable,
            "immutable": self.immutable,
            "lazy": self.lazy,
            "has_base": self.has_base,
            "has_shares_memory": self.has_shares_memory,
            "device": self.device,
        }


@dataclass(frozen=True)
class MemoryReport:
    """Where an array's bytes are: a layout whose offset is an absolute address."""

    layout: Layout
    readonly: bool | None = None


class Adapter:
    """Base class of every backend adapter; defaults speak the Array API and DLPack.

    Required: ``name``, ``library`` and either a namespace (``array_api``) or overrides of
    :meth:`namespace`. Everything else has a default that works for a mutable Array API
    library whose arrays support ``__dlpack__`` on the CPU.
    """

    #: Registered name (``copyview run NAME``); also the results file stem.
    name: ClassVar[str] = ""
    #: Distribution / import name of the library, shown in results.
    library: ClassVar[str] = ""
    #: What the repro snippet calls the namespace: ``np``, ``xp``, ``torch``...
    alias: ClassVar[str] = "xp"
    capabilities: ClassVar[Capabilities] = Capabilities()
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.ARRAY_API, Profile.CONSISTENCY)
    #: The library's own operations (``df.iloc[::2]``, ``arr.cast(...)``), run on every
    #: curated input they apply to, besides the catalogue; ids must not reuse catalogue ids.
    operations: ClassVar[tuple[Operation, ...]] = ()
    #: The hand-offs whose call is this library's: its constructors and converters that take
    #: another library's array (``torch.from_numpy``), and its own methods that hand an array
    #: to another library (``t.numpy()``). The exchange section runs them.
    handoffs: ClassVar[tuple[Handoff, ...]] = ()

    # -- identity -------------------------------------------------------------------------

    @property
    def version(self) -> str:
        """The library's version: its installed distribution's, else the namespace's
        ``__version__`` (namespaces such as ``array_api_compat.torch`` carry their own)."""
        try:
            return importlib.metadata.version(self.library)
        except (importlib.metadata.PackageNotFoundError, ValueError):
            module = self.namespace(ARRAY_API) or self.namespace(NUMPY_API)
            return str(getattr(module, "__version__", "unknown"))

    @property
    def adapter_path(self) -> str:
        """``module:attribute`` of this adapter, recorded in results."""
        return f"{type(self).__module__}:{type(self).__qualname__}"

    def namespace(self, api: str) -> Any | None:
        """The namespace operations of kind ``api`` (``numpy`` / ``array-api``) run against.

        ``None`` means the library has no such namespace: those operations are
        ``not-applicable``.
        """
        return None

    def namespace_for(self, api: Api) -> Any | None:
        """The namespace an operation of kind ``api`` runs against (``None``: not-applicable).

        Syntax needs no namespace: it gets the Array API namespace, else the NumPy-style one,
        else an empty one (an operation that reaches for ``xp.asarray`` then finds the library
        lacks it, which is recorded as missing).
        """
        if api == Api.SYNTAX:
            return self.namespace(ARRAY_API) or self.namespace(NUMPY_API) or NO_NAMESPACE
        return self.namespace(api)

    def array_api(self) -> Any:
        """The Array API namespace, for the defaults below that need one."""
        xp = self.namespace(ARRAY_API)
        if xp is None:
            raise NotImplementedError(
                f"{self.name} has no Array API namespace; override "
                "from_host, permute and dtype_name in its adapter"
            )
        return xp

    # -- making and inspecting arrays -----------------------------------------------------

    def from_host(self, host: np.ndarray) -> Any:
        """A new, owning, writeable, C-contiguous array with ``host``'s values and dtype."""
        xp = self.array_api()
        dtype = getattr(xp, host.dtype.name)
        if host.size == 0:  # nested lists cannot spell a shape like (0, 3)
            return xp.zeros(host.shape, dtype=dtype)
        return xp.asarray(host.tolist(), dtype=dtype)

    def build(self, recipe: InputRecipe) -> Any:
        """The input array described by ``recipe``: :meth:`allocate`, the view steps, then
        :meth:`finish` (read-only where asked)."""
        x = self.allocate(recipe)
        for kind, arg in recipe.steps:
            x = x[arg] if kind == "index" else self.permute(x, arg)
        return self.finish(recipe, x)

    def allocate(self, recipe: InputRecipe) -> Any:
        """The array the view steps start from: :meth:`from_host`, or :meth:`place` when the
        recipe asks for a placement relative to a 64-byte boundary."""
        if recipe.align is None:
            return self.from_host(recipe.host)
        return self.place(recipe.host, recipe.align)

    def finish(self, recipe: InputRecipe, x: Any) -> Any:
        """``x`` made read-only (:meth:`protect`) when the recipe asks for it."""
        return self.protect(x) if recipe.readonly else x

    def place(self, host: np.ndarray, align: int) -> Any:
        """A writeable array with ``host``'s values and shape whose first element starts
        ``align`` bytes past a 64-byte boundary.

        Default: allocate a longer flat array, find its address (:meth:`memory`), slice it at
        the right element, write the values and reshape (a view of a contiguous slice). A
        library that cannot say where its bytes are, or whose arrays cannot start there (an
        address that is not a multiple of the itemsize), raises ``NotImplementedError``: the
        input does not exist in that library.
        """
        itemsize = host.dtype.itemsize
        if self.capabilities.immutable or not self.capabilities.mutable:
            raise NotImplementedError(f"{self.name} arrays take no writes to place values with")
        if align % itemsize:
            raise NotImplementedError(
                f"{self.name} arrays of {host.dtype.name} start at multiples of {itemsize} bytes"
            )
        n = host.size
        flat = self.from_host(np.zeros(n + ALIGNMENT // itemsize, dtype=host.dtype))
        report = self.memory(flat)
        if report is None:
            raise NotImplementedError(f"{self.name} does not say where its arrays' bytes are")
        k = ((align - report.layout.offset) % ALIGNMENT) // itemsize
        x = flat[k : k + n]
        self.assign(x, host.ravel())
        if host.ndim != 1:  # the array's own method where it has one (NumPy, torch, ma)
            xp = self.namespace(ARRAY_API) or self.namespace(NUMPY_API) or NO_NAMESPACE
            if hasattr(x, "reshape"):
                x = x.reshape(host.shape)
            elif hasattr(xp, "reshape"):
                x = xp.reshape(x, host.shape)
            else:
                raise NotImplementedError(f"{self.name} cannot reshape a placed buffer")
        placed = self.memory(x)
        if placed is None or placed.layout.offset % ALIGNMENT != align:
            raise NotImplementedError(f"{self.name} moved the placed buffer")
        return x

    def protect(self, x: Any) -> Any:
        """``x`` made read-only (a library without read-only arrays raises
        ``NotImplementedError``: the input does not exist there)."""
        raise NotImplementedError(f"{self.name} has no read-only arrays")

    def permute(self, x: Any, axes: tuple[int, ...]) -> Any:
        """Axes permutation as a view where the library can (``permute_dims``)."""
        return self.array_api().permute_dims(x, axes)

    def is_array(self, obj: Any) -> bool:
        """True for the library's array type (False for Python or library scalars)."""
        return hasattr(obj, "__dlpack__") and hasattr(obj, "shape") and hasattr(obj, "dtype")

    def to_host(self, x: Any) -> np.ndarray:
        """The values of ``x`` as a NumPy array (a copy, C order, same dtype name)."""
        return np.array(np.from_dlpack(x), copy=True)

    def dtype_name(self, x: Any) -> str:
        """The dtype's canonical NumPy-style name (``float64``, ``int8``, ``bool``...).

        Default: compare with the namespace's dtype objects, the only portable way (the
        standard gives dtypes no name).
        """
        xp = self.namespace(ARRAY_API)
        for name in DTYPE_NAMES:
            if getattr(xp, name, None) is not None and x.dtype == getattr(xp, name):
                return name
        return str(x.dtype)

    def shape(self, x: Any) -> tuple[int, ...]:
        return tuple(int(n) for n in x.shape)

    def memory(self, x: Any) -> MemoryReport | None:
        """Absolute address, shape, byte strides, itemsize and read-only flag of ``x``.

        Default: view ``x`` through DLPack as a NumPy array (zero-copy on the CPU) and read
        its ``__array_interface__``. ``None`` when the library cannot say (lazy, device).
        """
        try:
            view = np.from_dlpack(x)
        except Exception:
            return None
        return memory_from_interface(view.__array_interface__, view.itemsize, view.strides)

    # -- reading and writing --------------------------------------------------------------

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        """One element as a Python scalar."""
        value = x[index]
        if self.is_array(value):
            return self.to_host(value).item()
        return value.item() if hasattr(value, "item") else value

    def write(self, x: Any, index: tuple[int, ...], value: Any) -> None:
        """Write one element in place (raise if the library refuses)."""
        x[index] = value

    def fill(self, x: Any, value: Any) -> None:
        """Write ``value`` into every element in place (raise if the library refuses)."""
        x[...] = value

    def assign(self, x: Any, host: np.ndarray) -> None:
        """Write ``host``'s values back into ``x`` in place (used to restore after a probe)."""
        x[...] = self.from_host(host)

    # -- what the library claims ----------------------------------------------------------

    def base(self, x: Any) -> Any:
        """The object ``x`` claims as its base (only called when ``has_base``)."""
        raise NotImplementedError

    def shares_memory(self, a: Any, b: Any) -> bool | None:
        """The library's exact overlap answer, or ``None`` when it has none."""
        return None

    def may_share_memory(self, a: Any, b: Any) -> bool | None:
        """The library's bounds-only overlap answer, or ``None`` when it has none."""
        return None

    def flags(self, x: Any) -> dict[str, bool] | None:
        """Any of :data:`FLAG_NAMES` the library reports, or ``None``."""
        return None

    # -- repro snippets -------------------------------------------------------------------

    def repro_imports(self) -> list[str]:
        """Import lines of a snippet that uses the library alone."""
        return [f"import {self.library.replace('-', '_')} as {self.alias}"]

    def repro_lines(self, recipe: InputRecipe, name: str = "x") -> list[str]:
        """Statements binding ``name`` to ``recipe``'s input, in the library's own words:
        :meth:`repro_input`, with the placement and read-only steps it cannot express."""
        if recipe.align is None:
            lines = [f"{name} = {self.repro_input(recipe)}"]
        else:
            lines = self.repro_place(recipe, name)
        if recipe.readonly:
            lines += self.repro_protect(name)
        return lines

    def repro_place(self, recipe: InputRecipe, name: str) -> list[str]:
        """Statements placing the input's first element ``recipe.align`` bytes past a 64-byte
        boundary, as :meth:`place` does, then applying the view steps."""
        xp, host, itemsize = self.alias, recipe.host, recipe.host.dtype.itemsize
        flat_values = InputRecipe(
            np.zeros(host.size + ALIGNMENT // itemsize, host.dtype), (), recipe.dtype
        )
        values = InputRecipe(host.ravel(), (), recipe.dtype)
        lines = [
            "import numpy",
            f"_flat = {self.repro_input(flat_values)}",
            "_i = getattr(_flat, '__array_interface__', None) or "
            "numpy.from_dlpack(_flat).__array_interface__",
            f"_k = (({recipe.align} - _i['data'][0]) % {ALIGNMENT}) // {itemsize}",
            f"{name} = _flat[_k:_k + {host.size}]",
            f"{name}[...] = {self.repro_input(values)}",
        ]
        if host.ndim != 1:
            lines.append(f"{name} = {xp}.reshape({name}, {host.shape!r})")
        steps = apply_steps_expression(name, recipe.steps, f"{xp}.permute_dims")
        return lines if steps == name else [*lines, f"{name} = {steps}"]

    def repro_protect(self, name: str) -> list[str]:
        """Statements making the array ``name`` read-only, as :meth:`protect` does."""
        return [f"{name}.flags.writeable = False"]

    def repro_input(self, recipe: InputRecipe) -> str:
        """An expression building ``recipe``'s input in the library's own words."""
        xp = self.alias
        host = recipe.host
        values = host.ravel().tolist()
        expr = f"{xp}.reshape({xp}.asarray({values!r}, dtype={xp}.{recipe.dtype}), {host.shape!r})"
        return apply_steps_expression(expr, recipe.steps, f"{xp}.permute_dims")

    def repro_fill(self, name: str) -> str | None:
        """A source line writing -1 into every element of the array ``name`` (``None``: the
        library's arrays take no writes)."""
        caps = self.capabilities
        return f"{name}[...] = -1" if caps.mutable and not caps.immutable else None

    def repro_report(self) -> list[str]:
        """Lines that print what the witnesses see for ``x`` (input) and ``y`` (result)."""
        return [
            "import numpy",
            "def _sharing(a, b):",
            "    try:",
            "        return numpy.shares_memory(numpy.from_dlpack(a), numpy.from_dlpack(b))",
            "    except Exception as e:",
            "        return f'no DLPack view ({type(e).__name__})'",
            "print('same object:', y is x)",
            "print('shares memory:', _sharing(x, y))",
        ]


def memory_from_interface(
    interface: dict[str, Any], itemsize: int, strides: tuple[int, ...]
) -> MemoryReport:
    """A :class:`MemoryReport` from an ``__array_interface__`` dict and the array's strides.

    Note: the interface leaves ``strides`` out for C-contiguous arrays, and recomputing them
    is not always what the array has (an empty array keeps its view's strides), so the
    array's own strides are passed in.
    """
    address, readonly = interface["data"]
    return MemoryReport(
        Layout(address, tuple(interface["shape"]), tuple(strides), itemsize), bool(readonly)
    )


def flags_by_name(flags: Any, names: tuple[str, ...] = FLAG_NAMES) -> dict[str, bool]:
    """The named flags of a NumPy-style ``flags`` object, as plain booleans."""
    return {name: bool(getattr(flags, name)) for name in names}


def numpy_style_report(alias: str) -> list[str]:
    """Repro lines printing identity, ``shares_memory`` and ``.base`` for a NumPy-like library."""
    return [
        "print('same object:', y is x)",
        f"print('shares memory:', {alias}.shares_memory(x, y) if hasattr(y, 'base') else None)",
        "b = getattr(y, 'base', None)",
        "print('base is x:', b is x, '| base is None:', b is None)",
    ]


def format_key(key: Any) -> str:
    """Python source for an index key: ``(slice(None, None, 2), 0)`` -> ``:, ::2, 0``."""
    parts = key if isinstance(key, tuple) else (key,)
    out = []
    for part in parts:
        if isinstance(part, slice):
            text = ":".join("" if v is None else str(v) for v in (part.start, part.stop))
            out.append(text if part.step is None else f"{text}:{part.step}")
        elif part is None:
            out.append("None")
        elif part is Ellipsis:
            out.append("...")
        else:
            out.append(repr(part))
    if not out:
        return "()"
    return ", ".join(out) + ("," if len(out) == 1 and not isinstance(parts[0], slice) else "")


def apply_steps_expression(expr: str, steps: tuple[tuple[str, Any], ...], permute: str) -> str:
    """``expr`` followed by the recipe's view steps, as source text."""
    for kind, arg in steps:
        expr = f"{expr}[{format_key(arg)}]" if kind == "index" else f"{permute}({expr}, {arg!r})"
    return expr
