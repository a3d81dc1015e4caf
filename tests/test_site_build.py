"""Building the site from fixture results: pages, anchors, badges, escaping, offline, atomicity."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conformance.site import build_site, main
from conformance.site.build import BuildError
from conformance.site.config import JUPYTER, MARKDOWN_EXTENSIONS, PLUGINS, THEME
from conformance.site.results import load_many

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "results"
HOSTILE = FIXTURES / "hostile"
LOCAL_HOSTS = ("127.0.0.1", "localhost")


class Resources(HTMLParser):
    """Collects every URL a browser would fetch while loading the page, and matrix facts."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.ids: set[str] = set()
        self.matrix_rows: list[str] = []
        self.matrix_columns: list[str] = []
        self._in_matrix_head = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"} and a.get("src"):
            self.fetched.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") not in {"canonical", "alternate"}:
            self.fetched.append(a["href"])
        if tag == "object" and a.get("data"):
            self.fetched.append(a["data"])
        for url in re.findall(r"url\(['\"]?([^)'\"]+)", a.get("style") or ""):
            self.fetched.append(url)
        if tag == "tr" and "data-operation" in a:
            self.matrix_rows.append(a["data-operation"])
        if tag == "th" and "data-library" in a:
            self.matrix_columns.append(a["data-library"])


def parse(path: Path) -> Resources:
    parser = Resources()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def external(url: str) -> bool:
    if url.startswith("data:"):
        return False
    match = re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//([^/:]+)", url, re.I)
    return bool(match) and match.group(1) not in LOCAL_HOSTS


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    build_site([FIXTURES], out)
    return out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    build_site([FIXTURES, HOSTILE], out)
    return out


def test_site_has_every_generated_page(site):
    runs = [r for r in load_many([FIXTURES]) if r.version != "2.3.0"]
    for page in (
        "index.html",
        "matrix.html",
        "myths.html",
        "diffs/numpy.html",
        "libraries/numpy.html",
        "libraries/torch.html",
        "libraries/jax.html",
    ):
        assert (site / page).is_file(), page
    # Only the newest run of each backend has operation pages (ravel is in the older one).
    operations = {c.operation for r in runs for c in r.cases}
    assert {p.stem for p in (site / "operations").glob("*.html")} == operations


def test_matrix_has_a_row_per_operation_and_a_column_per_library(site):
    matrix = parse(site / "matrix.html")
    current = [r for r in load_many([FIXTURES]) if r.version != "2.3.0"]
    assert sorted(matrix.matrix_rows) == sorted({c.operation for r in current for c in r.cases})
    assert matrix.matrix_columns == ["jax", "numpy", "torch"]
    html = (site / "matrix.html").read_text()
    assert 'id="cv-category"' in html and 'id="cv-profile"' in html
    assert "assets/copyview.js" in html and "assets/copyview.css" in html


def test_operation_page_has_a_permanent_anchor_per_case(site):
    page = parse(site / "operations" / "reshape-flat.html")
    assert {"reshape-flat[contig-2d-float64]", "reshape-flat[strided-cols-2d-float64]"} <= page.ids
    html = (site / "operations" / "reshape-flat.html").read_text()
    assert "What NumPy does" in html and "intermediate array" in html
    assert "x.reshape(-1)" in html


def test_library_page_lists_failures_with_witnesses_and_repro(site):
    html = (site / "libraries" / "torch.html").read_text()
    failures = html.split('id="failures"')[1].split('id="known-deviations"')[0]
    assert "broadcast-to[contig-2d-float64]" in failures
    assert "mutation_forward" in failures and "import torch" in failures
    assert "2.13.0+cpu" in html and "Linux-6.1-x86_64" in html


def test_known_deviation_is_listed_with_its_reason(site):
    html = (site / "libraries" / "jax.html").read_text()
    known = html.split('id="known-deviations"')[1]
    assert "setitem-fancy[contig-2d-float64]" in known
    assert "JAX has no in-place writes" in known


def test_older_run_gets_a_diff_page(site):
    html = (site / "diffs" / "numpy.html").read_text()
    assert "numpy 2.3.0" in html and "numpy 2.4.6" in html
    assert "Fixed (1)" in html and "Added (1)" in html and "Removed (1)" in html


def test_myths_page_shows_counterexample_with_repro(site):
    html = (site / "myths.html").read_text()
    for number in range(1, 13):
        assert f'id="myth-{number}"' in html
    assert "no evidence" in html
    assert "reshape-fortran[contig-2d-float64]" in html


def test_badges_exist_per_library_and_profile(site):
    for backend in ("numpy", "torch", "jax"):
        for profile in ("numpy", "array-api", "consistency"):
            doc = json.loads((site / "badges" / f"{backend}-{profile}.json").read_text())
            assert doc["label"] == f"copy/view ({profile} profile)"
            assert (site / "badges" / f"{backend}-{profile}.svg").read_text().startswith("<svg")
    # torch fails the numpy profile on 3 of its 18 cases.
    assert json.loads((site / "badges" / "torch-numpy.json").read_text())["message"] == "15/18"


def test_nothing_is_fetched_from_outside(site):
    offenders = []
    for page in site.rglob("*.html"):
        offenders += [(page.name, url) for url in parse(page).fetched if external(url)]
    for sheet in site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        offenders += [
            (sheet.name, u) for u in re.findall(r"url\(['\"]?([^)'\"]+)", text) if external(u)
        ]
        offenders += [(sheet.name, m) for m in re.findall(r"@import[^;]+", text)]
    assert offenders == []


def test_hostile_strings_render_as_text(hostile_site):
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("pwned")' not in html, page
        assert "<img src=x" not in html, page
        assert 'href="http://evil.example/"' not in html, page
    library = next((hostile_site / "libraries").glob("script-alert*.html")).read_text()
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in library
    assert "<title>&lt;script&gt;" in library


def test_rebuild_replaces_site_and_failed_build_keeps_it(tmp_path, capsys):
    out = tmp_path / "site"
    assert main([str(FIXTURES / "numpy.json"), "-o", str(out), "--standalone"]) == 0
    assert not (out / "libraries" / "torch.html").exists()
    assert main([str(FIXTURES), "-o", str(out), "--standalone"]) == 0
    assert (out / "libraries" / "torch.html").exists()
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    bad = FIXTURES / "bad" / "malformed.json"
    assert main([str(FIXTURES), str(bad), "-o", str(out), "--standalone"]) == 2
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert "pages from 4 results file(s), 3 libraries" in capsys.readouterr().out


def test_refuses_to_replace_a_directory_it_did_not_build(tmp_path):
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(BuildError, match="not a copyview site"):
        build_site([FIXTURES], precious)
    assert (precious / "notes.txt").read_text() == "keep me"


def test_no_results_is_an_error_not_an_empty_site(tmp_path, capsys):
    empty = tmp_path / "results"
    empty.mkdir()
    with pytest.raises(BuildError, match="no results files"):
        build_site([empty], tmp_path / "site")
    assert main([str(empty), "-o", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no results files" in err
    assert not (tmp_path / "site").exists()


def test_an_output_that_holds_an_input_is_refused_and_the_input_kept(tmp_path, capsys):
    shared = tmp_path / "S"
    shared.mkdir()
    for path in FIXTURES.glob("*.json"):
        shutil.copy(path, shared)
    before = sorted(p.name for p in shared.iterdir())
    assert main([str(shared), "-o", str(shared)]) == 2
    assert "holds the input" in capsys.readouterr().err
    # An earlier site built into S, then results added beside it: still refused.
    site = tmp_path / "site"
    build_site([shared], site)
    shutil.copy(shared / before[0], site / before[0])
    assert main([str(site), "-o", str(site)]) == 2
    assert sorted(p.name for p in shared.iterdir()) == before
    assert (site / before[0]).is_file()


def test_a_rebuild_replaces_only_what_the_site_wrote(tmp_path, capsys):
    site = tmp_path / "site"
    build_site([FIXTURES / "numpy.json"], site)
    manifest = (site / ".copyview-site").read_text().splitlines()
    assert "index.html" in manifest and "matrix.html" in manifest
    build_site([FIXTURES / "numpy.json"], site)  # only its own files: replaced
    (site / "notes.txt").write_text("mine")
    assert main([str(FIXTURES / "numpy.json"), "-o", str(site)]) == 2
    assert "notes.txt, which the site did not write" in capsys.readouterr().err
    assert (site / "notes.txt").read_text() == "mine"


def test_repository_mkdocs_yml_matches_the_standalone_config():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.SafeLoader)
    assert config["theme"] == THEME
    assert config["theme"]["font"] is False
    assert config["markdown_extensions"] == MARKDOWN_EXTENSIONS
    assert config["plugins"] == PLUGINS
    assert JUPYTER["execute"] is True and JUPYTER["allow_errors"] is False
    assert JUPYTER["cache"] is False
    assert config["hooks"] == ["conformance/site/mkdocs_hook.py"]
    assert config["use_directory_urls"] is False
    names = {p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]}
    assert not names & {"social", "privacy", "offline"}


def repo_config_without_tutorials(tmp_path: Path, notebooks: dict[str, str]) -> Path:
    """The repository's mkdocs.yml over a copy of docs/ whose tutorials are ``notebooks``.

    The real tutorials belong to another part of the project and run for minutes; these tests
    check the wiring (hook, nav, notebook execution) on small inputs of their own.
    """
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("tutorials"))
    (docs / "tutorials").mkdir()
    for name, text in notebooks.items():
        (docs / "tutorials" / name).write_text(text)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.SafeLoader)
    config["docs_dir"] = str(docs)
    config["hooks"] = [str(ROOT / h) for h in config["hooks"]]
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config))
    return path


def mkdocs_build(config: Path, out: Path, results: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COPYVIEW_RESULTS": str(results), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(config),
            "-d",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def notebook(source: str) -> str:
    return json.dumps(
        {
            "cells": [
                {"cell_type": "markdown", "metadata": {}, "source": "# A tutorial"},
                {
                    "cell_type": "code",
                    "metadata": {},
                    "execution_count": None,
                    "outputs": [],
                    "source": source,
                },
            ],
            "metadata": {
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_plain_mkdocs_build_reads_results_from_environment(tmp_path):
    out = tmp_path / "site"
    done = mkdocs_build(repo_config_without_tutorials(tmp_path, {}), out, FIXTURES)
    assert done.returncode == 0, done.stderr
    assert (out / "ci.html").is_file() and (out / "libraries" / "numpy.html").is_file()
    assert "Use copyview in your CI" in (out / "index.html").read_text()


def test_notebooks_are_executed_and_listed_under_tutorials(tmp_path):
    out = tmp_path / "site"
    config = repo_config_without_tutorials(
        tmp_path, {"b.ipynb": notebook("print(6 * 7)"), "a.ipynb": notebook("print('first')")}
    )
    done = mkdocs_build(config, out, FIXTURES / "numpy.json")
    assert done.returncode == 0, done.stderr
    page = (out / "tutorials" / "b.html").read_text()
    assert "42" in page
    index = (out / "index.html").read_text()
    tutorials = index.split("Tutorials", 1)[1]
    assert tutorials.index("tutorials/a.html") < tutorials.index("tutorials/b.html")
    assert not [u for u in parse(out / "tutorials" / "b.html").fetched if external(u)]
    # nbconvert's Mermaid loader (an import() from cdnjs) is removed from notebook pages.
    assert "cdnjs" not in page and 'import("http' not in page


def test_failing_notebook_fails_the_build(tmp_path):
    config = repo_config_without_tutorials(tmp_path, {"x.ipynb": notebook("1 / 0")})
    done = mkdocs_build(config, tmp_path / "site", FIXTURES / "numpy.json")
    assert done.returncode != 0
    assert "ZeroDivisionError" in done.stderr


def test_plain_mkdocs_build_fails_with_one_line_naming_bad_file(tmp_path):
    config = repo_config_without_tutorials(tmp_path, {})
    done = mkdocs_build(config, tmp_path / "site", FIXTURES / "bad" / "wrong-version.json")
    assert done.returncode != 0
    assert "wrong-version.json: schema_version 99 is not supported" in done.stderr


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key) and tag in {"a", "img", "script", "link"}:
                self.targets.append(a[key])


@pytest.mark.parametrize("built", ["site", "hostile_site"])
def test_every_local_link_and_anchor_resolves(built, request):
    site = request.getfixturevalue(built)
    ids: dict[Path, set[str]] = {}
    broken = []
    # 404.html links from the site root (it is served for any missing path): left out.
    for page in (p for p in site.rglob("*.html") if p.name != "404.html"):
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        for target in links.targets:
            parts = urlsplit(target)
            if parts.scheme or target.startswith("//"):
                continue
            path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append((page.relative_to(site), target))
            elif parts.fragment and path.suffix == ".html":
                if path not in ids:
                    ids[path] = parse(path).ids
                if unquote(parts.fragment) not in ids[path]:
                    broken.append((page.relative_to(site), target))
    assert broken == []


def test_operation_page_has_no_column_for_a_library_without_its_cases(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    shutil.copy(FIXTURES / "numpy.json", results / "numpy.json")
    torch = json.loads((FIXTURES / "torch.json").read_text())
    torch["cases"] = [c for c in torch["cases"] if c["operation"] == "copy"]
    (results / "torch.json").write_text(json.dumps(torch))
    out = tmp_path / "site"
    build_site([results], out)
    column = re.compile(r'<th><a href="[^"]*libraries/torch\.html">torch</a></th>')
    assert column.search((out / "operations" / "copy.html").read_text())
    assert not column.search((out / "operations" / "reshape-flat.html").read_text())
