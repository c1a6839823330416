"""How much database work one uncached guide costs: a regression guard for the slowness a
citizen would notice when the page cache is cold (after every publish)."""

import pytest

from cms_pages.models import MatterPage

pytestmark = pytest.mark.django_db

# The matter by its URL, materials, legal bases, fees, FAQ, intermediary services, themes
# with their pages, publish history, the bundles' privacy check, bundles, reform batches. The
# site, its home page, the department, bundle membership, breadcrumbs and complaint channels
# are kept per publish generation (the first visit filled them).
GUIDE_QUERIES = 11


@pytest.fixture
def matter_in_bundle_with_themes():
    matter = (
        MatterPage.objects.live()
        .filter(bundle_memberships__isnull=False, themes__isnull=False)
        .distinct()
        .first()
    )
    assert matter.themes.count() and matter.bundle_memberships.exists()
    return matter


def test_an_uncached_guide_costs_a_fixed_number_of_queries(
    site_client, matter_in_bundle_with_themes, django_assert_num_queries
):
    url = matter_in_bundle_with_themes.url
    site_client.get(url)  # the first visit also fills per-process lookups
    with django_assert_num_queries(GUIDE_QUERIES):
        response = site_client.get(url, {"uncached": "1"})
    html = response.content.decode()
    assert 'class="bundle-box"' in html and 'class="themes"' in html
