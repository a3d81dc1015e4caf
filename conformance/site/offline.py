"""Keeping built pages offline: remove the CDN loaders that notebook pages carry.

nbconvert's HTML template, which mkdocs-jupyter uses, appends a module script that imports
Mermaid from cdnjs when a notebook shows a Mermaid diagram; mkdocs-jupyter has no option to
point it elsewhere. The tutorials have no Mermaid output, so the loader is removed outright.
(MathJax, the other CDN script, is configured away in mkdocs.yml: ``custom_mathjax_url``.)
"""

from __future__ import annotations

import re

CDN_HOSTS = ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com")
_MODULE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)


def strip_cdn_loaders(html: str) -> str:
    """``html`` without the inline scripts that import code from a CDN."""
    if not any(host in html for host in CDN_HOSTS):
        return html

    def keep(match: re.Match[str]) -> str:
        script = match.group(0)
        loads = re.search(r"""import\(\s*["']https?://|src=["']https?://""", script)
        return "" if loads and any(host in script for host in CDN_HOSTS) else script

    return _MODULE_SCRIPT.sub(keep, html)
