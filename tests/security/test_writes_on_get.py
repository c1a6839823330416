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


def test_a_repeated_zero_result_query_is_one_row_counted(site_client):
    for _ in range(3):
        site_client.get("/search/", {"q": "无人机飞行备案"})
    [entry] = ZeroResultQuery.objects.filter(query="无人机飞行备案")
    assert entry.count == 3


def test_a_day_records_at_most_its_cap_of_new_queries():
    ZeroResultQuery.MAX_NEW_PER_DAY, cap = 5, ZeroResultQuery.MAX_NEW_PER_DAY
    try:
        for n in range(20):
            ZeroResultQuery.record(f"没有的东西{n}")
        ZeroResultQuery.record("没有的东西0")
    finally:
        ZeroResultQuery.MAX_NEW_PER_DAY = cap
    assert ZeroResultQuery.objects.filter(query__startswith="没有的东西").count() == 5
    assert ZeroResultQuery.objects.get(query="没有的东西0").count == 2


def test_queries_nobody_typed_for_a_year_are_dropped_when_a_new_day_starts():
    ZeroResultQuery.objects.all().delete()
    now = timezone.now()
    for query, days in (("很久以前", ZeroResultQuery.KEEP_DAYS + 2), ("前几天", 3)):
        entry = ZeroResultQuery.objects.create(query=query, count=1)
        ZeroResultQuery.objects.filter(pk=entry.pk).update(
            first_seen=now - timedelta(days=days), last_seen=now - timedelta(days=days)
        )
    ZeroResultQuery.record("今天的词")
    assert set(ZeroResultQuery.objects.values_list("query", flat=True)) == {"前几天", "今天的词"}
