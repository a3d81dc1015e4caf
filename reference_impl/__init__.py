"""reference_impl: a small pure-Python strided array that reproduces NumPy's copy/view semantics."""

from reference_impl.layout import Layout

__all__ = ["Layout"]
