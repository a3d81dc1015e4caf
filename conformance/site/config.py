"""The mkdocs configuration of a copyview site, for builds outside this repository.

``copyview site`` run in a project without copyview's ``mkdocs.yml`` builds with this
configuration and an empty docs directory, so the site is just the generated pages. The
repository's own ``mkdocs.yml`` spells out the same settings (a test keeps them in step) and
adds the hand-written pages and the tutorial notebooks (and the plugin that runs them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

HOOK = Path(__file__).with_name("mkdocs_hook.py")

THEME: dict[str, Any] = {
    "name": "material",
    # Offline: no Google Fonts (the theme falls back to system fonts).
    "font": False,
    "features": ["navigation.sections", "navigation.prune", "navigation.top", "content.code.copy"],
    "palette": [
        {
            "scheme": "default",
            "primary": "indigo",
            "toggle": {"icon": "material/brightness-7", "name": "Dark mode"},
        },
        {
            "scheme": "slate",
            "primary": "indigo",
            "toggle": {"icon": "material/brightness-4", "name": "Light mode"},
        },
    ],
}

MARKDOWN_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "tables",
    {"toc": {"permalink": True}},
    "pymdownx.highlight",
    "pymdownx.superfences",
]

JUPYTER: dict[str, Any] = {
    "include": ["tutorials/*.ipynb"],
    # Markdown is never a notebook here (only .ipynb files are included), and without this
    # the plugin parses every page with jupytext to find out: seconds for the generated pages.
    "ignore": ["*.md"],
    "execute": True,
    "allow_errors": False,
    # A cached notebook could show output from an older copyview: always execute afresh.
    "cache": False,
    "include_requirejs": False,
    # Offline: the default loads MathJax from a CDN; an empty script loads nothing.
    "custom_mathjax_url": "data:text/javascript,",
}

PLUGINS: list[Any] = ["search", {"mkdocs-jupyter": JUPYTER}]
# A standalone site has no notebooks (its docs directory is empty): loading mkdocs-jupyter,
# which imports nbconvert and jupytext, would cost every build about a second for nothing.
STANDALONE_PLUGINS: list[Any] = ["search"]


def site_config(docs_dir: Path, site_dir: Path, results: str = "results") -> dict[str, Any]:
    """A complete mkdocs configuration for a standalone copyview site."""
    return {
        "site_name": "copyview results",
        "site_description": "Copy/view behaviour of array libraries, checked by copyview.",
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": False,
        "theme": THEME,
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "plugins": STANDALONE_PLUGINS,
        "hooks": [str(HOOK)],
        "extra": {"copyview_results": results},
    }
