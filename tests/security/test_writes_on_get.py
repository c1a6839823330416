"""GET requests that write: poster scans and the zero-result log stay honest and bounded."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Revision

from cms_pages.models import MatterPage
from posters.models import ScanCount
from search.models import ZeroResultQuery

pytestmark = pytest.mark.django_db


@pytest.fixture
def matter():
    matter = MatterPage.objects.get(title="食品经营许可（新办）")
    first = matter.live_revision_id
    matter.save_revision().publish()
    matter.refresh_from_db()
    assert matter.live_revision_id != first
    matter.first_revision_id = first
    return matter


def outdated_scans(matter):
    counts = ScanCount.objects.filter(matter=matter, day=timezone.localdate()).first()
    return (counts.scans, counts.outdated_scans) if counts else (0, 0)


@pytest.mark.parametrize("v", ["0", "1", "\u00b2", "-3", "99999999999999999999", "abc"])
def test_a_made_up_revision_counts_a_scan_but_no_outdated_poster(site_client, matter, v):
    for _ in range(20):
        response = site_client.get(f"/q/{matter.code}/", {"v": v})
        assert response.status_code == 302
        assert "poster=" not in response["Location"]
    assert outdated_scans(matter) == (20, 0)


def test_another_matters_revision_is_not_an_earlier_revision_of_this_one(site_client, matter):
    other = MatterPage.objects.exclude(pk=matter.pk).filter(live_revision__isnull=False).first()
    foreign = Revision.page_revisions.filter(object_id=str(other.pk)).order_by("pk").first()
    assert foreign.pk < matter.live_revision_id
    site_client.get(f"/q/{matter.code}/", {"v": foreign.pk})
    assert outdated_scans(matter) == (1, 0)


def test_a_real_earlier_revision_is_an_outdated_poster(site_client, matter):
    response = site_client.get(f"/q/{matter.code}/", {"v": matter.first_revision_id})
    assert f"poster={matter.first_revision_id}" in response["Location"]
    assert outdated_scans(matter) == (1, 1)


def test_zero_result_queries_are_counted_per_day(site_client):
    for _ in range(3):
        site_client.get("/search/", {"q": "无人机飞行备案"})
    [entry] = ZeroResultQuery.objects.filter(query="无人机飞行备案")
    assert (entry.day, entry.count) == (timezone.localdate(), 3)


def test_a_day_keeps_at_most_its_cap_of_distinct_queries(settings):
    ZeroResultQuery.MAX_PER_DAY, cap = 5, ZeroResultQuery.MAX_PER_DAY
    try:
        for n in range(20):
            ZeroResultQuery.record(f"没有的东西{n}")
        ZeroResultQuery.record("没有的东西0")
    finally:
        ZeroResultQuery.MAX_PER_DAY = cap
    today = ZeroResultQuery.objects.filter(day=timezone.localdate())
    assert today.count() == 5
    assert today.get(query="没有的东西0").count == 2


def test_old_days_are_dropped_when_a_new_day_starts():
    old = timezone.localdate() - timedelta(days=ZeroResultQuery.KEEP_DAYS + 1)
    ZeroResultQuery.objects.create(day=old, query="很久以前", count=1)
    recent = timezone.localdate() - timedelta(days=3)
    ZeroResultQuery.objects.create(day=recent, query="前几天", count=1)
    ZeroResultQuery.record("今天的词")
    assert not ZeroResultQuery.objects.filter(query="很久以前").exists()
    assert ZeroResultQuery.objects.filter(query="前几天").exists()
