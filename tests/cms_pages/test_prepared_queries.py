"""The matter page's prepared queries (SQL compiled once per thread) give what Django's own
querysets give, and a preview still shows its revision's rows; the site a request is for is
remembered until a site changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms_pages.models import DepartmentIndexPage, MatterPage
from cms_pages.models.guide import MatterIntermediaryService
from cms_pages.models.matter import MatterFAQ, MatterFeeItem, MatterLegalBasis, history_entries
from cms_pages.prepared import NO_ID, PreparedQuery

pytestmark = pytest.mark.django_db

ORM = {
    "materials": lambda m: m.materials.select_related("blank_form", "sample"),
    "legal_bases": lambda m: m.legal_bases.all(),
    "fee_items": lambda m: m.fee_items.all(),
    "faqs": lambda m: m.faqs.all(),
    "intermediary_services": lambda m: m.intermediary_services.all(),
    "themes": lambda m: m.themes.select_related("page"),
}


def fields(instance):
    return {k: v for k, v in vars(instance).items() if not k.startswith("_")}


@pytest.fixture
def matter():
    matter = MatterPage.objects.live().get(title="居民身份证换领")
    MatterFAQ.objects.create(matter=matter, question="可以代办吗？", answer="可以。", sort_order=2)
    MatterFAQ.objects.create(matter=matter, question="要照片吗？", answer="不要。", sort_order=1)
    MatterFeeItem.objects.create(matter=matter, name="工本费", amount="20元")
    MatterIntermediaryService.objects.create(matter=matter, name="照片拍摄", required=False)
    return MatterPage.objects.get(pk=matter.pk)


@pytest.mark.parametrize("relation", ORM)
def test_each_child_list_is_what_the_orm_gives(matter, relation):
    expected = list(ORM[relation](matter))
    assert expected, relation
    found = matter.children(relation)
    assert [fields(row) for row in found] == [fields(row) for row in expected]
    if relation == "materials":
        with CaptureQueriesContext(connection) as queries:
            [(row.blank_form, row.sample, row.matter) for row in found]
        assert len(queries) == 0
    if relation == "themes":
        assert [t.page.pk if hasattr(t, "page") else None for t in found] == [
            t.page.pk if hasattr(t, "page") else None for t in expected
        ]


def test_history_is_what_the_orm_gives(matter):
    matter.save_revision(changed=True).publish()
    assert matter.public_history()[0]["timestamp"] == history_entries(matter.pk)[0][0]
    assert len(matter.public_history()) == len(history_entries(matter.pk))


def test_a_preview_shows_its_revisions_rows(matter):
    matter.legal_bases.add(MatterLegalBasis(name="《草稿中的条例》", sort_order=99))
    matter.save_revision()
    draft = MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object()
    assert "《草稿中的条例》" in [basis.name for basis in draft.children("legal_bases")]
    published = MatterPage.objects.get(pk=matter.pk)
    assert "《草稿中的条例》" not in [basis.name for basis in published.children("legal_bases")]


def test_a_marker_must_reach_the_sql_once():
    twice = PreparedQuery(lambda pk: MatterPage.objects.filter(pk=pk, depth=pk), NO_ID)
    with pytest.raises(ValueError):
        twice.run(1)


def test_a_new_site_answers_its_host_at_once(client):
    assert client.get("/gongan/", HTTP_HOST="bumen.test").status_code == 404
    Site.objects.create(hostname="bumen.test", port=80, root_page=DepartmentIndexPage.objects.get())
    assert client.get("/gongan/", HTTP_HOST="bumen.test").status_code == 200
    assert client.get("/departments/gongan/", HTTP_HOST="localhost").status_code == 200
