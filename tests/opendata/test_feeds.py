"""Atom feeds validate (RFC 4287), and the changed-matters feed says what changed in words."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from cms_pages.models import MatterMaterial, MatterPage
from cms_pages.page_cache import generation

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def validate_atom(content):
    """The RFC 4287 requirements a validator checks first; returns the entries."""
    feed = ET.fromstring(content)
    assert feed.tag == f"{ATOM}feed"

    def one(element, name):
        found = element.findall(f"{ATOM}{name}")
        assert len(found) == 1, f"{element.tag} needs exactly one {name}"
        return found[0]

    for element in [feed, *feed.findall(f"{ATOM}entry")]:
        assert one(element, "id").text.startswith(("http://", "https://", "tag:"))
        assert one(element, "title").text
        assert RFC3339.match(one(element, "updated").text), one(element, "updated").text
    entries = feed.findall(f"{ATOM}entry")
    feed_author = feed.find(f"{ATOM}author/{ATOM}name")
    for entry in entries:
        assert feed_author is not None or entry.find(f"{ATOM}author/{ATOM}name") is not None
        links = [link for link in entry.findall(f"{ATOM}link")
                 if link.get("rel", "alternate") == "alternate"]  # fmt: skip
        assert links or entry.find(f"{ATOM}content") is not None
    ids = [one(entry, "id").text for entry in entries]
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    assert any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link"))
    return entries


def summaries(client):
    response = client.get("/opendata/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = validate_atom(response.content)
    return [(e.find(f"{ATOM}title").text, e.find(f"{ATOM}summary").text) for e in entries]


def test_batch_feed_validates(site_client):
    assert validate_atom(site_client.get("/batches/feed/").content)


def test_changed_matters_feed_says_what_changed(small_catalogue, site_client):
    matter = small_catalogue.matters["T-1"]
    MatterPage.objects.get(pk=matter.pk).save_revision().publish()
    page = MatterPage.objects.get(pk=matter.pk)
    page.promised_days, page.online_depth = 3, 4
    page.materials = list(MatterMaterial.objects.filter(matter=page))[:1]
    page.themes.add(small_catalogue.empty_theme)
    page.change_summary = "压缩时限"
    page.save_revision().publish()
    (title, summary), (first_title, first_summary) = summaries(site_client)[:2]
    assert title == "更新：测试事项T-1"
    assert "承诺办结时限由5个工作日缩短为3个工作日" in summary
    assert "申请材料减少1项；不再需要：材料1" in summary
    assert f"新增主题：{small_catalogue.empty_theme.name}" in summary
    assert summary.endswith("更新说明：压缩时限。")
    assert "网办深度" not in summary  # it was 四级 already
    assert first_title == "新发布：测试事项T-1"
    assert first_summary == "新发布事项：到办事现场0次，承诺办结时限5个工作日。"


def test_withdrawn_matters_are_announced_and_private_ones_never(small_catalogue, site_client):
    MatterPage.objects.get(pk=small_catalogue.private.pk).save_revision().publish()
    matter = MatterPage.objects.get(pk=small_catalogue.matters["T-3"].pk)
    matter.save_revision().publish()
    matter.unpublish()
    items = summaries(site_client)
    assert items[0] == ("停止公开：测试事项T-3", "事项已停止公开，不再受理或已调整。")
    assert not any("T-P" in title for title, _summary in items)


def test_feed_dates_are_timezone_aware(small_catalogue, site_client):
    MatterPage.objects.get(pk=small_catalogue.matters["T-2"].pk).save_revision().publish()
    feed = ET.fromstring(site_client.get("/opendata/feed/").content)
    updated = feed.find(f"{ATOM}updated").text
    assert datetime.datetime.fromisoformat(updated).tzinfo is not None


def test_a_republish_that_changes_no_listing_still_reaches_the_feed(small_catalogue, site_client):
    matter = small_catalogue.matters["T-1"]
    MatterPage.objects.get(pk=matter.pk).save_revision().publish()
    summaries(site_client)  # kept until the next publish
    broad = generation()
    page = MatterPage.objects.get(pk=matter.pk)
    page.conditions, page.change_summary = "须年满十八周岁", "补充受理条件"
    page.save_revision().publish()
    assert generation() == broad  # only the matter's own pages were retired
    (title, summary), *_older = summaries(site_client)
    assert title == "更新：测试事项T-1" and summary.endswith("更新说明：补充受理条件。")
