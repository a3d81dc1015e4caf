"""The operation catalogue: NumPy's copy/view surface, the Array API's functions and the array
object's syntax, declared once and assembled here.

The sections live in their own modules: :mod:`~conformance.model.ops_numpy` (NumPy's names),
:mod:`~conformance.model.ops_array_api` (the standard's functions) and
:mod:`~conformance.model.ops_syntax` (indexing, assignment, operators, ``.T``/``.mT``, which
run on every backend) and :mod:`~conformance.model.ops_noop` (every function that could hand
back its input, in each form that changes nothing) and :mod:`~conformance.model.ops_dtype`
(casts of signedness, width and to bool). Nothing here says what the result
*should* be: that is computed by running the entry on ``reference_impl``. This module adds each
operation's tags (what kind of operation it is, for readers of results) from one table.
"""

from __future__ import annotations

from dataclasses import replace

from conformance.model import ops_array_api, ops_dtype, ops_noop, ops_numpy, ops_syntax
from conformance.model.operations import Operation
from conformance.vocabulary import Tag

# -- tags: what kind of operation each one is (read by the site, see ``vocabulary.Tag``) ----

S, I, F, A = Tag.SLICE, Tag.INDEX, Tag.FANCY, Tag.ASSIGN
AR, IP, TR, RS = Tag.ARITHMETIC, Tag.IN_PLACE, Tag.TRANSPOSE, Tag.RESHAPE
CP, AS, CR = Tag.COPY, Tag.ASARRAY, Tag.COPY_REQUESTED

TAGS: dict[str, frozenset[Tag]] = {
    op_id: frozenset(tags)
    for op_id, tags in {
        "index-step": {S},
        "index-reverse": {S},
        "index-empty-slice": {S},
        "index-last-axis": {S},
        "index-int": {I},
        "index-int-every-axis": {I},
        "index-ellipsis": {I},
        "index-newaxis": {I},
        "index-empty-tuple": {I},
        "index-int-list": {F},
        "index-int-array": {F},
        "index-zero-d-int-array": {F},
        "index-bool-mask": {F},
        "index-true": {F},
        "index-slice-then-list": {F},
        "index-mixed": {F},
        "setitem-int-list": {F, A},
        "setitem-int-array": {F, A},
        "setitem-bool-mask": {F, A},
        "setitem-repeated-index": {F, A, IP},
        "index-first": {I},
        "xp-index-step": {S},
        "xp-index-reverse": {S},
        "xp-index-empty-slice": {S},
        "xp-index-newaxis": {I},
        "index-int-arrays-2d": {F},
        "setitem-step": {A, S},
        "setitem-reversed-self": {A, S},
        "sub-zero": {AR},
        "mul-one": {AR},
        "abs": {AR},
        "invert": {AR},
        "equal-self": {AR},
        "isub-one": {AR, IP},
        "itruediv-two": {AR, IP},
        "setitem-all": {A},
        "setitem-one": {A},
        "setitem-overlapping": {A, S},
        "reshape-same": {RS},
        "reshape-flat": {RS},
        "reshape-flat-F": {RS},
        "reshape-column": {RS},
        "reshape-flat-copy-false": {RS},
        "xp-reshape-flat": {RS},
        "xp-reshape-flat-copy-true": {RS, CR},
        "xp-reshape-flat-copy-false": {RS},
        "xp-reshape-same-copy-false": {RS},
        "T": {TR},
        "transpose": {TR},
        "swapaxes": {TR},
        "moveaxis": {TR},
        "mT": {TR},
        "permute-dims": {TR},
        "matrix-transpose": {TR},
        "copy-method": {CP},
        "copy-function": {CP},
        "copy-method-F": {CP},
        "asarray": {AS},
        "asarray-copy-true": {AS, CR},
        "asarray-copy-false": {AS},
        "asarray-other-dtype": {AS},
        "asarray-other-dtype-copy-false": {AS},
        "asarray-same-dtype": {AS},
        "asarray-order-C-copy-false": {AS},
        "from-dlpack-copy-true": {CR},
        "dunder-dlpack-copy-true": {CR},
        "add-zero": {AR},
        "unary-plus": {AR},
        "negative": {AR},
        "add-out": {AR, IP},
        "sort-method": {IP},
        "round-int": {AR},
        "iadd-one": {AR, IP},
        "imul-two": {AR, IP},
        "iadd-self": {AR, IP},
        "iadd-overlapping": {AR, IP, S},
        "clip-no-op": {AR},
        "positive": {AR},
        "round": {AR},
        "floor": {AR},
        "ceil": {AR},
        "trunc": {AR},
        "minimum-self": {AR},
        "maximum-self": {AR},
    }.items()
}

SECTIONS: tuple[tuple[Operation, ...], ...] = (
    ops_syntax.OPERATIONS,
    ops_numpy.OPERATIONS,
    ops_array_api.OPERATIONS,
    ops_noop.OPERATIONS,
    ops_dtype.OPERATIONS,
)

CATALOGUE: tuple[Operation, ...] = tuple(
    replace(op, tags=TAGS.get(op.id, frozenset())) for section in SECTIONS for op in section
)
BY_ID: dict[str, Operation] = {op.id: op for op in CATALOGUE}
