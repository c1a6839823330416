"""Editors building a procedure in the Wagtail admin."""

import html
import re

import pytest

from cms_pages.models import MatterPage
from tests.admin_forms import form_data, streamfield_data

pytestmark = pytest.mark.django_db


def step(name, days=None):
    return {"name": name, "actor": "", "days": days, "description": ""}


def post_procedure(client, matter, blocks, **changes):
    url = f"/admin/pages/{matter.id}/edit/"
    data = form_data(client.get(url).content.decode())
    data.update(streamfield_data("procedure", blocks))
    data.update(changes)
    return client.post(url, data, follow=True)


def admin_text(response):
    """The edit page with its block-error JSON readable (HTML- and \\u-escaped there)."""
    text = html.unescape(response.content.decode())
    return re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), text)


@pytest.fixture
def matter():
    return MatterPage.objects.get(title="食品经营许可（新办）")


def test_publishing_a_parallel_stage_without_branches_is_refused(admin_client, matter):
    before = list(matter.procedure.raw_data)
    blocks = [
        {"type": "step", "value": step("申请")},
        {"type": "parallel", "value": {"name": "联合审查", "branches": []}},
    ]
    response = post_procedure(admin_client, matter, blocks, **{"action-publish": "publish"})
    assert "并联审批阶段“联合审查”还没有分支" in admin_text(response)
    matter.refresh_from_db()
    assert list(matter.procedure.raw_data) == before


def test_publishing_a_branch_without_steps_is_refused(admin_client, matter):
    blocks = [
        {"type": "parallel", "value": {"name": "并联审批", "branches": [
            {"office": "市场监管", "steps": [step("许可审查")]},
            {"office": "消防", "steps": []},
        ]}},
    ]  # fmt: skip
    response = post_procedure(admin_client, matter, blocks, **{"action-publish": "publish"})
    assert "分支“消防”没有环节" in admin_text(response)
    matter.refresh_from_db()
    assert "消防" not in str(matter.procedure.raw_data)


def test_editor_is_warned_when_critical_path_exceeds_promised_days(admin_client, matter):
    # 食品经营许可 promises 3 working days; 2 + 3 = 5 along the procedure.
    blocks = [
        {"type": "step", "value": step("受理", 2)},
        {"type": "step", "value": step("审查", 3)},
        {"type": "special", "value": {"name": "现场核查", "days": 5, "day_unit": "工作日",
                                      "counts_toward_limit": False}},
    ]  # fmt: skip
    response = post_procedure(admin_client, matter, blocks)
    html = response.content.decode()
    assert "办理流程关键路径合计5个工作日，超过承诺办结时限3个工作日" in html
    saved = MatterPage.objects.get(id=matter.id).get_latest_revision_as_object()
    assert [b["value"]["name"] for b in saved.procedure.raw_data] == ["受理", "审查", "现场核查"]


def test_no_warning_when_procedure_fits_the_promised_days(admin_client, matter):
    blocks = [
        {"type": "step", "value": step("受理", 1)},
        {"type": "step", "value": step("决定", 2)},
    ]
    response = post_procedure(admin_client, matter, blocks)
    assert response.status_code == 200
    assert "超过承诺办结时限" not in response.content.decode()
