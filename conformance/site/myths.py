"""Twelve common claims about copies and views, checked on each library from its results.

Each claim names the cases it is about (a selector on operation id, category, expression and
what was observed) and says, for one case, whether the case agrees with the claim, contradicts
it (a counterexample, with the reason), or says nothing (no witness could see it). A claim with
no case that speaks is reported as "no evidence", never guessed. The selectors are written out
in ``Claim.about`` and shown on the myths page, so a reader can check the mapping.

Witnesses compare a case's result with the case's *input*. In a chain (``t1 = x.astype(...)``
then ``y = moveaxis(t1, ...)``) the result's relation to the input is the whole chain's doing,
so a claim about one operation is judged on single-operation cases only; only the claims about
results in general (writes through any view, ``shares_memory``'s answers) also read chains.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from conformance.site.results import Case, Run
from conformance.vocabulary import Behaviour, Tag, Verdict

SHARING_CLASSES = frozenset(
    {Behaviour.VIEW, Behaviour.READ_ONLY_VIEW, Behaviour.COPY_ON_WRITE, Behaviour.SAME_OBJECT}
)
SILENT_CLASSES = frozenset(
    {
        Behaviour.ERROR,
        Behaviour.UNKNOWN,
        Behaviour.NOT_APPLICABLE,
        Behaviour.CRASHED,
        Behaviour.TIMEOUT,
        Behaviour.NOT_RUN,
        Behaviour.SCALAR,
    }
)
#: Classes with no array result at all (``unknown`` has one, only no witness saw its bytes).
NO_RESULT = SILENT_CLASSES - {"unknown"}
NONE_BASE = frozenset({"none", "None"})
#: How the ``numpy`` profile says a result's values are not reference_impl's.
VALUES_DIFFER = "values differ"

# Outcome of one case for one claim: None says nothing, True agrees, a string is the reason
# the case contradicts the claim.
Outcome = bool | str | None


def words(case: Case) -> frozenset[str]:
    """The words of an operation id: ``reshape-flat`` -> {"reshape", "flat"}."""
    return _words(case.operation)


@lru_cache(maxsize=4096)
def _words(operation: str) -> frozenset[str]:
    # Every claim asks for the words of every case: a few hundred operations in all.
    return frozenset(re.split(r"[^a-z0-9]+", operation.lower())) - {""}


def empty(case: Case) -> bool:
    """The input or the result has no element: no witness can tell a view from a copy."""
    shapes = (case.input.get("shape"), case.observed.get("shape"))
    return any(isinstance(shape, list) and 0 in shape for shape in shapes)


def shares(case: Case) -> bool | None:
    """Whether the result shares bytes with the input: the memory witness, else the class.

    None when nothing can say: the class is silent, or the arrays are empty (an empty view
    shares no byte, so it would pass for a copy).
    """
    if case.observed_class == "same-object":
        return True
    if empty(case):
        return None
    memory = case.witnesses.get("memory")
    if isinstance(memory, bool):
        return memory
    if case.observed_class in SHARING_CLASSES:
        return True
    if case.observed_class == Behaviour.COPY:
        return False
    return None


def single(case: Case) -> bool:
    """One operation applied to the input itself (not a generated chain ``a+b+c``)."""
    if case.tags is not None:
        return Tag.CHAIN not in case.tags
    return "+" not in case.operation and case.category.lower() != "chain"


def silent(case: Case) -> bool:
    return case.observed_class in SILENT_CLASSES


def reported_base(case: Case) -> str | None:
    base = case.claims.get("base")
    return None if base is None else str(base)


def c_contiguous(case: Case) -> bool | None:
    """NumPy's C-contiguity of the input layout, or None when the results do not give it."""
    shape, strides = case.input.get("shape"), case.input.get("strides")
    itemsize = case.input.get("itemsize")
    if not isinstance(shape, list) or not isinstance(strides, list) or not itemsize:
        return None
    if len(shape) != len(strides):
        return None
    if 0 in shape:
        return True
    expected = itemsize
    for n, s in reversed(list(zip(shape, strides, strict=True))):
        if n == 1:
            continue  # Note: as in NumPy, the stride of a length-1 axis does not matter.
        if s != expected:
            return False
        expected *= n
    return True


# Expressions name the input ``x`` (and ``y`` for the result of in-place statements).
SLICE_EXPR = re.compile(r"\b[xy]\[[^\[\]=]*:[^\[\]=]*\](?!\s*[-+*/]?=)")
FANCY_EXPR = re.compile(r"\b[xy]\[[^\]]*(\[|mask|asarray\(|array\(|True|False|==|<|>)")
ASSIGN_EXPR = re.compile(r"\]\s*[-+*/]?=(?!=)")
ARITH_EXPR = re.compile(
    r"^\s*\(?x\)?\s*(\*\*|//|[-+*/@%])=?\s*[\w(]|\b(np|xp)\.(add|subtract|"
    r"multiply|divide|true_divide|negative|power)\("
)
TRANSPOSE_EXPR = re.compile(r"\.m?T\b|\b(transpose|swapaxes|moveaxis|permute_dims|permute)\(")
COPY_EXPR = re.compile(r"\.copy\(")  # x.copy(), x.copy(order='F'), np.copy(x), jnp.copy(x)
FANCY_WORDS = {"fancy", "advanced", "bool", "boolean", "mask", "take", "list"}
ARITH_WORDS = {
    "add",
    "iadd",
    "sub",
    "isub",
    "mul",
    "imul",
    "div",
    "idiv",
    "negative",
    "positive",
    "plus",
    "arith",
    "ufunc",
    "inplace",
    "round",
    "floor",
    "ceil",
    "trunc",
    "clip",
    "minimum",
    "maximum",
}
TRANSPOSE_WORDS = {"transpose", "swapaxes", "moveaxis", "permute", "t", "mt"}


def _sharing(yes: str, no: str, expect_sharing: bool) -> Callable[[Case], Outcome]:
    def judge(case: Case) -> Outcome:
        shared = shares(case)
        # An empty input returned as itself is no evidence either: a lazy library (dask), whose
        # other results no witness can see, would "hold" on such cases alone.
        if shared is None or silent(case) or empty(case):
            return None
        if shared == expect_sharing:
            return True
        return (yes if shared else no).format(cls=case.observed_class)

    return judge


def _is_view(no: str) -> Callable[[Case], Outcome]:
    """Sharing as for any claim, except that a copy-on-write result is not a view: it shares
    bytes only until a write, which never reaches the other array."""
    sharing = _sharing("", no, True)

    def judge(case: Case) -> Outcome:
        if case.observed_class == "copy-on-write" and not empty(case):
            return "the result shares bytes but is copy-on-write: writes do not propagate"
        return sharing(case)

    return judge


def _asarray_reuses(case: Case) -> Outcome:
    """Sharing, as for any claim; and a result in another dtype holds converted values, which
    need new memory even where no witness sees bytes (a lazy library)."""
    before, after = case.input.get("dtype"), case.observed.get("dtype")
    converted = bool(before and after and before != after)
    if converted and case.observed_class not in NO_RESULT and not empty(case) and not shares(case):
        return (
            f"asarray converted {before} to {after}, which needs new memory "
            f"(observed: {case.observed_class})"
        )
    return _sharing("", "asarray returned a copy (observed: {cls})", True)(case)


def _base_tells_copy(case: Case) -> Outcome:
    base, shared = reported_base(case), shares(case)
    if base is None or shared is None or silent(case):
        return None
    if not shared and base not in NONE_BASE:
        return f"no byte is shared with the input, yet `.base` is {base!r}, not None"
    if shared and base in NONE_BASE and case.observed_class != "same-object":
        return "it shares memory with the input, yet `.base` is None"
    return True


def _view_base_is_input(case: Case) -> Outcome:
    base = reported_base(case)
    if base is None:
        return None
    if base == "input":
        return True
    return f"the view's `.base` is {base!r}, not the array it was taken from"


def _reshape_contiguity(case: Case) -> Outcome:
    contiguous, shared = c_contiguous(case), shares(case)
    if contiguous is None or shared is None or silent(case):
        return None
    if shared and not contiguous:
        return "a view of an input that is not C-contiguous"
    if not shared and contiguous:
        return "a copy of a C-contiguous input"
    return True


def _writes_propagate(case: Case) -> Outcome:
    cls = case.observed_class
    if cls == Behaviour.VIEW:
        return True
    if cls == "read-only-view":
        return "writes through this view are refused"
    if cls == "copy-on-write":
        return "it shares memory, but writes through it do not reach the original"
    if cls == "immutable":
        return "it shares memory, but the library has no in-place writes at all"
    return None


def _fancy_assignment(case: Case) -> Outcome:
    """The statement is ``y = x; y[index] = value``: ``y`` is the original itself.

    Its values are recorded only as a digest, which the ``numpy`` profile compares with
    reference_impl's, where the assignment changes the original. Matching values therefore
    show the original changed; different values alone cannot tell "unchanged" from "changed
    otherwise", so they say nothing.
    """
    cls = case.observed_class
    if cls == "error":
        error = case.observed.get("error")
        return f"the assignment raised{f' {error}' if error else ''}"
    if cls in {Behaviour.COPY, Behaviour.COPY_ON_WRITE, Behaviour.IMMUTABLE}:
        return f"the original was not changed (observed: {cls})"
    if cls not in {Behaviour.SAME_OBJECT, Behaviour.VIEW} or empty(case):
        return None
    numpy = case.verdicts.get("numpy")
    if numpy is None or numpy.verdict == Verdict.NOT_APPLICABLE or VALUES_DIFFER in numpy.message:
        return None
    return True


def _shares_memory_truthful(case: Case) -> Outcome:
    claim, truth = case.claims.get("shares_memory"), case.witnesses.get("memory")
    if not isinstance(claim, bool) or not isinstance(truth, bool):
        return None
    if claim == truth:
        return True
    return f"`shares_memory` answered {claim}, but the bytes {'do' if truth else 'do not'} overlap"


def _copy_independent(case: Case) -> Outcome:
    if silent(case) or shares(case) is None:
        return None
    if shares(case):
        return "the copy shares memory with the original"
    for witness in ("mutation_forward", "mutation_backward"):
        if case.witnesses.get(witness) is True:
            return f"a write propagated ({witness.replace('_', ' ')})"
    return True


def _assigns(case: Case) -> bool:
    if case.tags is not None:
        return Tag.ASSIGN in case.tags
    return bool(
        words(case) & {"setitem", "assign", "scatter"}
        or case.category.lower() == "setitem"
        or ASSIGN_EXPR.search(case.expression)
    )


def _fancy(case: Case) -> bool:
    if case.tags is not None:
        return Tag.FANCY in case.tags
    return bool(
        case.category.lower() == "advanced-indexing"
        or words(case) & FANCY_WORDS
        or FANCY_EXPR.search(case.expression)
    )


def _is_fancy_read(case: Case) -> bool:
    return single(case) and _fancy(case) and not _assigns(case)


def _is_fancy_assignment(case: Case) -> bool:
    return single(case) and _fancy(case) and _assigns(case)


def _is_arithmetic(case: Case) -> bool:
    # Element-wise arithmetic that changes no value (xp.positive, xp.round of integers) is
    # included through its words: a library returning its input there is a counterexample.
    if case.tags is not None:  # an in-place operator returns its input by design
        return single(case) and Tag.ARITHMETIC in case.tags and Tag.IN_PLACE not in case.tags
    category = case.category.lower()
    return single(case) and (
        category in {"arithmetic", "elementwise", "ufunc"}
        or bool(words(case) & ARITH_WORDS)
        or bool(ARITH_EXPR.search(case.expression))
    )


def _is_transpose(case: Case) -> bool:
    if case.tags is not None:
        return single(case) and Tag.TRANSPOSE in case.tags
    return single(case) and bool(
        case.category.lower() == "transpose"
        or words(case) & TRANSPOSE_WORDS
        or TRANSPOSE_EXPR.search(case.expression)
    )


def _slices(case: Case) -> bool:
    if case.tags is not None:  # x[1:] += y writes through a slice; it reads nothing
        return Tag.SLICE in case.tags and not case.tags & {Tag.ASSIGN, Tag.IN_PLACE}
    return bool(SLICE_EXPR.search(case.expression))


def _copies(case: Case) -> bool:
    if case.tags is not None:
        return Tag.COPY in case.tags
    return case.operation == "copy" or bool(COPY_EXPR.search(case.expression))


@dataclass(frozen=True)
class Claim:
    """A claim, the cases it is about, how one case bears on it, and NumPy's truth."""

    number: int
    slug: str
    text: str
    about: str
    truth: str
    selects: Callable[[Case], bool]
    judge: Callable[[Case], Outcome]

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        # Its functions are lambdas: a claim travels to another process as its number.
        return (claim_numbered, (self.number,))


CLAIMS: tuple[Claim, ...] = (
    Claim(
        1,
        "base-none-means-copy",
        "A copy's `.base` is None, so `.base` tells you whether you have a copy.",
        "every single-operation case where the library reports `.base`; a counterexample "
        "is a result that "
        "shares no byte with its input but has a `.base`, or one that shares memory and has "
        "none.",
        "In NumPy a copying `reshape`, fancy indexing with a slice in front and `np.resize` "
        "return copies whose `.base` is an intermediate array: `np.shares_memory` is the "
        "reliable test.",
        lambda c: single(c) and reported_base(c) is not None,
        _base_tells_copy,
    ),
    Claim(
        2,
        "view-base-is-source",
        "A view's `.base` is the array you sliced.",
        "single-operation cases whose result is a view (class `view` or `read-only-view`) "
        "and whose library reports `.base`; a counterexample is a view whose `.base` is not "
        "its input.",
        "NumPy collapses `.base` to the array that owns the memory: `a[1:][1:].base is a`, "
        "not `a[1:]`.",
        lambda c: single(c) and c.observed_class in {Behaviour.VIEW, Behaviour.READ_ONLY_VIEW},
        _view_base_is_input,
    ),
    Claim(
        3,
        "slicing-views",
        "Slicing always returns a view.",
        "single-operation reads whose expression indexes `x` with slices only "
        "(`x[1:, ::2]`); a counterexample shares no byte with the input, or is copy-on-write.",
        "True for NumPy, except that an empty slice shares no memory; libraries without "
        "views (JAX) copy.",
        lambda c: single(c) and not _assigns(c) and _slices(c),
        _is_view("slicing returned a result that shares no byte with the input (observed: {cls})"),
    ),
    Claim(
        4,
        "fancy-copies",
        "Fancy and boolean indexing always return copies.",
        "single-operation reads (not assignments) in the `advanced-indexing` category, "
        "whose operation id "
        "names fancy, advanced, bool, mask, list or take, or whose expression indexes with a "
        "list, array or mask; a counterexample shares memory with the input.",
        "True for NumPy reads; but the copy's `.base` may be an intermediate (see claim 1), "
        "and assignment through fancy indexing writes in place (claim 5).",
        _is_fancy_read,
        _sharing("advanced indexing returned a result sharing memory (observed: {cls})", "", False),
    ),
    Claim(
        5,
        "fancy-assignment-writes",
        "Assigning through fancy indexing (`a[[0, 2]] = 0`) changes the original.",
        "single-operation assignments (the `setitem` category, an operation id with "
        "setitem/assign/scatter, or an expression assigning to an index) whose index is a "
        "list, array or mask. The statement is `y = x; y[index] = value`, so `y` is the "
        "original: a case agrees when its values are NumPy's (the `numpy` profile compares "
        "them with reference_impl, where the original changes); a counterexample raised or "
        "returned another array.",
        "True for NumPy, repeated indices included: `a[[0, 0]] += 1` reads, adds and writes "
        "back once, so the element grows by 1 (`np.add.at` accumulates). Chained indexing, "
        "`a[[0, 2]][0] = 0`, writes into a copy and leaves `a` unchanged; immutable "
        "libraries (JAX) have no such assignment.",
        _is_fancy_assignment,
        _fancy_assignment,
    ),
    Claim(
        6,
        "reshape-needs-c-contiguous",
        "`reshape` returns a view only when the array is C-contiguous.",
        "single-operation cases whose operation id names `reshape` or whose expression "
        "calls `reshape(` "
        "without `copy=True`; a counterexample is a view of a non-C-contiguous input or a "
        "copy of a C-contiguous one (contiguity computed from the recorded input layout).",
        "NumPy reshapes without copying whenever strides can express the new shape: "
        "`a[:, ::2].reshape(-1)` of a suitable array and `a.T.reshape(..., order='F')` are "
        "views, while `a.reshape(..., order='F')` copies a C-contiguous array.",
        lambda c: (
            single(c)
            and ("reshape" in words(c) or "reshape(" in c.expression)
            and "copy=True" not in c.expression
        ),
        _reshape_contiguity,
    ),
    Claim(
        7,
        "transpose-views",
        "Transposing returns a view.",
        "single-operation cases in the `transpose` category, whose operation id names "
        "transpose, swapaxes, "
        "moveaxis, permute or T/mT, or whose expression uses them; a counterexample shares "
        "no byte with the input.",
        "True for NumPy; libraries without views (JAX) copy.",
        _is_transpose,
        _is_view("the transpose shares no byte with the input (observed: {cls})"),
    ),
    Claim(
        8,
        "writes-through-views",
        "Writing through a view changes the original.",
        "every case, chains included, whose result shares memory with its input and is a "
        "new object; a counterexample is a read-only view, a copy-on-write result, or an "
        "immutable library.",
        "NumPy's `broadcast_to`, `diagonal` and `sliding_window_view` return read-only views.",
        lambda c: bool(shares(c)) and c.observed_class != "same-object",
        _writes_propagate,
    ),
    Claim(
        9,
        "arithmetic-new-array",
        "Arithmetic (`a + b`) always makes a new array.",
        "single-operation cases in the `arithmetic` or `elementwise` category, whose "
        "operation id names an "
        "arithmetic operation (`add`, `iadd`, `negative`, `positive`, `round`, `clip`, "
        "`minimum`, ...), or whose expression is `x + ...` or `np.add(...)`; a "
        "counterexample shares memory with the input (in-place operators and `out=` return "
        "the same object).",
        "`a + b` does, but `a += b` and `np.add(a, b, out=a)` return the same object.",
        _is_arithmetic,
        _sharing("the result shares memory with the input (observed: {cls})", "", False),
    ),
    Claim(
        10,
        "shares-memory-truthful",
        "`np.shares_memory` tells you whether two arrays share memory.",
        "every case, chains included, where the library's `shares_memory` (or its "
        "equivalent) answered and the byte-overlap witness saw; a counterexample is a "
        "disagreement.",
        "NumPy's answer is exact, in bytes, but can raise `TooHardError` when `max_work` is "
        "limited; `may_share_memory` only compares extents.",
        lambda c: c.claims.get("shares_memory") is not None,
        _shares_memory_truthful,
    ),
    Claim(
        11,
        "copy-independent",
        "`.copy()` gives a fully independent array.",
        "single-operation cases whose expression calls `.copy(...)` (`x.copy()`, "
        "`np.copy(x)`, ...) or whose operation id is `copy`; a counterexample shares memory "
        "or propagates a write.",
        "True for NumPy's numeric arrays (object arrays copy references only).",
        lambda c: single(c) and _copies(c),
        _copy_independent,
    ),
    Claim(
        12,
        "asarray-never-copies",
        "`asarray` never copies.",
        "single-operation cases whose operation id names `asarray`, except an explicit "
        "`copy=True`; a counterexample is a result that shares no byte with the input, or "
        "one in another dtype (converted values need new memory).",
        "`asarray` copies whenever the dtype, order or device must change, and "
        "`copy=False` raises instead.",
        lambda c: single(c) and "asarray" in words(c) and "copy=True" not in c.expression,
        _asarray_reuses,
    ),
)


#: How many counterexamples of a claim the myths page shows per library.
SHOWN_COUNTEREXAMPLES = 3


@dataclass(frozen=True)
class Finding:
    """One claim on one run: ``status`` is ``holds``, ``false`` or ``no evidence``."""

    claim: Claim
    status: str
    supporting: int
    counterexamples: tuple[tuple[Case, str], ...]
    #: How many counterexamples there were, where ``counterexamples`` keeps only the ones shown
    #: (:meth:`shortened`); ``None``: it keeps them all.
    found: int | None = None

    @property
    def counted(self) -> int:
        """The number of counterexamples found."""
        return len(self.counterexamples) if self.found is None else self.found

    def shown(self) -> tuple[tuple[Case, str], ...]:
        """Up to SHOWN_COUNTEREXAMPLES counterexamples, from different operations if possible."""
        first_per_operation: dict[str, tuple[Case, str]] = {}
        for case, reason in self.counterexamples:
            first_per_operation.setdefault(case.operation, (case, reason))
        chosen = list(first_per_operation.values())[:SHOWN_COUNTEREXAMPLES]
        rest = [pair for pair in self.counterexamples if pair not in chosen]
        return tuple(chosen + rest[: SHOWN_COUNTEREXAMPLES - len(chosen)])

    def shortened(self) -> Finding:
        """The same finding keeping only the counterexamples shown (and their number), so a
        build can hold the findings of every run without holding their cases."""
        return replace(self, counterexamples=self.shown(), found=self.counted)


def claim_numbered(number: int) -> Claim:
    """The claim with this number."""
    return next(claim for claim in CLAIMS if claim.number == number)


def check_claim(claim: Claim, run: Run) -> Finding:
    supporting = 0
    counter: list[tuple[Case, str]] = []
    for case in run.cases:
        if not claim.selects(case):
            continue
        outcome = claim.judge(case)
        if outcome is True:
            supporting += 1
        elif isinstance(outcome, str) and outcome:
            counter.append((case, outcome))
    if counter:
        status = "false"
    elif supporting:
        status = "holds"
    else:
        status = "no evidence"
    return Finding(claim, status, supporting, tuple(counter))
