"""`/api/v2/matters/`: public pages only, live content only, structured fields, validated
filters and paging."""

import pytest

from cms_pages.models import MatterPage


def api(client, path="/api/v2/matters/", **params):
    response = client.get(path, params)
    return response, response.json()


def codes(data):
    return sorted(item["code"] for item in data["items"])


def test_lists_only_public_live_matters(small_catalogue, site_client):
    response, data = api(site_client, limit=100)
    assert response.status_code == 200
    assert codes(data) == ["T-1", "T-2", "T-3", "T-4", "T-5"]
    assert data["meta"]["total_count"] == 5


def test_private_and_unpublished_matters_have_no_detail(small_catalogue, site_client):
    for page in (small_catalogue.private, small_catalogue.draft):
        assert site_client.get(f"/api/v2/matters/{page.pk}/").status_code == 404
        assert site_client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    _response, data = api(site_client, "/api/v2/pages/", type="cms_pages.MatterPage",
                          fields="code", limit=100)  # fmt: skip
    assert codes(data) == ["T-1", "T-2", "T-3", "T-4", "T-5"]


def test_a_pending_draft_never_shows(small_catalogue, site_client):
    matter = small_catalogue.matters["T-1"]
    draft = MatterPage.objects.get(pk=matter.pk)
    draft.title, draft.visits, draft.visit_reason = "草稿标题", 3, "草稿原因"
    draft.save_revision()
    _response, data = api(site_client, f"/api/v2/matters/{matter.pk}/", fields="*")
    assert (data["title"], data["visits"], data["visit_reason"]) == ("测试事项T-1", 0, "")
    assert "草稿" not in str(data)
    _response, listing = api(site_client, fields="*", code="T-1")
    assert "草稿" not in str(listing)


def test_detail_has_the_structured_matter_fields(small_catalogue, site_client):
    matter = small_catalogue.matters["T-2"]
    _response, data = api(site_client, f"/api/v2/matters/{matter.pk}/")
    assert data["code"] == "T-2"
    assert data["department"] == {"id": small_catalogue.a.pk, "title": "甲局"}
    assert data["level"] == "县级" and data["visits"] == 1 and data["online_depth"] == 3
    assert (data["statutory_days"], data["promised_days"], data["case_type"]) == (10, 1, "即办件")
    assert [t["name"] for t in data["themes"]] == [small_catalogue.theme.name]
    assert data["care_tags"] == ["老年人"]
    assert [m["name"] for m in data["materials"]] == ["材料0"]
    assert data["step_count"] == 2 and len(data["procedure"]) == 2
    assert (data["before_visits"], data["before_promised_days"]) == (3, 10)
    assert data["short_url"] == "http://testserver/m/T-2/"
    assert data["meta"]["html_url"].startswith("http://testserver/")


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"level": "县级"}, ["T-2", "T-3", "T-4"]),
        ({"visits": "0"}, ["T-1", "T-4"]),
        ({"max_visits": "1"}, ["T-1", "T-2", "T-4", "T-5"]),
        ({"care": "老人"}, ["T-2", "T-4"]),
        ({"online_depth": "4", "matter_type": "行政许可"}, ["T-1", "T-5"]),
        ({"max_days": "3"}, ["T-2", "T-4", "T-5"]),
    ],
)
def test_filters(small_catalogue, site_client, params, expected):
    _response, data = api(site_client, **params)
    assert codes(data) == expected


def test_filters_by_department_and_theme(small_catalogue, site_client):
    _response, data = api(site_client, department=small_catalogue.b.pk)
    assert codes(data) == ["T-4", "T-5"]
    _response, data = api(site_client, theme=small_catalogue.theme.pk)
    assert codes(data) == ["T-1", "T-2"]


def test_paging(small_catalogue, site_client):
    _response, data = api(site_client, order="code", limit=2, offset=2)
    assert [item["code"] for item in data["items"]] == ["T-3", "T-4"]
    assert data["meta"]["total_count"] == 5


def test_the_total_follows_publishing_and_privacy(small_catalogue, site_client):
    """The total of a filter is kept between requests; a publish or a new restriction
    changes it at once."""
    from wagtail.models import PageViewRestriction

    assert api(site_client, level="县级")[1]["meta"]["total_count"] == 3
    small_catalogue.matters["T-3"].unpublish()
    assert api(site_client, level="县级")[1]["meta"]["total_count"] == 2
    PageViewRestriction.objects.create(page=small_catalogue.matters["T-4"],
                                       restriction_type=PageViewRestriction.LOGIN)  # fmt: skip
    _response, data = api(site_client, level="县级")
    assert (data["meta"]["total_count"], codes(data)) == (1, ["T-2"])
    draft = small_catalogue.draft
    draft.level = "县级"
    draft.save_revision().publish()
    assert api(site_client, level="县级")[1]["meta"]["total_count"] == 2


@pytest.mark.parametrize(
    "params, words",
    [
        ({"level": "省级"}, "level"),
        ({"visits": "abc"}, "visits"),
        ({"limit": "1000"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"colour": "red"}, "不认识的参数"),
        ({"order": "password"}, "order"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"fields": "nonsense"}, "请求参数有误"),
    ],
)
def test_bad_parameters_answer_400_in_chinese(small_catalogue, site_client, params, words):
    response, data = api(site_client, **params)
    assert response.status_code == 400
    assert words in data["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in data["message"])


def test_every_api_link_on_the_statistics_page_works(small_catalogue, site_client):
    import re
    from html import unescape

    page = site_client.get("/statistics/").content.decode()
    links = [unescape(href) for href in re.findall(r'href="(/api/v2/[^"]*)"', page)]
    assert len(links) >= 5
    for link in links:
        response = site_client.get(link)
        assert response.status_code == 200, link
        assert response.json()["items"], link
