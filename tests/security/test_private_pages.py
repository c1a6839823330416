"""A password-protected or private matter is as invisible in listings as on its own page."""

import json

import pytest
from wagtail.models import PageViewRestriction

from cms_pages.models import BundlePage, MatterPage, catalogue_figures

pytestmark = pytest.mark.django_db

SECRET = "食品经营许可（新办）"


@pytest.fixture(params=[PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def private_matter(request):
    matter = MatterPage.objects.get(title=SECRET)
    PageViewRestriction.objects.create(page=matter, restriction_type=request.param,
                                       password="secret")  # fmt: skip
    return matter


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_search_and_suggest_leave_it_out(site_client, private_matter):
    for query in ("食品经营许可", private_matter.code):
        html = body(site_client.get("/search/", {"q": query})).decode()
        assert f'href="{private_matter.url}"' not in html
    suggestions = json.loads(body(site_client.get("/search/suggest/", {"q": "食品经营"})))
    assert SECRET not in [s["title"] for s in suggestions["suggestions"]]


def test_lifting_the_restriction_makes_it_searchable_again(site_client, private_matter):
    PageViewRestriction.objects.filter(page=private_matter).delete()
    suggestions = json.loads(body(site_client.get("/search/suggest/", {"q": "食品经营"})))
    assert SECRET in [s["title"] for s in suggestions["suggestions"]]


@pytest.mark.parametrize("slug", ["at-most-once", "fully-online", "immediate"])
def test_live_lists_and_downloads_leave_it_out(site_client, private_matter, slug):
    assert private_matter.code not in body(site_client.get(f"/batches/lists/{slug}/")).decode()
    for fmt in ("csv", "json"):
        download = body(site_client.get(f"/batches/lists/{slug}/download/{fmt}/"))
        assert private_matter.code not in download.decode("utf-8-sig")


def test_short_link_and_scan_do_not_lead_to_it(site_client, private_matter):
    assert site_client.get(f"/m/{private_matter.code}/").status_code == 404
    assert site_client.get(f"/q/{private_matter.code}/").status_code == 404


def test_api_and_sitemap_leave_it_out(site_client, private_matter):
    api = json.loads(body(site_client.get("/api/v2/pages/", {"search": "食品经营许可"})))
    assert SECRET not in [item["title"] for item in api["items"]]
    assert private_matter.slug not in body(site_client.get("/sitemap.xml")).decode()


def test_bundles_leave_it_out(site_client, private_matter):
    bundle = BundlePage.objects.live().filter(members__matter=private_matter).first()
    if bundle is None:
        pytest.skip("the demo has no bundle with this matter")
    assert SECRET not in body(site_client.get(bundle.url)).decode()


def test_department_and_theme_listings_and_figures_leave_it_out(site_client, private_matter):
    department = body(site_client.get(private_matter.get_parent().url)).decode()
    assert f'href="{private_matter.url}"' not in department
    for theme in private_matter.themes.all():
        html = body(site_client.get(theme.page.url)).decode()
        assert f'href="{private_matter.url}"' not in html
    public = MatterPage.objects.live().public().count()
    assert public == MatterPage.objects.live().count() - 1
    assert catalogue_figures()["total"] == public


def test_complaint_matter_lookup_leaves_it_out(site_client, private_matter):
    found = json.loads(body(site_client.get("/complaints/matters.json", {"q": "食品经营许可"})))
    assert private_matter.code not in json.dumps(found, ensure_ascii=False)


def test_catalogue_files_are_rebuilt_without_it(site_client, django_capture_on_commit_callbacks):
    matter = MatterPage.objects.get(title=SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=matter, restriction_type="password",
                                           password="secret")  # fmt: skip
    catalogue = body(site_client.get("/opendata/catalogue.csv")).decode("utf-8-sig")
    assert matter.code not in catalogue
    assert MatterPage.objects.live().public().first().code in catalogue


@pytest.mark.parametrize("query", [{}, {"uncached": "1"}])
def test_a_department_made_private_hides_its_matters_at_once(site_client, query):
    """Whether any page is private is remembered between requests (page_cache.remembered):
    a new restriction, even on an ancestor, must count from the next request on."""
    matter = MatterPage.objects.get(title=SECRET)
    assert matter.handling_office.encode() in body(site_client.get(matter.url, query))
    PageViewRestriction.objects.create(page=matter.get_parent(), restriction_type="password",
                                       password="secret")  # fmt: skip
    shown = body(site_client.get(matter.url, query))
    assert matter.handling_office.encode() not in shown
    assert b'name="password"' in shown
