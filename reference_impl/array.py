"""The `ndarray` class: a buffer, a layout, a dtype, a base and flags; behaviour lives elsewhere.

This module holds the memory model and the constructors every other module uses:
`allocate` (a fresh array that owns its buffer) and `make_view` (a new array on an existing
buffer, with NumPy's ``.base`` collapse rule). The methods delegate to the modules that own
each concept (indexing, reshape, manipulation, conversion, arithmetic), and the operator
dunders are generated from `arithmetic.OPERATORS`, one table.
"""

from __future__ import annotations

from typing import Any

from reference_impl import buffer as _buffer
from reference_impl.buffer import Buffer
from reference_impl.dtypes import DType
from reference_impl.flags import Flags
from reference_impl.layout import Layout, contiguous_strides, is_contiguous


class ndarray:
    """A strided view of a `Buffer`; create arrays with the module functions, not directly."""

    __slots__ = ("__weakref__", "_base", "_buffer", "_dtype", "_layout", "_owndata", "_writeable")
    __hash__ = None  # type: ignore[assignment]  # == is elementwise

    _buffer: Buffer
    _layout: Layout
    _dtype: DType
    _base: Any
    _owndata: bool
    _writeable: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Arrays are made by the module's functions (``empty``, ``asarray``...), which build the
        # slots through ``ndarray.__new__``; a bare call would leave them unset.
        # Note: NumPy's ``ndarray(shape, dtype, buffer, offset, strides)`` is not modelled.
        raise TypeError(
            "reference_impl.ndarray cannot be created directly; use empty, zeros, asarray "
            "or another creation function"
        )

    # -- memory model -------------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        return self._layout.shape

    @shape.setter
    def shape(self, value: Any) -> None:
        from reference_impl.reshape import reshape

        new = reshape(self, value, copy=False)
        self._layout = new._layout

    @property
    def strides(self) -> tuple[int, ...]:
        return self._layout.strides

    @property
    def ndim(self) -> int:
        return self._layout.ndim

    @property
    def size(self) -> int:
        return self._layout.size

    @property
    def itemsize(self) -> int:
        return self._dtype.itemsize

    @property
    def nbytes(self) -> int:
        return self.size * self.itemsize

    @property
    def dtype(self) -> DType:
        return self._dtype

    @property
    def base(self) -> Any:
        return self._base

    @property
    def flags(self) -> Flags:
        return Flags(self)

    @property
    def layout(self) -> Layout:
        """The layout relative to the start of the buffer (not part of NumPy's API)."""
        return self._layout

    @property
    def address(self) -> int:
        """Address of the first element (NumPy: ``a.__array_interface__['data'][0]``)."""
        return self._buffer.address + self._layout.offset

    @property
    def __array_interface__(self) -> dict[str, Any]:
        return {
            "version": 3,
            "data": (self.address, not self._writeable),
            "shape": self.shape,
            # As in NumPy, None means C-contiguous.
            "strides": None if is_contiguous(self._layout, "C") else self.strides,
            "typestr": self._dtype.str,
            "descr": [("", self._dtype.str)],
        }

    # -- element access ------------------------------------------------------------------------
    def _values(self) -> list[Any]:
        """All element values in C order."""
        lay, buf, dt = self._layout, self._buffer, self._dtype
        return [
            _buffer.read(buf, o, dt)
            for o in _buffer.element_offsets(lay.offset, lay.shape, lay.strides)
        ]

    def _check_writeable(self) -> None:
        if not self._writeable:
            raise ValueError("assignment destination is read-only")

    def __getitem__(self, index: Any) -> Any:
        from reference_impl.indexing import getitem

        return getitem(self, index)

    def __setitem__(self, index: Any, value: Any) -> None:
        from reference_impl.indexing import setitem

        setitem(self, index, value)

    def __len__(self) -> int:
        if self.ndim == 0:
            raise TypeError("len() of unsized object")
        return self.shape[0]

    def __iter__(self) -> Any:
        if self.ndim == 0:
            raise TypeError("iteration over a 0-d array")
        return (self[i] for i in range(self.shape[0]))

    def tolist(self) -> Any:
        values = iter(self._values())

        def nest(shape: tuple[int, ...]) -> Any:
            if not shape:
                return next(values)
            return [nest(shape[1:]) for _ in range(shape[0])]

        return nest(self.shape)

    def item(self, *args: Any) -> Any:
        if not args:
            if self.size != 1:
                raise ValueError("can only convert an array of size 1 to a Python scalar")
            return self._values()[0]
        if len(args) == 1 and isinstance(args[0], int):
            flat = self._values()
            if not -len(flat) <= args[0] < len(flat):
                raise IndexError("index out of bounds")
            return flat[args[0]]
        index = args[0] if len(args) == 1 else args
        return self[tuple(index)]

    def _scalar(self) -> Any:
        if self.ndim:
            raise TypeError("only 0-dimensional arrays can be converted to Python scalars")
        return self._values()[0]

    def __bool__(self) -> bool:
        if self.size != 1:
            raise ValueError(
                "The truth value of an array with more than one element is ambiguous."
                if self.size
                else "The truth value of an empty array is ambiguous."
            )
        return bool(self._values()[0])

    def __int__(self) -> int:
        return int(self._scalar())

    def __float__(self) -> float:
        return float(self._scalar())

    def __complex__(self) -> complex:
        return complex(self._scalar())

    def __index__(self) -> int:
        if self.ndim or self._dtype.kind not in "iu":
            raise TypeError("only integer scalar arrays can be converted to a scalar index")
        return int(self._scalar())

    def __repr__(self) -> str:
        return f"array({self.tolist()!r}, dtype={self._dtype.name})"

    def __copy__(self) -> ndarray:
        return self.copy()

    def __deepcopy__(self, memo: Any) -> ndarray:
        return self.copy()

    # -- methods, delegating to the module that owns the concept --------------------------------
    # Those modules build arrays with this module's constructors, so they are imported when a
    # method first runs rather than at the top (which would be a circular import).
    def reshape(self, *shape: Any, order: str = "C", copy: bool | None = None) -> ndarray:
        from reference_impl.reshape import reshape

        return reshape(self, shape[0] if len(shape) == 1 else shape, order=order, copy=copy)

    def ravel(self, order: str = "C") -> ndarray:
        from reference_impl.reshape import ravel

        return ravel(self, order)

    def flatten(self, order: str = "C") -> ndarray:
        from reference_impl.reshape import flatten

        return flatten(self, order)

    def transpose(self, *axes: Any) -> ndarray:
        from reference_impl.manipulation import transpose

        order: Any = axes
        if len(axes) == 1 and (axes[0] is None or not isinstance(axes[0], int)):
            order = axes[0]
        return transpose(self, order if order != () else None)

    @property
    def T(self) -> ndarray:
        return self.transpose()

    @property
    def mT(self) -> ndarray:
        from reference_impl.manipulation import matrix_transpose

        return matrix_transpose(self)

    def swapaxes(self, axis1: int, axis2: int) -> ndarray:
        from reference_impl.manipulation import swapaxes

        return swapaxes(self, axis1, axis2)

    def squeeze(self, axis: Any = None) -> ndarray:
        from reference_impl.manipulation import squeeze

        return squeeze(self, axis)

    def diagonal(self, offset: int = 0, axis1: int = 0, axis2: int = 1) -> ndarray:
        from reference_impl.manipulation import diagonal

        return diagonal(self, offset, axis1, axis2)

    def copy(self, order: str = "C") -> ndarray:
        from reference_impl.conversion import copy

        return copy(self, order)

    def astype(self, dtype: Any, order: str = "K", copy: bool = True) -> ndarray:
        from reference_impl.conversion import astype

        return astype(self, dtype, order=order, copy=copy)

    def view(self, dtype: Any = None) -> ndarray:
        from reference_impl.conversion import view

        return view(self, dtype)

    @property
    def real(self) -> ndarray:
        from reference_impl.conversion import real

        return real(self)

    @property
    def imag(self) -> ndarray:
        from reference_impl.conversion import imag

        return imag(self)

    def fill(self, value: Any) -> None:
        from reference_impl.arithmetic import fill

        fill(self, value)

    def sort(self, axis: int = -1) -> None:
        from reference_impl.arithmetic import sort_inplace

        sort_inplace(self, axis)

    def nonzero(self) -> tuple[ndarray, ...]:
        from reference_impl.indexing import nonzero

        return nonzero(self)

    def take(self, indices: Any, axis: int | None = None) -> Any:
        from reference_impl.arithmetic import take

        return take(self, indices, axis)

    def conj(self) -> ndarray:
        """Complex: the conjugate, fresh. Otherwise the array itself (unlike ``conjugate()``
        the function, which always computes a new array)."""
        from reference_impl.elementwise import conjugate

        return conjugate(self) if self._dtype.kind == "c" else self

    conjugate = conj

    def round(self, decimals: int = 0, out: Any = None) -> Any:
        from reference_impl.elementwise import round as round_

        return round_(self, decimals, out)

    def clip(self, min: Any = None, max: Any = None, out: Any = None) -> Any:
        from reference_impl.elementwise import clip

        return clip(self, min, max, out=out)

    def sum(
        self, axis: Any = None, dtype: Any = None, out: None = None, keepdims: bool = False
    ) -> Any:
        from reference_impl.reductions import sum as sum_

        return sum_(self, axis, dtype, out, keepdims)

    def prod(
        self, axis: Any = None, dtype: Any = None, out: None = None, keepdims: bool = False
    ) -> Any:
        from reference_impl.reductions import prod

        return prod(self, axis, dtype, out, keepdims)

    def max(self, axis: Any = None, out: None = None, keepdims: bool = False) -> Any:
        from reference_impl.reductions import max as max_

        return max_(self, axis, out, keepdims)

    def min(self, axis: Any = None, out: None = None, keepdims: bool = False) -> Any:
        from reference_impl.reductions import min as min_

        return min_(self, axis, out, keepdims)

    def __dlpack__(
        self,
        *,
        stream: Any = None,
        max_version: Any = None,
        dl_device: Any = None,
        copy: bool | None = None,
    ) -> Any:
        from reference_impl.interchange import export

        return export(self, stream=stream, max_version=max_version, dl_device=dl_device, copy=copy)

    @property
    def device(self) -> str:
        """NumPy's arrays are on the CPU (the Array API's ``device`` attribute)."""
        return "cpu"

    def to_device(self, device: Any, /, *, stream: Any = None) -> ndarray:
        """The array itself: it already is on the only device, the CPU."""
        if stream is not None:
            raise ValueError("The stream argument in to_device() is not supported")
        if device != "cpu":
            raise ValueError(f"Unsupported device: {device}. Only 'cpu' is accepted.")
        return self

    def __dlpack_device__(self) -> tuple[int, int]:
        from reference_impl.interchange import CPU_DEVICE

        return CPU_DEVICE


def allocate(
    shape: tuple[int, ...], dt: DType, order: str = "C", strides: tuple[int, ...] | None = None
) -> ndarray:
    """A fresh zero-filled array that owns its buffer (``base`` None, ``owndata`` True)."""
    shape = tuple(int(n) for n in shape)
    if any(n < 0 for n in shape):
        raise ValueError("negative dimensions are not allowed")
    if 0 in shape:
        # NumPy 2 gives every freshly allocated empty array zero strides.
        strides = (0,) * len(shape)
    elif strides is None:
        strides = contiguous_strides(shape, dt.itemsize, order)
    nbytes = dt.itemsize
    for n in shape:
        nbytes *= n
    arr = ndarray.__new__(ndarray)
    arr._buffer = Buffer(nbytes)
    arr._layout = Layout(0, shape, strides, dt.itemsize)
    arr._dtype = dt
    arr._base = None
    arr._owndata = True
    arr._writeable = True
    return arr


def data_owner(obj: ndarray) -> Any:
    """NumPy's base collapse: follow bases while they are arrays that do not own their data."""
    while not obj._owndata and isinstance(obj._base, ndarray):
        obj = obj._base
    return obj


def make_view(
    src: ndarray,
    layout: Layout,
    dt: DType | None = None,
    writeable: bool | None = None,
    base: Any = None,
) -> ndarray:
    """A new array on ``src``'s buffer; its base is ``base`` or ``src`` collapsed to the owner."""
    arr = ndarray.__new__(ndarray)
    arr._buffer = src._buffer
    arr._layout = layout
    arr._dtype = src._dtype if dt is None else dt
    arr._base = data_owner(src) if base is None else base
    arr._owndata = False
    arr._writeable = src._writeable if writeable is None else writeable
    return arr


def from_values(
    values: list[Any],
    shape: tuple[int, ...],
    dt: DType,
    order: str = "C",
    strides: tuple[int, ...] | None = None,
) -> ndarray:
    """A fresh owning array holding ``values`` (given in C order of ``shape``)."""
    arr = allocate(shape, dt, order, strides)
    lay = arr._layout
    offsets = _buffer.element_offsets(lay.offset, lay.shape, lay.strides)
    for off, v in zip(offsets, values, strict=True):
        _buffer.write(arr._buffer, off, dt, v)
    return arr


def assign_values(dst: ndarray, values: list[Any]) -> None:
    """Write ``values`` (C order, one per element) into ``dst``'s elements."""
    lay = dst._layout
    offsets = _buffer.element_offsets(lay.offset, lay.shape, lay.strides)
    for off, v in zip(offsets, values, strict=True):
        _buffer.write(dst._buffer, off, dst._dtype, v)


def _install_operators() -> None:
    """Generate the operator dunders from the one table in `arithmetic`."""
    from reference_impl import arithmetic

    for name in arithmetic.OPERATORS:
        setattr(ndarray, f"__{name}__", arithmetic.operator_method(name))


_install_operators()
