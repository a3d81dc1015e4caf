"""The copyview site: pages, badges and diffs generated from results JSON, nothing else."""

from conformance.site.build import BuildReport, build_site
from conformance.site.cli import badge_main, diff_main, main

__all__ = ["BuildReport", "badge_main", "build_site", "diff_main", "main"]
