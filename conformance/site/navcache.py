"""The theme's navigation, rendered once per group of sibling pages instead of once per page.

The theme (mkdocs-material) renders the whole navigation for every page, and with hundreds of
operation pages that was half of the mkdocs build. Two pages in the same directory under the
same sections get the same navigation except for their own entry: the current page is marked
active and carries its table of contents. So the navigation of a group is rendered once, with
the first page's entry put back as a plain link, and every page of the group gets that HTML
with its own plain entry swapped for its active one. Both entries come from the theme's own
``nav-item`` macro, so the result is the theme's markup; where the swap is not exactly one
replacement, the page gets a full render. ``COPYVIEW_NAV_CACHE=0`` always renders in full (a
test compares the two on every page).
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

#: The theme folder copyview puts in front of the theme's own: it overrides partials/nav.html.
THEME_DIR = Path(__file__).with_name("theme")
NAV = "partials/nav.html"
NAV_ITEM = "partials/nav-item.html"


class _Plain:
    """A nav entry seen as not active and not the current page, whatever it is now."""

    active = False

    def __init__(self, item: Any) -> None:
        self._item = item

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)


class NavCache:
    """``copyview_nav()`` for one build: the theme's navigation, shared within groups."""

    def __init__(self, env: Environment, theme_dirs: list[str]) -> None:
        self._env = env
        self._original = self._theme_nav(env, theme_dirs)
        self._groups: dict[tuple[Any, ...], str] = {}
        self.enabled = os.environ.get("COPYVIEW_NAV_CACHE", "1") != "0"

    @staticmethod
    def _theme_nav(env: Environment, theme_dirs: list[str]) -> Template:
        for directory in theme_dirs:
            path = Path(directory, NAV)
            if Path(directory) != THEME_DIR and path.is_file():
                return env.from_string(path.read_text(encoding="utf-8"))
        raise FileNotFoundError(f"the theme has no {NAV}")

    def __call__(self, context: Context) -> Markup:
        variables = context.get_all()
        page = variables.get("page")
        if not self.enabled or page is None or getattr(page, "parent", None) is None:
            return Markup(self._original.render(variables))
        # The theme's macro for one entry (path, level and parent matter only to sections).
        module: Any = self._env.get_template(NAV_ITEM).make_module(variables)
        entry = module.render  # a macro of the template, not TemplateModule's own
        key = (posixpath.dirname(page.url), tuple(id(s) for s in page.ancestors))
        own_plain = str(entry(_Plain(page), "", 0, None))
        own_active = str(entry(page, "", 0, None))
        shared = self._groups.get(key)
        if shared is None:
            full = self._original.render(variables)
            if full.count(own_active) != 1:
                return Markup(full)
            self._groups[key] = full.replace(own_active, own_plain)
            return Markup(full)
        if shared.count(own_plain) != 1:
            return Markup(self._original.render(variables))
        return Markup(shared.replace(own_plain, own_active))


def install(env: Environment, theme_dirs: list[str]) -> None:
    """Register ``copyview_nav`` (which the overriding partials/nav.html calls) for this build."""
    env.globals["copyview_nav"] = pass_context(NavCache(env, theme_dirs))
