"""The purge requests the site sends the proxy: under its /purge location, spelled as a
browser spells the page's address, once per 长者模式 rendering."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from cms_pages.purge import VariantHTTPBackend


@pytest.fixture
def demo():
    """No database: only HTTP between the site and a stand-in proxy."""


@pytest.fixture
def proxy():
    """A stand-in proxy recording (method, path, Host, Cookie); it held no copy of /gone/."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.command, self.path, self.headers["Host"],
                             self.headers.get("Cookie")))  # fmt: skip
            self.send_response(404 if self.path.endswith("/gone/") else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()


def test_each_page_is_purged_once_per_rendering(proxy):
    location, received = proxy
    backend = VariantHTTPBackend(
        {"LOCATION": location + "/purge", "VARIANT_COOKIES": ["", "elder=1"]}
    )
    backend.purge_batch(["http://site.example/departments/公安/出生登记/"])
    path = "/purge/departments/%E5%85%AC%E5%AE%89/%E5%87%BA%E7%94%9F%E7%99%BB%E8%AE%B0/"
    assert received == [
        ("PURGE", path, "site.example", None),
        ("PURGE", path, "site.example", "elder=1"),
    ]


def test_a_page_the_proxy_did_not_hold_is_not_an_error(proxy, caplog):
    location, received = proxy
    VariantHTTPBackend({"LOCATION": location + "/purge"}).purge("http://site.example/gone/")
    assert len(received) == 1 and not caplog.records
