"""Routes and sections other apps add to cms_pages' pages land on those pages only."""

import pytest

from cms_pages.models import BundlePage

pytestmark = pytest.mark.django_db


def test_matter_page_serves_poster_a_bundle_page_does_not(site_client):
    bundle = BundlePage.objects.live().first()
    matter = bundle.members.first().matter
    assert site_client.get(f"{matter.url}poster.png").status_code == 200
    assert site_client.get(f"{bundle.url}poster.png").status_code == 404


def test_bundle_page_shows_no_matter_sections(site_client):
    bundle = BundlePage.objects.live().first()
    page = site_client.get(bundle.url).content.decode()
    assert 'id="reform-batches"' not in page
    assert "poster-outdated" not in page
