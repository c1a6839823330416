"""Pages are gzipped for the clients that accept gzip, by the weights they give it."""

import gzip

import pytest

from cms_pages.compression import accepts_gzip
from cms_pages.models import MatterPage


@pytest.mark.parametrize(("header", "accepted"), [
    ("gzip", True), ("GZip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True),
    ("x-gzip", True), ("*", True), ("br, *;q=0.1", True), ("gzip;q=0.001", True),
    (None, False), ("", False), ("identity", False), ("deflate, br", False),
    ("gzip;q=0", False), ("gzip; q=0.000", False), ("*;q=0", False), ("gzip;q=0, *", False),
    ("gzip;q=many", False), ("gzip;q=2", False), ("notgzip", False), (",,;;=", False),
])  # fmt: skip
def test_accept_encoding_weights_decide_gzip(header, accepted):
    assert accepts_gzip(header) is accepted


@pytest.mark.django_db
@pytest.mark.parametrize(("header", "compressed"), [("gzip, br", True), ("gzip;q=0", False)])
def test_a_page_is_gzipped_only_when_the_client_accepts_it(site_client, header, compressed):
    matter = MatterPage.objects.get(title="出生登记")
    response = site_client.get(matter.url, HTTP_ACCEPT_ENCODING=header)
    assert response.has_header("Content-Encoding") is compressed
    body = gzip.decompress(response.content) if compressed else response.content
    assert "出生登记" in body.decode()
    assert "Accept-Encoding" in response["Vary"]
