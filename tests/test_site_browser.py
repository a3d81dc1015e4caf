"""The built matrix page in headless Chromium: table shape, filters, no outside request, no error.

The site is served on 127.0.0.1 by a server that logs what it serves; Chromium is pointed at a
proxy that refuses and records every request that would leave the machine (loopback addresses
bypass the proxy). Console messages come from Chromium's own log. Skips, with the reason, when
Chromium is not installed (Debian: ``apt-get install chromium chromium-driver``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conformance.site import build_site

FIXTURES = Path(__file__).parent / "fixtures" / "results"
CHROMIUM = next(
    filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install -y chromium chromium-driver)",
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=5000",
    # Quieten Chromium's own traffic, so that what reaches the proxy is the page's.
    "--disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication,"
    "OptimizationHints,Translate,MediaRouter",
    "--disable-client-side-phishing-detection",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-pings",
    "--disable-extensions",
    "--no-default-browser-check",
]
# Chromium's own services, which it still calls with every flag above (component updates,
# sign-in). No page of ours names them; the static scan in test_site_build covers every URL
# the pages reference, whatever its host.
BROWSER_SERVICE_HOSTS = frozenset(
    {
        "update.googleapis.com",
        "accounts.google.com",
        "clients2.google.com",
        "content-autofill.googleapis.com",
    }
)


class Served(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        self.server.log.append(self.path)


class Refusing(BaseHTTPRequestHandler):
    """A proxy that serves nothing and remembers every request sent to it."""

    def _refuse(self):
        host = re.sub(r"^(?:https?://)?([^/:]+).*$", r"\1", self.path)
        if host not in BROWSER_SERVICE_HOSTS:
            self.server.log.append(self.requestline)
        self.send_error(403)

    do_GET = do_POST = do_HEAD = do_CONNECT = _refuse

    def log_message(self, format, *args):
        pass


@contextmanager
def serving(handler) -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.log = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class Matrix(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, bool] = {}
        self.columns: list[str] = []
        self.count = ""
        self._in_count = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-operation" in a:
            self.rows[a["data-operation"]] = "hidden" in a
        if tag == "th" and "data-library" in a:
            self.columns.append(a["data-library"])
        self._in_count = tag == "output" and a.get("id") == "cv-count"

    def handle_endtag(self, tag):
        self._in_count = False

    def handle_data(self, data):
        if self._in_count:
            self.count += data


def chromium(url: str, proxy: ThreadingHTTPServer, profile: Path, *extra: str):
    port = proxy.server_address[1]
    return subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--proxy-server=http://127.0.0.1:{port}",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def console_errors(stderr: str) -> list[str]:
    """Console messages of the page (errors, failed loads) from Chromium's log."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site([FIXTURES], out)
    # A control page that must trip both checks, so a check that cannot fail is caught.
    (out / "control.html").write_text(
        '<html><body><script src="http://example.invalid/x.js"></script>'
        "<script>console.error('control error')</script></body></html>"
    )
    return out


@pytest.fixture
def browse(site, tmp_path):
    with serving(partial(Served, directory=str(site))) as server, serving(Refusing) as proxy:
        base = f"http://127.0.0.1:{server.server_address[1]}/"

        def load(page: str, *extra: str):
            done = chromium(base + page, proxy, tmp_path / "profile", *extra)
            return done, server.log, proxy.log

        yield load


def test_control_page_trips_the_request_and_console_checks(browse):
    done, _, outside = browse("control.html", "--dump-dom")
    assert any("example.invalid" in line for line in outside)
    assert any("control error" in line for line in console_errors(done.stderr))


def test_matrix_renders_every_operation_and_library_offline_without_errors(browse, tmp_path):
    done, served, outside = browse("matrix.html", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    matrix = Matrix()
    matrix.feed(done.stdout)
    assert len(matrix.rows) == 16 and not any(matrix.rows.values())
    assert matrix.columns == ["jax", "numpy", "torch"]
    # The script ran: it writes the count of shown rows.
    assert matrix.count == "16 of 16 operations shown"
    assert outside == []
    assert console_errors(done.stderr) == []
    assert "/assets/copyview.js" in served and "/matrix.html" in served


def test_filters_from_the_address_hide_other_categories(browse):
    done, _, outside = browse("matrix.html?category=shape&profile=numpy&failing=0", "--dump-dom")
    matrix = Matrix()
    matrix.feed(done.stdout)
    shown = sorted(op for op, hidden in matrix.rows.items() if not hidden)
    assert shown == ["broadcast-to", "reshape-flat", "reshape-fortran"]
    assert matrix.count == "3 of 16 operations shown"
    # Only numpy-profile verdicts stay visible.
    visible = re.findall(
        r'<span class="cv-v[^"]*" data-profile="([^"]+)"(?![^>]*hidden)', done.stdout
    )
    assert set(visible) == {"numpy"}
    assert outside == []


def test_screenshot_of_the_matrix(browse):
    # Kept in the (git-ignored) build folder so a person, or CI's log, can find and look at it.
    shot = Path(__file__).resolve().parents[1] / "build" / "screenshots" / "matrix.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.unlink(missing_ok=True)
    done, _, outside = browse("matrix.html", f"--screenshot={shot}", "--window-size=1400,1000")
    assert shot.is_file() and shot.stat().st_size > 20_000, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert outside == []
    print(f"screenshot: {shot}")


def test_failing_filter_keeps_rows_with_a_failed_verdict(browse):
    done, _, outside = browse("matrix.html?failing=1", "--dump-dom")
    matrix = Matrix()
    matrix.feed(done.stdout)
    shown = sorted(op for op, hidden in matrix.rows.items() if not hidden)
    # torch fails the numpy profile on these three; jax's failure is a known deviation.
    assert shown == ["broadcast-to", "reshape-flat", "reshape-fortran"]
    assert outside == []
