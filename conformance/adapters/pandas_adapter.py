"""pandas adapter: Series (1-D inputs) and DataFrame (2-D inputs) under copy-on-write.

pandas >= 3 always uses copy-on-write: a derived object may share its parent's bytes, but the
first write through either side copies first, so writes never propagate. The witnesses see
exactly that: the memory witness finds shared bytes and the mutation witness finds no
propagation, so the class is ``copy-on-write``. pandas has no public data address; the layout
comes from ``to_numpy()``, which under copy-on-write returns a *read-only view* of the internal
values when it can and a fresh writeable copy otherwise, so a writeable answer means "cannot
say" (``None``). Writes go through ``iloc``. Results that are NumPy arrays (``to_numpy()``,
``values``) are handled as NumPy arrays; ``ExtensionArray`` results (``pd.array(x)``) are
written through their own ``__setitem__``, which copy-on-write does not guard. pandas has no
0-d or 3-D container, no ``newaxis``: such inputs are not built (``NotImplementedError``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import pandas as pd

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


def _one_or_two_d(o: Operand) -> bool:
    return len(o.shape) in (1, 2)


def _frame(o: Operand) -> bool:
    return len(o.shape) == 2 and o.shape[1] > 0


def _nonempty(o: Operand) -> bool:
    return len(o.shape) in (1, 2) and 0 not in o.shape


def _rename_inplace(xp: Any, x: Any) -> Any:
    x.rename(index=str, inplace=True)
    return x


def _reset_index_inplace(xp: Any, x: Any) -> Any:
    x.reset_index(drop=True, inplace=True)
    return x


def _setitem_child(xp: Any, x: Any) -> Any:
    y = x.iloc[:]
    first = (0,) * y.ndim
    y.iloc[first] = y.iloc[first]
    return y


def _insert_column(xp: Any, x: Any) -> Any:
    y = x.copy(deep=False)
    y["new"] = x[x.columns[0]]
    return y


#: pandas' own spellings of selection and conversion.
OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "pandas-iloc-step",
        "indexing",
        NUMPY_API,
        "{x}.iloc[::2]",
        lambda xp, x: x.iloc[::2],
        _one_or_two_d,
    ),
    Operation(
        "pandas-iloc-first",
        "indexing",
        NUMPY_API,
        "{x}.iloc[0]",
        lambda xp, x: x.iloc[0],
        _nonempty,
    ),
    Operation(
        "pandas-loc-label-slice",
        "indexing",
        NUMPY_API,
        "{x}.loc[{x}.index[0]:]",
        lambda xp, x: x.loc[x.index[0] :],
        _nonempty,
    ),
    Operation(
        "pandas-loc-label-list",
        "advanced-indexing",
        NUMPY_API,
        "{x}.loc[{x}.index[:1]]",
        lambda xp, x: x.loc[x.index[:1]],
        _nonempty,
    ),
    Operation(
        "pandas-column",
        "indexing",
        NUMPY_API,
        "{x}[{x}.columns[0]]",
        lambda xp, x: x[x.columns[0]],
        _frame,
    ),
    Operation(
        "pandas-to-numpy",
        "interchange",
        NUMPY_API,
        "{x}.to_numpy()",
        lambda xp, x: x.to_numpy(),
        _one_or_two_d,
    ),
    Operation(
        "pandas-to-numpy-copy",
        "interchange",
        NUMPY_API,
        "{x}.to_numpy(copy=True)",
        lambda xp, x: x.to_numpy(copy=True),
        _one_or_two_d,
    ),
    Operation(
        "pandas-values",
        "interchange",
        NUMPY_API,
        "{x}.values",
        lambda xp, x: x.values,
        _one_or_two_d,
    ),
    Operation(
        "pandas-copy-shallow",
        "copy",
        NUMPY_API,
        "{x}.copy(deep=False)",
        lambda xp, x: x.copy(deep=False),
        _one_or_two_d,
    ),
    # Metadata-only methods (pandas 3 documents their copy= as ignored: lazy copies under
    # copy-on-write), each next to its inplace=True twin, which returns None and changes x.
    Operation(
        "pandas-rename-labels",
        "metadata",
        NUMPY_API,
        "{x}.rename(index=str)",
        lambda xp, x: x.rename(index=str),
        _one_or_two_d,
    ),
    Operation(
        "pandas-rename-labels-inplace",
        "metadata",
        NUMPY_API,
        "{y} = {x}\n{y}.rename(index=str, inplace=True)",
        _rename_inplace,
        _one_or_two_d,
        statement=True,
        values_matter=True,
    ),
    Operation(
        "pandas-set-axis",
        "metadata",
        NUMPY_API,
        "{x}.set_axis(range(len({x})))",
        lambda xp, x: x.set_axis(range(len(x))),
        _one_or_two_d,
    ),
    Operation(
        "pandas-reset-index",
        "metadata",
        NUMPY_API,
        "{x}.reset_index(drop=True)",
        lambda xp, x: x.reset_index(drop=True),
        _one_or_two_d,
    ),
    Operation(
        "pandas-reset-index-inplace",
        "metadata",
        NUMPY_API,
        "{y} = {x}\n{y}.reset_index(drop=True, inplace=True)",
        _reset_index_inplace,
        _one_or_two_d,
        statement=True,
        values_matter=True,
    ),
    Operation(
        "pandas-astype-same",
        "dtype",
        NUMPY_API,
        "{x}.astype({dtype})",
        lambda xp, x, dtype: x.astype(dtype),
        _one_or_two_d,
        params=lambda o: {"dtype": o.dtype},
    ),
    Operation(
        "pandas-astype-other",
        "dtype",
        NUMPY_API,
        "{x}.astype({dtype})",
        lambda xp, x, dtype: x.astype(dtype),
        _one_or_two_d,
        params=lambda o: {"dtype": "float32" if o.dtype != "float32" else "float64"},
    ),
    # A write through a copy-on-write child: the child copies first, the parent keeps its values.
    Operation(
        "pandas-setitem-child",
        "indexing",
        NUMPY_API,
        "{y} = {x}.iloc[:]\n{y}.iloc[(0,) * {y}.ndim] = {y}.iloc[(0,) * {y}.ndim]",
        _setitem_child,
        _nonempty,
        statement=True,
        values_matter=True,
    ),
    # df[c] = column: a new column from another column of the frame.
    Operation(
        "pandas-insert-column",
        "metadata",
        NUMPY_API,
        "{y} = {x}.copy(deep=False)\n{y}['new'] = {x}[{x}.columns[0]]",
        _insert_column,
        _frame,
        statement=True,
    ),
)


def _pandas(obj: Any) -> bool:
    return isinstance(obj, (pd.Series, pd.DataFrame))


def _extension(obj: Any) -> bool:
    """pandas' 1-D ``ExtensionArray`` (what ``pd.array`` and ``Series.array`` return)."""
    return isinstance(obj, pd.api.extensions.ExtensionArray)


_PD = ("import pandas as pd",)
_NP = ("import numpy as np",)

# What each call promises, from pandas' own docstrings (pandas 3.1, the ``copy`` parameter of
# https://pandas.pydata.org/docs/reference/api/pandas.Series.html, .DataFrame.html,
# .Index.html, .array.html, .Series.to_numpy.html and .Series.array.html):
# Series/Index "Defaults to True for array input"; "Set to False to avoid copying array input";
# DataFrame "For DataFrame or 2d ndarray input, the default of None behaves like copy=False";
# pd.array "copy : bool, default True. Whether to copy the data, even if not necessary";
# to_numpy "copy=True ensure[s] that a copy is made"; Series.array is "a no-copy reference to
# the underlying data" (Series.to_numpy's notes).

#: pandas' constructors that take another library's array, and its conversions to others.
HANDOFFS: tuple[Handoff, ...] = (
    *(
        Handoff(sender, "pandas", "pd.Series({x})", pd.Series, _PD, Declared.COPY, (1,))
        for sender in ("numpy", "torch", *PROTOCOL_SENDERS)
    ),
    Handoff(
        "numpy",
        "pandas",
        "pd.Series({x}, copy=True)",
        lambda x: pd.Series(x, copy=True),
        _PD,
        Declared.COPY,
        (1,),
    ),
    Handoff(
        "numpy",
        "pandas",
        "pd.Series({x}, copy=False)",
        lambda x: pd.Series(x, copy=False),
        _PD,
        Declared.SHARE,
        (1,),
    ),
    Handoff("numpy", "pandas", "pd.Index({x})", pd.Index, _PD, Declared.COPY, (1,)),
    Handoff(
        "numpy",
        "pandas",
        "pd.Index({x}, copy=False)",
        lambda x: pd.Index(x, copy=False),
        _PD,
        Declared.SHARE,
        (1,),
    ),
    Handoff("numpy", "pandas", "pd.array({x})", pd.array, _PD, Declared.COPY, (1,)),
    Handoff(
        "numpy",
        "pandas",
        "pd.array({x}, copy=False)",
        lambda x: pd.array(x, copy=False),
        _PD,
        ndims=(1,),
    ),
    Handoff("numpy", "pandas", "pd.DataFrame({x})", pd.DataFrame, _PD, Declared.SHARE, (2,)),
    Handoff(
        "numpy",
        "pandas",
        "pd.DataFrame({x}, copy=True)",
        lambda x: pd.DataFrame(x, copy=True),
        _PD,
        Declared.COPY,
        (2,),
    ),
    Handoff(
        "numpy",
        "pandas",
        "pd.DataFrame({x}, copy=False)",
        lambda x: pd.DataFrame(x, copy=False),
        _PD,
        Declared.SHARE,
        (2,),
    ),
    Handoff("torch", "pandas", "pd.DataFrame({x})", pd.DataFrame, _PD, ndims=(2,)),
    Handoff(
        "pyarrow",
        "pandas",
        "pd.Series({x}, dtype=pd.ArrowDtype({x}.type))",
        lambda x: pd.Series(x, dtype=pd.ArrowDtype(x.type)),
        _PD,
        ndims=(1,),
    ),
    # pandas to pandas: a new object over a pandas one, under copy-on-write.
    Handoff("pandas", "pandas", "pd.Series({x})", pd.Series, _PD, ndims=(1,)),
    Handoff(
        "pandas",
        "pandas",
        "pd.Series({x}, copy=True)",
        lambda x: pd.Series(x, copy=True),
        _PD,
        Declared.COPY,
        (1,),
    ),
    Handoff("pandas", "pandas", "pd.DataFrame({x})", pd.DataFrame, _PD, ndims=(2,)),
    Handoff(
        "pandas", "pandas", "{x}.array", lambda x: x.array, declared=Declared.SHARE, ndims=(1,)
    ),
    # pandas to xarray: under copy-on-write the DataArray wraps pandas' read-only view, so it
    # refuses writes (pydata/xarray#11527).
    Handoff("pandas", "xarray", "{x}.to_xarray()", lambda x: x.to_xarray()),
    # pandas to NumPy.
    Handoff("pandas", "numpy", "{x}.to_numpy()", lambda x: x.to_numpy()),
    Handoff(
        "pandas",
        "numpy",
        "{x}.to_numpy(copy=True)",
        lambda x: x.to_numpy(copy=True),
        declared=Declared.COPY,
    ),
    Handoff("pandas", "numpy", "{x}.to_numpy(copy=False)", lambda x: x.to_numpy(copy=False)),
    Handoff("pandas", "numpy", "{x}.values", lambda x: x.values),
    Handoff(
        "pandas",
        "numpy",
        "np.asarray({x}.array)",
        lambda x: np.asarray(x.array),
        _NP,
        ndims=(1,),
    ),
    Handoff(
        "pandas",
        "numpy",
        "np.array({x}, copy=True)",
        lambda x: np.array(x, copy=True),
        _NP,
        Declared.COPY,
    ),
)


def _container(values: np.ndarray, copy: bool) -> Any:
    """A Series (1-D) or DataFrame (2-D) of ``values``."""
    if values.ndim == 1:
        return pd.Series(values, copy=copy)
    if values.ndim == 2:
        return pd.DataFrame(values, copy=copy)
    raise NotImplementedError(f"pandas has no {values.ndim}-D container")


def _repro_steps(expr: str, recipe: InputRecipe) -> str:
    """``expr`` with the recipe's view steps, as :meth:`PandasAdapter.build` applies them."""
    for step_kind, arg in recipe.steps:
        if step_kind == "permute":
            expr = f"{expr}.T"
        else:
            key = arg[0] if len(arg) == 1 else arg
            expr = apply_steps_expression(f"{expr}.iloc", (("index", key),), "")
    return expr


class PandasAdapter(Adapter):
    """Series and DataFrame, written through ``iloc``; no claims (pandas makes none)."""

    name: ClassVar[str] = "pandas"
    library: ClassVar[str] = "pandas"
    alias: ClassVar[str] = "pd"
    capabilities: ClassVar[Capabilities] = Capabilities()
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.CONSISTENCY,)
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS

    def namespace(self, api: str) -> Any | None:
        # Methods with NumPy's names run on Series/DataFrame; pd.<function> mostly is missing.
        return pd if api == NUMPY_API else None

    def from_host(self, host: np.ndarray) -> Any:
        return _container(host, copy=True)

    def place(self, host: np.ndarray, align: int) -> Any:
        # A Series or DataFrame over a placed ndarray, not copied: the address a pandas user
        # gets by wrapping a buffer they own. Placing through a slice and an iloc write (the
        # default) copies on write, so the bytes would land wherever malloc puts them.
        if host.ndim not in (1, 2):
            raise NotImplementedError(f"pandas has no {host.ndim}-D container")
        return _container(numpy_adapter.place(host, align), copy=False)

    def build(self, recipe: InputRecipe) -> Any:
        x = self.allocate(recipe)
        for kind, arg in recipe.steps:
            if kind == "permute" and isinstance(x, pd.DataFrame):
                x = x.T
            elif kind == "index" and None not in arg and len(arg) == x.ndim:
                x = x.iloc[arg[0] if len(arg) == 1 else arg]
            else:
                raise NotImplementedError(f"pandas cannot apply {kind} {arg!r}")
        return self.finish(recipe, x)

    def is_array(self, obj: Any) -> bool:
        return _pandas(obj) or _extension(obj) or isinstance(obj, (pd.Index, np.ndarray))

    def to_host(self, x: Any) -> np.ndarray:
        values = x.to_numpy() if _pandas(x) or _extension(x) or isinstance(x, pd.Index) else x
        return np.array(values, copy=True, order="C")

    def dtype_name(self, x: Any) -> str:
        if isinstance(x, pd.DataFrame):
            kinds = {dtype.name for dtype in x.dtypes}
            return kinds.pop() if len(kinds) == 1 else x.to_numpy().dtype.name
        return getattr(x.dtype, "numpy_dtype", x.dtype).name

    def memory(self, x: Any) -> MemoryReport | None:
        if isinstance(x, pd.arrays.NumpyExtensionArray):
            return numpy_adapter.memory(np.asarray(x))  # the wrapped ndarray, no copy
        if _extension(x):
            return None  # masked or Arrow-backed: no single byte layout
        if isinstance(x, pd.Index):
            values = x.to_numpy()  # read-only when it is the Index's own buffer
            return None if values.flags.writeable else numpy_adapter.memory(values)
        if not _pandas(x):
            return numpy_adapter.memory(x)
        values = x.to_numpy()
        if values.flags.writeable:  # a fresh copy, not pandas' own buffer: cannot say
            return None
        report = numpy_adapter.memory(values)
        return MemoryReport(report.layout, readonly=False)  # iloc writes are allowed

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return self.to_host(x)[index].item()

    def write(self, x: Any, index: tuple[int, ...], value: Any) -> None:
        if _pandas(x):
            x.iloc[index] = value
        elif _extension(x):
            x[index[0]] = value
        else:
            x[index] = value

    def fill(self, x: Any, value: Any) -> None:
        if isinstance(x, pd.DataFrame):
            x.iloc[:, :] = value
        elif isinstance(x, pd.Series):
            x.iloc[:] = value
        elif _extension(x):
            x[:] = value
        else:
            x[...] = value

    def assign(self, x: Any, host: np.ndarray) -> None:
        if isinstance(x, pd.DataFrame):
            x.iloc[:, :] = host
        elif isinstance(x, pd.Series):
            x.iloc[:] = host
        elif _extension(x):
            x[:] = host
        else:
            x[...] = host

    def repro_fill(self, name: str) -> str | None:
        return f"{name}.iloc[(slice(None),) * {name}.ndim] = -1"

    def repro_imports(self) -> list[str]:
        return ["import numpy as np", "import pandas as pd"]

    def repro_place(self, recipe: InputRecipe, name: str) -> list[str]:
        placed = InputRecipe(recipe.host, (), recipe.dtype, recipe.align)
        kind = "Series" if recipe.host.ndim == 1 else "DataFrame"
        expr = _repro_steps(f"pd.{kind}(_values, copy=False)", recipe)
        return [*numpy_adapter.repro_lines(placed, "_values"), f"{name} = {expr}"]

    def repro_input(self, recipe: InputRecipe) -> str:
        values = numpy_adapter.repro_input(InputRecipe(recipe.host, (), recipe.dtype))
        kind = "Series" if recipe.host.ndim == 1 else "DataFrame"
        return _repro_steps(f"pd.{kind}({values}, copy=True)", recipe)

    def repro_report(self) -> list[str]:
        return [
            "def _values(a):",
            "    return a.to_numpy() if hasattr(a, 'to_numpy') else np.asarray(a)",
            "print('same object:', y is x)",
            "print('shares memory:', np.shares_memory(_values(x), _values(y)))",
            "y_before = _values(y).copy()",
            "x.iloc[(0,) * x.ndim] = -1  # copy-on-write: the write copies x first",
            "print('write through x seen in y:', not np.array_equal(_values(y), y_before))",
        ]


adapter = PandasAdapter()
