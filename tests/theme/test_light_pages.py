"""Pages are findable and light: descriptions, a favicon, compression, nothing from other sites."""

import re
from html import unescape

import pytest

from cms_pages.models import MatterPage
from tests.support import ROOT

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/", "/themes/", "/departments/", "/bundles/", "/batches/", "/search/", "/search/?q=出生",
    "/complaints/", "/complaints/new/", "/complaints/figures/", "/statistics/", "/no-such-page/",
]  # fmt: skip
RESOURCE = re.compile(r"""<(?:script|img|link|iframe|source|video|audio)\b[^>]*?"""
                      r"""\b(?:src|href|srcset)=["']([^"']+)""", re.I)  # fmt: skip


def description(html):
    match = re.search(r'<meta name="description" content="([^"]*)">', html)
    return unescape(match.group(1)) if match else None


def public_pages(client):
    matter = MatterPage.objects.live().get(title="出生登记")
    paths = [*PUBLIC_PATHS, matter.url, matter.url + "print/"]
    return {path: client.get(path).content.decode() for path in paths}


def test_matter_description_summarises_the_guide(site_client):
    matter = MatterPage.objects.get(title="出生登记")
    text = description(site_client.get(matter.url).content.decode())
    assert text.startswith("出生登记：由")
    assert matter.implementing_body.title in text
    assert f"到现场 {matter.visits} 次" in text and len(text) <= 150


def test_every_public_page_has_a_description_and_a_favicon(site_client):
    for path, html in public_pages(site_client).items():
        text = description(html)
        assert text and len(text) >= 10, path
        assert '<link rel="icon" href="/static/theme/favicon.svg"' in html, path
    favicon = site_client.get("/static/theme/favicon.svg")
    assert favicon.status_code == 200
    assert b"<svg" in b"".join(favicon.streaming_content)


def test_pages_load_nothing_from_other_sites(site_client):
    for path, html in public_pages(site_client).items():
        external = [url for url in RESOURCE.findall(html) if re.match(r"(?:https?:)?//", url)]
        assert not external, f"{path} loads {external}"
    for stylesheet in ROOT.glob("*/static/**/*.css"):
        css = stylesheet.read_text()
        assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", css), stylesheet


def test_pages_are_sent_compressed(site_client):
    matter = MatterPage.objects.get(title="出生登记")
    response = site_client.get(matter.url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
