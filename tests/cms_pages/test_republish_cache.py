"""A matter republished without changing what listings show about it retires only its own
pages: the department, theme and home pages stay cached. Anything listings show reaches
them at once, and a worker reading between the save and the commit keeps nothing stale."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.signals import page_published

from cms_pages.fast_path import fast_path_key
from cms_pages.models import DepartmentPage, MatterPage, ThemePage
from cms_pages.page_cache import GENERATION_KEY, content_generation, generation
from tests import factories

pytestmark = pytest.mark.django_db
FAST_PATH = "cms_pages.fast_path.CachedPageMiddleware"
NEW_CONDITION = "申请人须持有本市居住证满六个月（新增）"


@pytest.fixture
def matter():
    """A live matter filed under a theme and in no bundle."""
    return (
        MatterPage.objects.live().filter(bundle_memberships__isnull=True)
        .exclude(themes=None).order_by("path").first()
    )  # fmt: skip


@pytest.fixture
def department(matter):
    return DepartmentPage.objects.get(pk=matter.department_id)


@pytest.fixture
def theme_page(matter):
    return ThemePage.objects.get(theme=matter.themes.order_by("pk").first())


def republish(matter, **changes):
    page = MatterPage.objects.get(pk=matter.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def served(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response, len(queries)


def warm(client, *urls):
    for url in urls:
        served(client, url)
        assert served(client, url)[1] == 0, url  # the fast path answers from now on


def test_content_only_republish_shows_on_the_matter_and_leaves_listings_cached(
    site_client, matter, department
):
    pages = (matter.url, matter.url + "print/", department.url, "/")
    warm(site_client, *pages)
    listing_etag = served(site_client, department.url)[0]["ETag"]
    republish(matter, conditions=f"{matter.conditions}\n{NEW_CONDITION}")
    for url in pages[:2]:
        response, queries = served(site_client, url)
        assert queries > 0 and NEW_CONDITION in response.content.decode(), url
    for url in pages[2:]:
        response, queries = served(site_client, url)
        assert queries == 0, f"{url} was rendered again"
    assert served(site_client, department.url)[0]["ETag"] == listing_etag


def test_content_only_republish_reaches_the_matter_without_the_fast_path(
    site_client, matter, department, settings
):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != FAST_PATH]
    yesterday = timezone.now() - timedelta(days=1)
    MatterPage.objects.filter(pk=matter.pk).update(last_published_at=yesterday)
    cache.set(GENERATION_KEY, int(yesterday.timestamp()) * 1_000_000_000, None)
    old = {url: served(site_client, url)[0] for url in (matter.url, department.url)}
    republish(matter, conditions=f"{matter.conditions}\n{NEW_CONDITION}")
    page = served(site_client, matter.url)[0]
    assert NEW_CONDITION in page.content.decode() and page["ETag"] != old[matter.url]["ETag"]
    listing = served(site_client, department.url)[0]
    assert listing["ETag"] == old[department.url]["ETag"]
    # A client that kept the page and asks "changed since?" gets the new one, not a 304.
    since = site_client.get(matter.url, HTTP_IF_MODIFIED_SINCE=old[matter.url]["Last-Modified"])
    assert since.status_code == 200


def test_a_new_title_shows_on_the_department_and_theme_pages_at_once(
    site_client, matter, department, theme_page
):
    warm(site_client, department.url, theme_page.url)
    republish(matter, title=f"{matter.title}（更名）")
    for url in (department.url, theme_page.url):
        assert f"{matter.title}（更名）" in served(site_client, url)[0].content.decode(), url


def test_a_new_theme_lists_the_matter_on_that_theme_page_at_once(site_client, matter):
    other = ThemePage.objects.live().exclude(theme__in=matter.themes.all()).first()
    warm(site_client, other.url)
    assert matter.title not in served(site_client, other.url)[0].content.decode()
    page = MatterPage.objects.get(pk=matter.pk)
    page.themes.add(other.theme)
    page.save_revision().publish()
    assert matter.title in served(site_client, other.url)[0].content.decode()


def test_a_first_publish_counts_on_the_home_page_at_once(site_client, department):
    def published_count():
        html = served(site_client, "/")[0].content.decode()
        return int(html.split("公开事项</dt><dd>")[1].split("<")[0])

    before = published_count()
    assert served(site_client, "/")[1] == 0
    factories.matter(department, title="新设事项")
    assert published_count() == before + 1


def test_a_republish_whose_card_is_unknown_retires_every_page(site_client, matter, department):
    """Bulk releases publish without the card as it was: nothing is assumed unchanged."""
    warm(site_client, department.url, "/")
    page = MatterPage.objects.get(pk=matter.pk)
    page_published.send(sender=MatterPage, instance=page, revision=page.latest_revision)
    assert served(site_client, department.url)[1] > 0
    assert served(site_client, "/")[1] > 0


def test_a_bundle_member_republish_reaches_its_bundle_page(site_client):
    member = MatterPage.objects.live().filter(bundle_memberships__isnull=False).first()
    bundle = member.bundle_memberships.first().bundle
    warm(site_client, bundle.url)
    republish(member, result_name="新的办理结果名称")
    assert "新的办理结果名称" in served(site_client, bundle.url)[0].content.decode()


def test_only_a_card_change_advances_the_broad_generation(matter):
    broad, every = generation(), content_generation()
    republish(matter, notes="窗口午间不休息")
    assert generation() == broad and content_generation() != every
    republish(matter, promised_days=0)
    assert generation() != broad


def stale_copy_stored_now(url, content):
    """What a worker does that read the committed (old) rows and stores what it rendered
    under the keys it computes at this moment."""
    request = RequestFactory().get(url, HTTP_HOST="localhost", HTTP_ACCEPT_ENCODING="")
    headers = [("Content-Type", "text/html; charset=utf-8")]
    cache.set(fast_path_key(request), (headers, content))


@pytest.mark.parametrize("change", ["card", "content"])
def test_a_worker_reading_before_the_commit_keeps_nothing_stale(
    change, matter, department, django_capture_on_commit_callbacks
):
    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_ENCODING="")
    url = department.url if change == "card" else matter.url
    changes = {"title": "新名称事项"} if change == "card" else {"conditions": NEW_CONDITION}
    with django_capture_on_commit_callbacks(execute=True):
        republish(matter, **changes)
        stale_copy_stored_now(url, b"old rows")
        assert client.get(url).content == b"old rows"  # what would be kept without the commit
    fresh = client.get(url).content.decode()
    assert "新名称事项" in fresh if change == "card" else NEW_CONDITION in fresh


def test_the_flowchart_file_follows_a_renamed_step(site_client, matter):
    """`…/flowchart.svg` is the page's `flowchart.svg/` route under another spelling."""
    url = matter.url + "flowchart.svg"
    warm(site_client, url)
    steps = [("step", {"name": f"改名环节{n}"}) for n in range(len(matter.procedure))]
    republish(matter, procedure=steps)
    assert "改名环节0" in served(site_client, url)[0].content.decode()


def test_language_readers_get_the_new_content_too(site_client, matter):
    site_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    warm(site_client, matter.url)
    republish(matter, conditions=NEW_CONDITION)
    assert NEW_CONDITION in served(site_client, matter.url)[0].content.decode()


def test_what_the_card_leaves_out_shows_on_no_listing(site_client, matter, department, theme_page):
    """Listings rendered afresh before and after a republish that changes only what the card
    leaves out are the same, byte for byte: the card names everything they show."""
    from reform.models import BatchIndexPage

    batches = BatchIndexPage.objects.get().url
    urls = ["/", "/departments/", "/themes/", department.url, theme_page.url,
            f"{batches}lists/at-most-once/", f"{batches}lists/at-most-once/download/csv/",
            f"{batches}compare/"]  # fmt: skip

    def listings():
        shown = {}
        for url in urls:
            cache.clear()
            shown[url] = site_client.get(url).content
        return shown

    before = listings()
    for url in (department.url, theme_page.url):
        assert matter.title in before[url].decode(), url
    page = MatterPage.objects.get(pk=matter.pk)
    for name in ("conditions", "prohibitions", "handling_office", "joint_bodies", "place",
                 "hours", "enquiry_phone", "complaint_phones", "notes", "fee_standard",
                 "result_description", "search_description", "seo_title"):  # fmt: skip
        setattr(page, name, f"改过的{name}")
    materials = list(page.materials.all())
    materials[0].name = "改过的材料名称"
    page.materials = materials
    page.save_revision().publish()
    assert MatterPage.objects.get(pk=matter.pk).materials.first().name == "改过的材料名称"
    after = listings()
    for url in urls:
        assert after[url] == before[url], url
