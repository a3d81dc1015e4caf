"""sparse adapter: pydata/sparse ``COO`` arrays, an Array API library with no dense buffer.

A ``COO`` array stores coordinates and values (``.coords``, ``.data``); ``.data`` holds the
stored non-zeros, not the dense array, so no byte layout describes a ``COO`` array and the
memory witness has nothing to compare (``None``). ``COO`` refuses item assignment, so the
mutation witness does not run either: only identity (``same-object``), errors and scalars are
observable, and the class of a new array is ``immutable``. The mutable ``DOK`` format is
reached through :data:`OPERATIONS` (``asformat('dok')``); writes into it never reach the
``COO`` it came from, which the tests check.

Speed: sparse's kernels are Numba functions, and compiling them for each dtype and layout was
nearly all of a run (about 43 s of 45). The worker runs them as the plain Python they are
written in (:mod:`conformance.adapters.numba_mode`; ``COPYVIEW_SPARSE_JIT=1`` keeps the
compiler): the same code and the same NumPy calls, so the same copies and views, which a test
checks against a compiled run.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from conformance.adapters.base import (
    ARRAY_API,
    NUMPY_API,
    Adapter,
    Capabilities,
    InputRecipe,
    MemoryReport,
    apply_steps_expression,
)
from conformance.adapters.numba_mode import interpreted
from conformance.adapters.numpy_adapter import adapter as numpy_adapter
from conformance.model.handoffs import PROTOCOL_SENDERS, Handoff
from conformance.model.operations import Operation
from conformance.vocabulary import Declared, Profile

with interpreted():
    import sparse

#: sparse's own conversions between formats and to dense.
OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "sparse-asformat-dok",
        "copy",
        NUMPY_API,
        "{x}.asformat('dok')",
        lambda xp, x: x.asformat("dok"),
    ),
    Operation(
        "sparse-asformat-coo",
        "copy",
        NUMPY_API,
        "{x}.asformat('coo')",
        lambda xp, x: x.asformat("coo"),
    ),
    Operation(
        "sparse-todense", "interchange", NUMPY_API, "{x}.todense()", lambda xp, x: x.todense()
    ),
    Operation("sparse-copy", "copy", NUMPY_API, "{x}.copy()", lambda xp, x: x.copy()),
    Operation(
        "sparse-asformat-gcxs",
        "copy",
        NUMPY_API,
        "{x}.asformat('gcxs')",
        lambda xp, x: x.asformat("gcxs"),
    ),
    Operation(
        "sparse-astype-same-copy-false",
        "dtype",
        NUMPY_API,
        "{x}.astype({x}.dtype, copy=False)",
        lambda xp, x: x.astype(x.dtype, copy=False),
    ),
    Operation(
        "sparse-reshape-method",
        "reshape",
        NUMPY_API,
        "{x}.reshape(({x}.size,))",
        lambda xp, x: x.reshape((x.size,)),
    ),
)


_SP = ("import sparse",)

# sparse.asarray follows the Array API standard's copy= ("copy=False: never copy, raise
# ValueError if a copy is needed"; https://data-apis.org/array-api/latest/API_specification/
# generated/array_api.asarray.html); a dense array in a sparse format always needs one.

#: sparse's constructors over a dense array, and its conversion back to NumPy.
HANDOFFS: tuple[Handoff, ...] = (
    *(
        Handoff(sender, "sparse", "sparse.asarray({x})", sparse.asarray, _SP)
        for sender in ("numpy", *PROTOCOL_SENDERS)
    ),
    Handoff(
        "numpy",
        "sparse",
        "sparse.asarray({x}, copy=True)",
        lambda x: sparse.asarray(x, copy=True),
        _SP,
        Declared.COPY,
    ),
    Handoff(
        "numpy",
        "sparse",
        "sparse.asarray({x}, copy=False)",
        lambda x: sparse.asarray(x, copy=False),
        _SP,
        Declared.SHARE,
    ),
    Handoff("numpy", "sparse", "sparse.COO.from_numpy({x})", sparse.COO.from_numpy, _SP),
    Handoff("numpy", "sparse", "sparse.GCXS.from_numpy({x})", sparse.GCXS.from_numpy, _SP),
    Handoff("sparse", "numpy", "{x}.todense()", lambda x: x.todense()),
    Handoff("sparse", "sparse", "sparse.asarray({x})", sparse.asarray, _SP),
    Handoff(
        "sparse",
        "sparse",
        "sparse.asarray({x}, copy=True)",
        lambda x: sparse.asarray(x, copy=True),
        _SP,
        Declared.COPY,
    ),
    Handoff(
        "sparse",
        "sparse",
        "sparse.asarray({x}, copy=False)",
        lambda x: sparse.asarray(x, copy=False),
        _SP,
        Declared.SHARE,
    ),
)


class SparseAdapter(Adapter):
    """``sparse.COO`` through the library's Array API namespace and its NumPy-like methods."""

    name: ClassVar[str] = "sparse"
    library: ClassVar[str] = "sparse"
    alias: ClassVar[str] = "sparse"
    capabilities: ClassVar[Capabilities] = Capabilities(mutable=False, immutable=True)
    promised_profiles: ClassVar[tuple[Profile, ...]] = (Profile.CONSISTENCY,)
    operations: ClassVar[tuple[Operation, ...]] = OPERATIONS
    handoffs: ClassVar[tuple[Handoff, ...]] = HANDOFFS

    def namespace(self, api: str) -> Any | None:
        # One namespace serves both: it is the Array API namespace and mirrors NumPy's names.
        return sparse if api in (ARRAY_API, NUMPY_API) else None

    def from_host(self, host: np.ndarray) -> Any:
        return sparse.COO.from_numpy(np.array(host, copy=True))

    def build(self, recipe: InputRecipe) -> Any:
        x = self.allocate(recipe)
        for kind, arg in recipe.steps:
            x = x[arg] if kind == "index" else x.transpose(arg)
        return self.finish(recipe, x)

    def permute(self, x: Any, axes: tuple[int, ...]) -> Any:
        return x.transpose(axes)

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, (sparse.SparseArray, np.ndarray))

    def to_host(self, x: Any) -> np.ndarray:
        dense = x if isinstance(x, np.ndarray) else x.todense()
        return np.array(dense, copy=True, order="C")

    def dtype_name(self, x: Any) -> str:
        return np.dtype(x.dtype).name

    def memory(self, x: Any) -> MemoryReport | None:
        # Only a dense result (todense) has a byte layout; a sparse array's bytes are not it.
        return numpy_adapter.memory(x) if isinstance(x, np.ndarray) else None

    def read(self, x: Any, index: tuple[int, ...]) -> Any:
        return self.to_host(x)[index].item()

    def repro_imports(self) -> list[str]:
        return ["import numpy as np", "import sparse"]

    def repro_input(self, recipe: InputRecipe) -> str:
        values = numpy_adapter.repro_input(InputRecipe(recipe.host, (), recipe.dtype))
        return apply_steps_expression(
            f"sparse.COO.from_numpy({values})", recipe.steps, "sparse.permute_dims"
        )

    def repro_report(self) -> list[str]:
        return [
            "print('same object:', y is x)",
            "print('stored values shared:', np.shares_memory(x.data, y.data)"
            " if hasattr(y, 'coords') else None)",
        ]


adapter = SparseAdapter()
