"""A module that raises ImportError when imported, as a library with a missing shared object."""

raise ImportError("libcopyview_missing.so: cannot open shared object file\nsecond line")
