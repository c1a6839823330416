"""The bulk publisher must leave a matter exactly as Wagtail's own publish action does."""

import pytest
from django.db import transaction
from wagtail.models import ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from cms_pages.models import MatterPage, Theme
from reform.bulk_publish import MatterPublishError, publish_revisions
from tests.support.pages import matter, reload, save_draft

pytestmark = pytest.mark.django_db
MOMENTS = {"last_published_at", "first_published_at", "latest_revision_created_at"}


def state(page):
    """Everything a publish writes about a matter, timestamps aside."""
    page = reload(page)
    fields = {
        f.attname: getattr(page, f.attname)
        for f in MatterPage._meta.concrete_fields
        if f.attname not in MOMENTS
    }
    fields["procedure"] = list(page.procedure.raw_data)
    children = {
        name: [
            {k: v for k, v in row.items() if k != "id"}
            for row in getattr(page, name).order_by("sort_order", "id").values()
        ]
        for name in ("materials", "legal_bases", "fee_items", "faqs")
    }
    themes = sorted(page.themes.values_list("id", flat=True))
    index = list(IndexEntry.objects.filter(object_id=str(page.pk)).values("title", "body"))
    references = sorted(
        ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
            "to_content_type_id", "to_object_id", "model_path", "content_path"
        )
    )
    return fields, children, themes, index, references


def test_bulk_publish_matches_wagtails_publish_action():
    homestead = matter("农村村民宅基地审批")
    materials = list(homestead.materials.all())
    materials[0].name = "申请书（新版）"
    revision = save_draft(
        homestead, title="农村村民宅基地审批（改革后）", slug="zhai-ji-di", visits=1,
        materials=materials[1:] + materials[:1], themes=list(Theme.objects.all()[:2]),
    )  # fmt: skip

    point = transaction.savepoint()
    Revision.objects.get(pk=revision.pk).publish()
    by_wagtail = state(homestead)
    transaction.savepoint_rollback(point)
    assert state(homestead) != by_wagtail

    with transaction.atomic():
        publish_revisions(MatterPage, [Revision.objects.get(pk=revision.pk)])

    assert state(homestead) == by_wagtail
    assert reload(homestead).url_path.endswith("/zhai-ji-di/")


def test_bulk_publish_refuses_a_code_taken_by_another_matter():
    relief = matter("临时救助")
    revision = save_draft(relief, clean=False, code=matter("户口迁入登记").code)
    with pytest.raises(MatterPublishError) as error, transaction.atomic():
        publish_revisions(MatterPage, [revision])
    assert error.value.page.pk == relief.pk
    assert "实施编码已被其他事项使用" in str(error.value)
