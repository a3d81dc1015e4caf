"""The mkdocs hook that turns results JSON into pages, for ``mkdocs build`` and ``copyview site``.

Where the results come from, first match wins:

1. ``extra.copyview_results_files`` (a list), which ``copyview site`` sets programmatically;
2. the ``COPYVIEW_RESULTS`` environment variable, paths separated by ``os.pathsep``;
3. ``extra.copyview_results`` in mkdocs.yml (a path or list of paths, relative to mkdocs.yml);
4. ``results/`` next to mkdocs.yml.

Directories stand for the ``*.json`` files inside them. A bad results file stops the build with
a one-line error naming the file. ``copyview site`` reads the results itself before mkdocs
starts and hands the generated files over in ``extra.copyview_prepared``.

Generated pages are read from disk by mkdocs; their large HTML blocks (slots) are put back
into each finished page from the file beside it, so the build never holds them all.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conformance.site.generate import SLOTS, generate_names, navigation
from conformance.site.markup import fill_slots, unpack_slots
from conformance.site.model import ASSETS_CSS, ASSETS_JS
from conformance.site.navcache import THEME_DIR, install
from conformance.site.offline import strip_cdn_loaders
from conformance.site.prepare import Prepared, prepare
from conformance.site.results import ResultsError

log = logging.getLogger("mkdocs.hooks.copyview")


def results_sources(config: MkDocsConfig) -> list[Path]:
    explicit = config.extra.get("copyview_results_files")
    if explicit is not None:
        return [Path(p) for p in explicit]
    env = os.environ.get("COPYVIEW_RESULTS")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    root = Path(config.config_file_path or ".").resolve().parent
    configured = config.extra.get("copyview_results", "results")
    entries = configured if isinstance(configured, list) else [configured]
    return [root / str(entry) for entry in entries]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Generated pages link to each other with relative ``.html`` URLs (markup.href), which
    # also makes the built site browsable from disk.
    config.use_directory_urls = False
    for sheet, target in ((ASSETS_CSS, config.extra_css), (ASSETS_JS, config.extra_javascript)):
        if sheet not in target:
            target.append(sheet)
    # copyview's partials/nav.html, in front of the theme's: the navigation is rendered once
    # per group of sibling pages (navcache).
    if str(THEME_DIR) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(THEME_DIR))
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    install(env, config.theme.dirs)
    return env


def _prepare(config: MkDocsConfig) -> Prepared:
    """Generate the pages from the results (a plain ``mkdocs build`` or ``mkdocs serve``)."""
    sources = [p for p in results_sources(config) if p.exists() or p.suffix == ".json"]
    scratch = tempfile.TemporaryDirectory(prefix="copyview-site-")
    # Removed after the build (on_post_build), or at exit when the build fails.
    config.extra["copyview_scratch"] = scratch
    try:
        prepared = prepare(sources, Path(scratch.name), config.extra.get("copyview_show") or None)
    except (ResultsError, ValueError) as exc:
        raise PluginError(f"copyview: {exc}") from None
    if not prepared.results_files:
        log.info(
            "copyview: no results found in %s; the pages say so",
            ", ".join(str(s) for s in results_sources(config)),
        )
    return prepared


def on_files(files: Files, config: MkDocsConfig) -> Files:
    prepared = config.extra.get("copyview_prepared") or _prepare(config)
    site = prepared.site
    owned = generate_names(site)
    hand_written = [f.src_uri for f in files if f.src_uri not in owned]
    for src_uri in prepared.files:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        path = prepared.directory / src_uri
        generated = File.generated(config, src_uri, abs_src_path=str(path))
        slots = path.with_name(path.name + SLOTS)
        # Where the page's large HTML blocks wait until on_post_page puts them back.
        generated.copyview_slots = slots if slots.is_file() else None  # type: ignore[attr-defined]
        files.append(generated)
    config.nav = navigation(site, hand_written)
    return files


def on_post_build(config: MkDocsConfig) -> None:
    scratch = config.extra.pop("copyview_scratch", None)
    if scratch is not None:
        scratch.cleanup()


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    slots = getattr(page.file, "copyview_slots", None)
    if slots is not None:
        with slots.open(encoding="utf-8", newline="") as packed:
            return fill_slots(output, unpack_slots(packed.read()))
    # Only hand-written pages and notebooks can carry CDN loaders; generated ones never do.
    return strip_cdn_loaders(output)
