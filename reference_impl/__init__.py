"""reference_impl: a small pure-Python strided array that reproduces NumPy's copy/view semantics.

The same expression runs with ``numpy`` or ``reference_impl`` as the namespace and gives the
same copy/view behaviour: ``ref.arange(12).reshape(3, 4)[1:, ::2].base``. Scalars (an integer
index that consumes every axis, ``item()``) are returned as Python values.
"""

from reference_impl import exceptions, lib
from reference_impl.arithmetic import sort, take, where
from reference_impl.array import ndarray
from reference_impl.conversion import astype
from reference_impl.creation import (
    arange,
    array,
    asanyarray,
    asarray,
    ascontiguousarray,
    asfortranarray,
    copy,
    empty,
    empty_like,
    full,
    full_like,
    ones,
    ones_like,
    require,
    zeros,
    zeros_like,
)
from reference_impl.dtypes import DTYPES, DType, can_cast_safe, dtype, result_type
from reference_impl.elementwise import (
    abs,
    absolute,
    add,
    around,
    ceil,
    clip,
    conj,
    conjugate,
    floor,
    imag,
    maximum,
    minimum,
    multiply,
    nan_to_num,
    negative,
    positive,
    real,
    real_if_close,
    round,
    subtract,
    trunc,
)
from reference_impl.exceptions import AxisError, TooHardError
from reference_impl.flipping import flip, fliplr, flipud, rot90
from reference_impl.indexing import nonzero
from reference_impl.interchange import from_dlpack
from reference_impl.joining import concat, concatenate, repeat, resize, roll, tile
from reference_impl.layout import Layout
from reference_impl.manipulation import (
    array_split,
    atleast_1d,
    atleast_2d,
    atleast_3d,
    broadcast_arrays,
    broadcast_shapes,
    broadcast_to,
    diagonal,
    expand_dims,
    matrix_transpose,
    moveaxis,
    permute_dims,
    split,
    squeeze,
    swapaxes,
    transpose,
)
from reference_impl.reductions import amax, amin, max, min, prod, sum
from reference_impl.reshape import flatten, ravel, reshape
from reference_impl.sharing import may_share_memory, shares_memory

newaxis = None

# The dtypes, as attributes: ``reference_impl.float64``.
bool = DTYPES["bool"]  # Note: NumPy's name shadows the builtin too
bool_ = DTYPES["bool"]
int8 = DTYPES["int8"]
int16 = DTYPES["int16"]
int32 = DTYPES["int32"]
int64 = DTYPES["int64"]
uint8 = DTYPES["uint8"]
uint16 = DTYPES["uint16"]
uint32 = DTYPES["uint32"]
uint64 = DTYPES["uint64"]
float32 = DTYPES["float32"]
float64 = DTYPES["float64"]
complex64 = DTYPES["complex64"]
complex128 = DTYPES["complex128"]
intp = int64

#: The NumPy release whose copy/view semantics this package reproduces (its differential tests
#: run against it); results record it as the oracle of the ``numpy`` profile.
MODELS_NUMPY = "2.4"

__all__ = [
    "MODELS_NUMPY",
    "AxisError",
    "DType",
    "Layout",
    "TooHardError",
    "abs",
    "absolute",
    "add",
    "amax",
    "amin",
    "arange",
    "around",
    "array",
    "array_split",
    "asanyarray",
    "asarray",
    "ascontiguousarray",
    "asfortranarray",
    "astype",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "bool",
    "bool_",
    "broadcast_arrays",
    "broadcast_shapes",
    "broadcast_to",
    "can_cast_safe",
    "ceil",
    "clip",
    "complex64",
    "complex128",
    "concat",
    "concatenate",
    "conj",
    "conjugate",
    "copy",
    "diagonal",
    "dtype",
    "empty",
    "empty_like",
    "exceptions",
    "expand_dims",
    "flatten",
    "flip",
    "fliplr",
    "flipud",
    "float32",
    "float64",
    "floor",
    "from_dlpack",
    "full",
    "full_like",
    "imag",
    "int8",
    "int16",
    "int32",
    "int64",
    "intp",
    "lib",
    "matrix_transpose",
    "max",
    "maximum",
    "may_share_memory",
    "min",
    "minimum",
    "moveaxis",
    "multiply",
    "nan_to_num",
    "ndarray",
    "negative",
    "newaxis",
    "nonzero",
    "ones",
    "ones_like",
    "permute_dims",
    "positive",
    "prod",
    "ravel",
    "real",
    "real_if_close",
    "repeat",
    "require",
    "reshape",
    "resize",
    "result_type",
    "roll",
    "rot90",
    "round",
    "shares_memory",
    "sort",
    "split",
    "squeeze",
    "subtract",
    "sum",
    "swapaxes",
    "take",
    "tile",
    "transpose",
    "trunc",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "where",
    "zeros",
    "zeros_like",
]
