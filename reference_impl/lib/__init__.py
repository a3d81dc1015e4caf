"""``reference_impl.lib``: mirrors ``numpy.lib`` for the parts copy/view semantics need."""

from reference_impl.lib import stride_tricks

__all__ = ["stride_tricks"]
