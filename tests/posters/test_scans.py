"""The scan: `/q/<code>/?v=<revision>` counts, redirects to the live page, flags old posters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms_pages.models import MatterPage, StatisticsPage
from posters.content import poster_for
from posters.models import ScanCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def matter():
    return MatterPage.objects.get(title="食品经营许可（新办）")


def scan(client, matter, revision, **extra):
    return client.get(f"/q/{matter.code}/", {"v": revision}, **extra)


def test_scan_redirects_to_live_page_and_counts_per_matter_per_day(site_client, matter):
    other = MatterPage.objects.get(title="出生登记")
    for _ in range(3):
        response = scan(site_client, matter, matter.live_revision_id)
        assert response.status_code == 302
        assert response["Location"] == matter.url
    scan(site_client, other, other.live_revision_id)

    today = timezone.localdate()
    assert ScanCount.objects.get(matter=matter, day=today).scans == 3
    assert ScanCount.objects.get(matter=other, day=today).scans == 1


def test_scan_keeps_no_personal_data(site_client, matter):
    response = scan(site_client, matter, matter.live_revision_id,
                    HTTP_USER_AGENT="Mozilla/5.0 (iPhone)", REMOTE_ADDR="203.0.113.7")  # fmt: skip
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]  # every scan reaches the server
    assert {field.name for field in ScanCount._meta.get_fields()} == {
        "id", "matter", "day", "scans", "outdated_scans"
    }  # fmt: skip
    stored = [str(value) for value in ScanCount.objects.values_list().get()]
    assert not any("203.0.113.7" in value or "iPhone" in value for value in stored)


def test_current_poster_shows_no_notice(site_client, matter):
    url = poster_for(matter).scan_url.removeprefix("http://testserver")
    response = site_client.get(url, follow=True)
    assert response.status_code == 200
    assert "此海报已过期" not in response.content.decode()


def test_outdated_poster_shows_notice_linking_to_what_changed(site_client, matter):
    printed = poster_for(matter).scan_url.removeprefix("http://testserver")
    old_revision = matter.live_revision_id
    matter.change_summary = "承诺时限由3个工作日压缩为1个工作日"
    matter.promised_days = 1
    matter.save_revision(log_action=True).publish()

    response = site_client.get(printed, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[0][0] == f"{matter.url}?poster={old_revision}"
    assert response.status_code == 200
    assert "此海报已过期" in html
    assert '<a href="#history">查看更新内容</a>' in html
    assert "承诺时限由3个工作日压缩为1个工作日" in html
    counts = ScanCount.objects.get(matter=matter)
    assert (counts.scans, counts.outdated_scans) == (1, 1)

    reprinted = poster_for(MatterPage.objects.get(pk=matter.pk)).scan_url
    response = site_client.get(reprinted.removeprefix("http://testserver"), follow=True)
    assert "此海报已过期" not in response.content.decode()


def test_unknown_code_is_a_friendly_404_with_search(site_client):
    response = site_client.get("/q/NO-SUCH-CODE/", {"v": "3"})
    html = response.content.decode()
    assert response.status_code == 404
    assert "NO-SUCH-CODE" in html and 'action="/search/"' in html
    assert not ScanCount.objects.exists()


def test_unpublished_matter_is_not_reachable_from_its_poster(site_client, matter):
    matter.unpublish()
    assert scan(site_client, matter, 1).status_code == 404
    assert not ScanCount.objects.exists()


def test_broken_revision_still_lands_on_the_page(site_client, matter):
    response = site_client.get(f"/q/{matter.code}/", {"v": "abc"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == matter.url
    assert ScanCount.objects.get(matter=matter).scans == 1


def test_statistics_page_reports_scans(site_client, matter):
    for _ in range(4):
        scan(site_client, matter, matter.live_revision_id)
    html = site_client.get(StatisticsPage.objects.get().url).content.decode()
    assert "<dt>近30天海报扫码</dt><dd>4 <small>次</small></dd>" in html
    assert "<dt>累计海报扫码</dt><dd>4 <small>次</small></dd>" in html


def test_a_scan_asks_the_database_only_for_its_matter_and_its_count(site_client, matter):
    scan(site_client, matter, matter.live_revision_id)  # today's count exists from here on
    with CaptureQueriesContext(connection) as queries:
        response = scan(site_client, matter, matter.live_revision_id)
    assert response.status_code == 302 and response["Location"] == matter.url
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "wagtailcore_site" not in tables and "pageviewrestriction" not in tables
    assert len(queries) == 2  # the matter by its code, then today's count


def test_a_private_matter_is_not_reachable_from_its_poster(site_client, matter):
    assert scan(site_client, matter, matter.live_revision_id).status_code == 302
    PageViewRestriction.objects.create(page=matter, restriction_type="login")
    response = scan(site_client, matter, matter.live_revision_id)
    assert response.status_code == 404
