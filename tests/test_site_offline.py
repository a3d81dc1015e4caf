"""Removing CDN loaders from built pages, and only those."""

from conformance.site.offline import strip_cdn_loaders

LOADER = (
    '<script type="module">\n  const m = (await import('
    '"https://cdnjs.cloudflare.com/ajax/libs/mermaid/11.10.0/mermaid.esm.min.mjs"));\n'
    "</script>"
)


def test_mermaid_loader_is_removed_and_other_scripts_kept():
    page = f"<p>a</p>{LOADER}<script>var cdn = 'cdnjs.cloudflare.com';</script><p>b</p>"
    assert strip_cdn_loaders(page) == (
        "<p>a</p><script>var cdn = 'cdnjs.cloudflare.com';</script><p>b</p>"
    )


def test_script_with_cdn_src_is_removed():
    page = '<script src="https://cdn.jsdelivr.net/npm/x.js"></script><script src="a.js"></script>'
    assert strip_cdn_loaders(page) == '<script src="a.js"></script>'


def test_page_without_cdn_is_returned_unchanged():
    page = "<script>let x = 1;</script>"
    assert strip_cdn_loaders(page) is page
