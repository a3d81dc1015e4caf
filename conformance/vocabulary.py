"""The suite's vocabulary: the only spelling of classes, verdicts, profiles and the other words
that results carry. The suite, the site and the tests import these names instead of typing the
strings.

Every name is a :class:`StrEnum`, so a member *is* its string: it compares equal to it, and
``json.dumps`` writes it as the plain word. Results written before this module existed read
back unchanged.
"""

from __future__ import annotations

import sys
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - Python 3.10

    class StrEnum(str, Enum):
        """``enum.StrEnum`` of Python 3.11: members format and print as their value."""

        def __str__(self) -> str:
            return str(self.value)

        def __format__(self, spec: str) -> str:
            return str.__format__(str(self.value), spec)


class Behaviour(StrEnum):
    """What an operation's result is, relative to its input, as the witnesses saw it."""

    SAME_OBJECT = "same-object"
    VIEW = "view"
    READ_ONLY_VIEW = "read-only-view"
    COPY_ON_WRITE = "copy-on-write"
    COPY = "copy"
    #: Writes to the input reach the result, but writes to the result do not reach the input
    #: (a view is both ways; a result that only receives is not one).
    ONE_WAY_FROM_INPUT = "one-way-from-input"
    #: Writes to the result reach the input, but not the other way.
    ONE_WAY_TO_INPUT = "one-way-to-input"
    IMMUTABLE = "immutable"
    SCALAR = "scalar"
    ERROR = "error"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not-applicable"
    #: The worker process died during the case, or the case ran out of time.
    CRASHED = "crashed"
    TIMEOUT = "timeout"
    #: The case never ran: its worker could not be (re)started, or the run was stopped.
    NOT_RUN = "not-run"


class Verdict(StrEnum):
    """A profile's recorded judgement of one case."""

    PASS = "pass"
    FAIL = "fail"
    #: A failure under a profile the library does not promise: reported, never counted.
    DIFFERS = "differs"
    KNOWN = "known"
    UNEXPECTED_PASS = "unexpected-pass"
    NOT_APPLICABLE = "not-applicable"
    CRASHED = "crashed"
    TIMEOUT = "timeout"
    #: The case never ran (its worker could not restart, or the run was stopped); counted
    #: against a promised profile like a crash, because nothing shows that it would pass.
    NOT_RUN = "not-run"


#: Verdicts in the order tables show them.
VERDICTS: tuple[Verdict, ...] = tuple(Verdict)

#: Verdicts that make ``copyview run`` exit 1 when they appear on a promised profile.
FAILING: tuple[Verdict, ...] = (Verdict.FAIL, Verdict.CRASHED, Verdict.TIMEOUT, Verdict.NOT_RUN)


class Profile(StrEnum):
    """A set of expectations a case is judged by."""

    NUMPY = "numpy"
    ARRAY_API = "array-api"
    CONSISTENCY = "consistency"


PROFILES: tuple[Profile, ...] = tuple(Profile)


class Api(StrEnum):
    """The kind of namespace an operation is written against."""

    NUMPY = "numpy"
    ARRAY_API = "array-api"
    #: The array object's own syntax (indexing, assignment, operators, ``.T``): it needs no
    #: namespace, so it runs on every backend (the Array API namespace, when there is one,
    #: supplies ``asarray`` for index arrays).
    SYNTAX = "syntax"


class BaseTarget(StrEnum):
    """Where a result's ``.base`` points, relative to the case's input."""

    NONE = "none"
    INPUT = "input"
    INPUT_BASE = "input-base"
    INTERMEDIATE = "intermediate"


class Rule(StrEnum):
    """The Array API standard's normative rules an operation can be subject to."""

    MUST_COPY = "must-copy"
    MUST_NOT_COPY = "must-not-copy"
    REUSE = "reuse"
    SAME_OBJECT = "same-object"
    MUST_RAISE = "must-raise"
    IN_PLACE = "in-place"
    SETITEM = "setitem"


#: What each rule says, in the standard's terms (shown on the site and in messages).
RULE_TEXT: dict[Rule, str] = {
    Rule.MUST_COPY: "copy=True (or astype to a new dtype): a newly allocated array is returned",
    Rule.MUST_NOT_COPY: "copy=False: never copies (raising ValueError/BufferError is allowed)",
    Rule.REUSE: "copy=None with nothing to convert: reuses the existing buffer",
    Rule.SAME_OBJECT: "astype(x, x.dtype, copy=False): the input array itself is returned",
    Rule.MUST_RAISE: "copy=False when a copy is needed (dtype change): raises ValueError",
    Rule.IN_PLACE: "x1 op= x2: dtype and shape of x1 unchanged, values as x1[...] = x1 op x2",
    Rule.SETITEM: "__setitem__: dtype and shape of self unchanged",
}


class Declared(StrEnum):
    """What a hand-off between libraries promises about memory."""

    #: Documented zero-copy: the receiver's array must share the sender's bytes.
    SHARE = "share"
    #: A copy is requested: the receiver's array must not share them.
    COPY = "copy"


class Tag(StrEnum):
    """What kind of operation a case runs, written by the catalogue so that readers of results
    (the site's myths page) select cases by meaning, never by parsing ids or expressions."""

    #: Basic indexing with slices only (``x[::2]``, ``x[..., 1:]``).
    SLICE = "slice"
    #: Other basic indexing (``x[0]``, ``x[None]``, ``x[...]``).
    INDEX = "index"
    #: Advanced indexing: integer arrays or lists, boolean masks, ``True``.
    FANCY = "fancy"
    #: Assignment through an index (``y[key] = v``, ``y[key] += v``).
    ASSIGN = "assign"
    #: Element-wise arithmetic, operators and functions that compute values.
    ARITHMETIC = "arithmetic"
    #: Writes its result into an existing array (``op=``, ``out=``, ``sort()``).
    IN_PLACE = "in-place"
    TRANSPOSE = "transpose"
    RESHAPE = "reshape"
    #: An explicit copy (``x.copy()``, ``np.copy(x)``).
    COPY = "copy"
    ASARRAY = "asarray"
    #: The call asks for a copy (``copy=True``).
    COPY_REQUESTED = "copy-requested"
    #: A chain of several operations (claims about one operation skip it).
    CHAIN = "chain"
    #: A hand-off between two libraries.
    EXCHANGE = "exchange"
