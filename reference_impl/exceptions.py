"""Exceptions raised by reference_impl, mirroring ``numpy.exceptions`` in name and base classes.

Code written for NumPy catches these by their base classes (``RuntimeError``, ``ValueError``,
``IndexError``), so the same ``except`` clauses work on both implementations.
"""

from __future__ import annotations

import warnings


class TooHardError(RuntimeError):
    """The overlap solver gave up: the search needed more than ``max_work`` units of work.

    Like ``numpy.exceptions.TooHardError``, it is a ``RuntimeError``: the question has an
    answer, but finding it exactly was not allowed to cost that much.
    """


class AxisError(ValueError, IndexError):
    """An axis argument is out of range for an array of a given number of dimensions.

    Built like ``numpy.exceptions.AxisError``: ``AxisError(axis, ndim, msg_prefix=None)``
    makes the standard message (``"axis 3 is out of bounds for array of dimension 2"``,
    optionally prefixed), while ``AxisError(message)`` carries a ready-made message. It is both a
    ``ValueError`` and an ``IndexError`` because NumPy's callers historically caught either.
    """

    axis: int | None
    ndim: int | None

    def __init__(
        self, axis: int | str, ndim: int | None = None, msg_prefix: str | None = None
    ) -> None:
        if ndim is None and msg_prefix is None:
            # One argument: it is the whole message, and there is no axis to report.
            self.axis = None
            self.ndim = None
            super().__init__(axis)
            return
        self.axis = int(axis)
        self.ndim = ndim
        self._msg_prefix = msg_prefix
        # Keep the constructor arguments as args so that pickling rebuilds the same error.
        if msg_prefix is None:
            super().__init__(axis, ndim)
        else:
            super().__init__(axis, ndim, msg_prefix)

    def __str__(self) -> str:
        if self.axis is None and self.ndim is None:
            return str(self.args[0])
        message = f"axis {self.axis} is out of bounds for array of dimension {self.ndim}"
        if self._msg_prefix is not None:
            message = f"{self._msg_prefix}: {message}"
        return message


class ComplexWarning(RuntimeWarning):
    """A cast from a complex dtype to a real one discards the imaginary part (as
    ``numpy.exceptions.ComplexWarning``, also a ``RuntimeWarning``)."""


def warn_if_complex_to_real(source_kind: str, target_kind: str) -> None:
    """NumPy's warning for casting complex values to an integer or floating dtype (a cast to
    bool tests for non-zero and does not warn)."""
    if source_kind == "c" and target_kind in "iuf":
        warnings.warn(
            "Casting complex values to real discards the imaginary part",
            ComplexWarning,
            stacklevel=3,
        )
