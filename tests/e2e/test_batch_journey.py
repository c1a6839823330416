"""The reform office assembles a batch from a filter, submits it, approves it (which releases
it); a citizen on a phone then finds the new batch, its figures and the grown live list."""

import json
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.support import ROOT
from tests.support.browser import admin_login, check_accessibility, screenshot

OFFICER = ("shengaiban", "onevisit-journey")
SETUP = """
import json
from django.contrib.auth.models import Group, User
from cms_pages.models import MatterPage
from reform.models import BatchIndexPage
officer = User.objects.create_user({username!r}, password={password!r})
officer.groups.add(Group.objects.get(name="审改办"))
homestead = MatterPage.objects.get(title="农村村民宅基地审批")
draft = homestead.get_latest_revision_as_object()
draft.visits = 1
draft.change_summary = "宅基地审批改为最多跑一次"
draft.save_revision()
print(json.dumps({{"index": BatchIndexPage.objects.get().pk, "matter": homestead.url}}))
"""


@pytest.fixture(scope="module")
def journey_site(live_site, live_site_env):
    """The served demo site plus a reform-office account and a department's pending draft
    that lowers 宅基地审批 from two visits to one."""
    code = SETUP.format(username=OFFICER[0], password=OFFICER[1])
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-v0", "-c", code],
        env=live_site_env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return live_site, json.loads(done.stdout.strip().splitlines()[-1])


def figure(page, label):
    return page.locator(f"dt:text-is('{label}') + dd").first.inner_text()


def test_reform_office_releases_a_batch_and_citizens_see_it(journey_site, browser, phone):
    base, ids = journey_site
    phone.goto(base + "/batches/lists/at-most-once/")
    listed_before = int(figure(phone, "符合条件的事项"))

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    office = context.new_page()
    admin_login(office, base, *OFFICER)
    office.goto(f"{base}/admin/pages/{ids['index']}/")
    office.get_by_role("link", name="添加子页面").click()
    office.locator("#id_title").fill("青山市第四批“最多跑一次”事项清单")
    office.locator("#id_number").fill("4")
    announcement = office.locator(".Draftail-Editor [contenteditable=true]").first
    announcement.click()
    announcement.press_sequentially("柳泉镇宅基地审批等事项纳入“最多跑一次”。")
    # Draftail writes its hidden input a moment after typing stops.
    expect(office.locator("input[name=announcement]")).to_have_value(re.compile("柳泉镇"))
    office.get_by_role("button", name="保存草稿").click()
    office.wait_for_url("**/edit/")
    edit_url = office.url

    office.get_by_role("link", name="按条件或逐项添加事项").click()
    office.get_by_label("实施主体").select_option(label="青山市柳泉镇人民政府")
    office.get_by_label("到办事现场次数").select_option("1")
    office.get_by_role("button", name="筛选").click()
    assert "符合条件的事项共 2 个" in office.locator("main").inner_text()
    office.get_by_role("button", name=re.compile(r"^全部 2 个事项加入批次$")).click()
    office.wait_for_url(edit_url)
    assert "新增 2 项" in office.locator(".messages").inner_text()
    screenshot(office, "batch-01-assembled")

    office.get_by_role("button", name="更多动作").click()
    office.get_by_role("button", name="提交给改革批次发布流程").click()
    office.wait_for_url(f"{base}/admin/pages/{ids['index']}/")
    office.goto(edit_url)
    office.get_by_role("button", name="更多动作").click()
    office.get_by_role("button", name=re.compile(r"^批准\s*和发布$")).click()
    office.wait_for_load_state()
    office.goto(edit_url.replace("/admin/pages/", "/admin/reform/batches/").replace("/edit/", "/"))
    assert "发布。" in office.locator("main").inner_text()
    screenshot(office, "batch-02-released")
    context.close()

    phone.goto(base + "/batches/")
    check_accessibility(phone)
    phone.locator(".matter-list .matter-link").first.click()
    assert phone.locator("h1").inner_text() == "青山市第四批“最多跑一次”事项清单"
    assert "柳泉镇宅基地审批等事项纳入" in phone.locator(".announcement").inner_text()
    assert figure(phone, "本批事项") == "2"
    # 宅基地审批 2 → 1 (live before the batch); 临时救助 states its pre-reform visits (demo data).
    assert figure(phone, "减少跑动") == "2"
    assert "到现场 2 → 1 次" in phone.locator("main").inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"batch page scrolls sideways on a phone ({width}px)"
    check_accessibility(phone)
    screenshot(phone, "batch-03-citizen-batch")

    phone.goto(base + "/batches/lists/at-most-once/")
    assert int(figure(phone, "符合条件的事项")) == listed_before + 1
    phone.get_by_label("实施主体").select_option(label="青山市柳泉镇人民政府")
    phone.get_by_role("button", name="筛选").click()
    assert figure(phone, "符合条件的事项") == "2"
    assert phone.get_by_role("link", name="农村村民宅基地审批").count() == 1
    check_accessibility(phone)
    screenshot(phone, "batch-04-citizen-list")

    phone.goto(base + ids["matter"])
    box = phone.locator("#reform-batches")
    assert "青山市第四批“最多跑一次”事项清单" in box.inner_text()
    assert "到办事现场次数 2 → 1 次" in box.inner_text()
