"""The mkdocs hook that turns results JSON into pages, for ``mkdocs build`` and ``copyview site``.

Where the results come from, first match wins:

1. ``extra.copyview_results_files`` (a list), which ``copyview site`` sets programmatically;
2. the ``COPYVIEW_RESULTS`` environment variable, paths separated by ``os.pathsep``;
3. ``extra.copyview_results`` in mkdocs.yml (a path or list of paths, relative to mkdocs.yml);
4. ``results/`` next to mkdocs.yml.

Directories stand for the ``*.json`` files inside them. A bad results file stops the build with
a one-line error naming the file.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conformance.site.generate import generate_files, generate_names, navigation
from conformance.site.markup import fill_slots, split_slots
from conformance.site.model import ASSETS_CSS, ASSETS_JS, build_model
from conformance.site.offline import strip_cdn_loaders
from conformance.site.results import ResultsError, load_many

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
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    sources = [p for p in results_sources(config) if p.exists() or p.suffix == ".json"]
    try:
        runs = load_many(sources)
    except ResultsError as exc:
        raise PluginError(f"copyview: {exc}") from None
    if not runs:
        log.info(
            "copyview: no results found in %s; the pages say so",
            ", ".join(str(s) for s in results_sources(config)),
        )
    try:
        site = build_model(runs, config.extra.get("copyview_show") or None)
    except ValueError as exc:
        raise PluginError(f"copyview: {exc}") from None
    owned = generate_names(site)
    hand_written = [f.src_uri for f in files if f.src_uri not in owned]
    for src_uri, content in generate_files(site).items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        slots: tuple[str, ...] = ()
        if src_uri.endswith(".md"):
            content, slots = split_slots(content)
        generated = File.generated(config, src_uri, content=content)
        # The page's large HTML blocks ride on its File until on_post_page puts them back.
        generated.copyview_slots = slots  # type: ignore[attr-defined]
        files.append(generated)
    config.nav = navigation(site, hand_written)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    slots = getattr(page.file, "copyview_slots", ())
    if slots:
        return fill_slots(output, slots)
    # Only hand-written pages and notebooks can carry CDN loaders; generated ones never do.
    return strip_cdn_loaders(output)
