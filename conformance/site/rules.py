"""What NumPy does, in one sentence per operation: the rule shown on each operation page.

The results carry an operation id, a category and an expression; the rule is looked up by exact
operation id, then by the first pattern that matches the id, then by category, and otherwise a
generic sentence is used. Patterns match words of the id (``reshape-flat`` matches
``reshape``), so a new operation of a known family gets its family's rule.
"""

from __future__ import annotations

import re

# (pattern on the operation id, rule); the first match wins, so specific patterns come first.
OPERATION_RULES: tuple[tuple[str, str], ...] = (
    (r"flatten", "`flatten` always copies: the result owns a fresh buffer (`.base is None`)."),
    (
        r"ravel",
        "`ravel` returns a view when the array is contiguous in the requested order "
        "(for `order='K'`, dense in some axis order), and a fresh owning copy otherwise.",
    ),
    (
        r"reshape",
        "`reshape` returns a view when the new shape can be expressed with strides "
        "(even for some non-contiguous arrays) and otherwise copies into an "
        "intermediate array, so `.base` is not None although no memory is shared.",
    ),
    (
        r"broadcast",
        "`broadcast_to` returns a read-only view with zero strides on the broadcast axes.",
    ),
    (r"diagonal|diag", "`diagonal` returns a read-only view: writes through it raise."),
    (
        r"sliding|window",
        "`sliding_window_view` returns a read-only view whose base is an internal object.",
    ),
    (
        r"as[-_]?strided",
        "`as_strided` returns a view of the same buffer with the strides you "
        "give, and its base is an internal object.",
    ),
    (r"flip|rot90", "`flip` returns a view with negated strides."),
    (
        r"transpose|swapaxes|moveaxis|permute|(^|[-_])m?t($|[-_])",
        "Transposing (`.T`, "
        "`transpose`, `swapaxes`, `moveaxis`, `.mT`) returns a view with permuted strides.",
    ),
    (
        r"squeeze",
        "`squeeze` returns a view without the unit axes, or the same object when "
        "there are none to drop.",
    ),
    (
        r"expand|newaxis|atleast",
        "Adding axes (`expand_dims`, `None` indices, `atleast_2d` on "
        "smaller input) returns a view; `atleast_2d` of a 2-D array "
        "returns the same object.",
    ),
    (r"split", "`split` and `array_split` return views of consecutive blocks."),
    (
        r"real|imag",
        "`.real`/`.imag` of a complex array are views with doubled strides; `.real` "
        "of a real array is the array itself, `.imag` a new read-only array of "
        "zeros.",
    ),
    (
        r"view",
        "`view(dtype)` reinterprets the same bytes; changing the itemsize needs a "
        "contiguous last axis, otherwise it raises `ValueError`.",
    ),
    (
        r"setitem|assign|scatter",
        "Assignment through any index, basic or advanced, writes into "
        "the original array; with repeated indices the last write wins, "
        "so `a[[0, 0]] += 1` adds 1 once (`np.add.at` accumulates).",
    ),
    (
        r"iadd|isub|imul|inplace|in[-_]place|(^|[-_])out($|[-_])",
        "In-place operators and `out=` write into the existing array and return that same object.",
    ),
    (
        r"fancy|advanced|take|bool|mask|where|nonzero|compress",
        "Advanced indexing (integer "
        "arrays, lists, boolean masks, a 0-d integer array) always copies; with a slice in "
        "front the copy's `.base` is an intermediate array.",
    ),
    (
        r"dlpack",
        "`from_dlpack` shares the producer's memory unless `copy=True` is asked for; "
        "`copy=False` raises when sharing is impossible.",
    ),
    (
        r"astype",
        "`astype` copies by default, even to the same dtype; with `copy=False` and the "
        "same dtype it returns the array itself.",
    ),
    (
        r"asarray|array|contiguous|from",
        "`asarray` returns its input unchanged when no "
        "conversion is needed and copies otherwise; `copy=True` always copies and `copy=False` "
        "raises `ValueError` when a copy would be needed.",
    ),
    (
        r"copy",
        "`.copy()`, `np.copy` and `np.array(a)` always return a new, independent array "
        "that owns its buffer.",
    ),
    (
        r"slice|index|getitem|ellipsis|integer",
        "Basic indexing (slices with any step, integers "
        "that leave an axis, `...`, `None`) returns a view; an integer for every axis returns "
        "a scalar.",
    ),
    (
        r"add|sub|mul|div|pow|neg|abs|arith|ufunc|sum|mean",
        "Arithmetic and reductions return a "
        "new array that owns its buffer; only in-place operators and `out=` reuse one.",
    ),
    (r"sort", "`np.sort` returns a sorted copy; `a.sort()` sorts in place and returns None."),
)

CATEGORY_RULES: dict[str, str] = {
    "indexing": "Basic indexing returns a view; advanced indexing (integer arrays, lists, "
    "masks) returns a copy.",
    "basic-indexing": "Basic indexing (slices, integers that leave an axis, `...`, `None`) "
    "returns a view.",
    "advanced-indexing": "Advanced indexing always copies.",
    "shape": "Shape changes return a view whenever the new layout can be expressed with "
    "strides, and copy otherwise.",
    "reshape": "Shape changes return a view whenever the new layout can be expressed with "
    "strides, and copy otherwise.",
    "transpose": "Axis permutations return views.",
    "conversion": "Conversions return the input when nothing needs to change, and copy when "
    "the dtype, order or device must change or a copy is asked for.",
    "creation": "Creating an array from an array copies unless told it may reuse the input.",
    "copy": "Explicit copies are always new, independent arrays.",
    "dtype": "Changing the dtype copies; reinterpreting the bytes (`view`) does not.",
    "arithmetic": "Arithmetic returns new arrays; in-place operators and `out=` reuse one.",
    "elementwise": "Element-wise functions return new arrays unless given `out=`.",
    "in-place": "In-place operations write into the existing array and return it.",
    "assignment": "Assignment writes into the original array.",
    "interchange": "Interchange (`from_dlpack`, buffer protocol) shares memory unless a copy "
    "is asked for.",
}

GENERIC_RULE = (
    "NumPy's behaviour for this operation is the reference implementation's "
    "result shown as *expected* below."
)


def numpy_rule(operation: str, category: str) -> str:
    """NumPy's rule for an operation, in one sentence (Markdown with inline code)."""
    words = operation.lower()
    for pattern, rule in OPERATION_RULES:
        if re.search(pattern, words):
            return rule
    return CATEGORY_RULES.get(category.lower(), GENERIC_RULE)
