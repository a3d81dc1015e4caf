"""The copyview site: pages, badges and diffs generated from results JSON, nothing else.

mkdocs is imported only by the site build: ``copyview diff`` and ``copyview badge`` work
without the ``site`` extra.
"""

from __future__ import annotations

from typing import Any

from conformance.site.cli import badge_main, diff_main, main

__all__ = ["BuildReport", "badge_main", "build_site", "diff_main", "main"]


def __getattr__(name: str) -> Any:
    if name in ("BuildReport", "build_site"):
        from conformance.site import build

        return getattr(build, name)
    raise AttributeError(f"module 'conformance.site' has no attribute {name!r}")
