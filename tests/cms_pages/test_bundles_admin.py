"""Editors maintaining a 一件事 bundle in the Wagtail admin."""

import pytest

from cms_pages.bundles import BundlePlan
from cms_pages.models import BundlePage
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundle():
    return BundlePage.objects.get(title="企业开办一件事")


def edit(client, bundle, **changes):
    url = f"/admin/pages/{bundle.id}/edit/"
    data = form_data(client.get(url).content.decode())
    data.update(changes)
    return client.post(url, data)


def test_editor_sets_the_order_of_member_matters(admin_client, bundle):
    # All three at stage 1: registration, invoices and housing fund run in parallel.
    response = edit(admin_client, bundle, **{"members-1-stage": "1", "members-2-stage": "1",
                                             "action-publish": "publish"})  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = BundlePlan(BundlePage.objects.get(id=bundle.id))
    assert len(plan.stages) == 1 and len(plan.stages[0][1]) == 3


def test_new_bundle_form_offers_matters_and_order(admin_client):
    index = BundlePage.objects.first().get_parent()
    response = admin_client.get(f"/admin/pages/add/cms_pages/bundlepage/{index.id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "办理顺序" in html and "顺序相同的事项同时办理" in html


def test_same_matter_twice_is_refused(admin_client, bundle):
    data = form_data(admin_client.get(f"/admin/pages/{bundle.id}/edit/").content.decode())
    response = edit(admin_client, bundle, **{"members-1-matter": data["members-0-matter"]})
    assert response.status_code == 200
    assert "已在本一件事中，请勿重复添加" in response.content.decode()
    latest = BundlePage.objects.get(id=bundle.id).get_latest_revision_as_object()
    assert len({m.matter_id for m in latest.members.all()}) == 3


def test_stage_must_start_at_one(admin_client, bundle):
    response = edit(admin_client, bundle, **{"members-0-stage": "0"})
    assert response.status_code == 200
    assert "确保该值大于或等于1" in response.content.decode()
    assert [m.stage for m in BundlePage.objects.get(id=bundle.id).members.all()] == [1, 2, 2]
