"""A real centre from an empty database, in a real browser: `create_centre` → the reform
office imports the departments sheet and gives 公安局 an editor and a reviewer → the editor
imports the matter sheet and submits its drafts → the department reviewer approves their
step → the reform office approves → the matter is live and a citizen finds it by search."""

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from importers.departments import LAYOUT
from tests.importers.sheet_files import xlsx_bytes
from tests.support import ROOT
from tests.support.browser import admin_login, check_accessibility, screenshot
from tests.support.server import serve

OFFICER = ("shengaiban", "Jiangchuan-2026-office")
EDITOR = ("gongan-bianji", "Jiangchuan-2026-editor", "王编辑")
REVIEWER = ("gongan-shenhe", "Jiangchuan-2026-review", "李审核")
MATTER = "居民身份证换领"
DEPARTMENTS = [
    ["青山市公安局", "公安局", "", "青山市文昌路100号", "0536-5551100", "0536-5551101；12345",
     "周一至周五 9:00-17:00", "公安综合窗口"],
    ["青山市民政局", "民政局", "", "青山市文昌路120号", "0536-5551200", "12345",
     "周一至周五 9:00-17:00", ""],
]  # fmt: skip
OFFICE_USER = """
from django.contrib.auth.models import Group, User
officer = User.objects.create_user({username!r}, password={password!r})
officer.groups.add(Group.objects.get(name="审改办"))
"""


DEPARTMENT_ID = """
from cms_pages.models import DepartmentPage
print(DepartmentPage.objects.get(title={title!r}).pk)
"""


def manage(env, *command):
    done = subprocess.run([sys.executable, str(ROOT / "manage.py"), *command], env=env,
                          check=True, cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    return done.stdout


@pytest.fixture(scope="module")
def empty_centre(live_site_env, site_databases, tmp_path_factory):
    """A fresh database through `create_centre` only (no demo), served by gunicorn."""
    database = site_databases.copy_to(tmp_path_factory.mktemp("centre") / "db.sqlite3")
    env = {**live_site_env, "SQLITE_PATH": str(database)}
    manage(env, "create_centre", "--name", "青山市政务服务中心", "--hall", "青山市民中心大厅",
           "--base-url", "http://127.0.0.1")  # fmt: skip
    manage(env, "shell", "-v0", "-c", OFFICE_USER.format(username=OFFICER[0], password=OFFICER[1]))
    with serve(env) as base:
        yield base, env


def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    return context, context.new_page()


def add_person(page, role, username, password, name):
    page.get_by_role(
        "radio", name=re.compile("起草" if role == "editors" else "部门审核环节")
    ).check()
    page.fill("input[name=username]", username)
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("#add-staff")
    expect(page.locator(".messages")).to_contain_text(f"已将 {username} 加入")


def approve(page, final):
    page.get_by_role("button", name="更多动作").click()
    label = r"^批准\s*和发布$" if final else r"^批准$"
    page.get_by_role("button", name=re.compile(label)).click()
    page.wait_for_load_state()


def test_a_centre_stood_up_from_nothing(empty_centre, browser, phone, tmp_path):
    base, env = empty_centre
    departments = tmp_path / "departments.xlsx"
    departments.write_bytes(xlsx_bytes(list(LAYOUT.columns), DEPARTMENTS, title="部门名录"))

    office_context, office = desk(browser)
    admin_login(office, base, *OFFICER)
    office.goto(base + "/admin/imports/departments/")
    office.set_input_files("input[name=file]", str(departments))
    office.click("#departments-submit")
    office.wait_for_selector(".import-outcome", timeout=60_000)
    assert "新增 2" in office.inner_text(".import-counts")
    screenshot(office, "centre-01-departments-preview")
    office.click("#confirm-import")
    office.wait_for_selector(".import-outcome--applied", timeout=60_000)

    gongan = manage(env, "shell", "-v0", "-c", DEPARTMENT_ID.format(title="青山市公安局"))
    office.goto(f"{base}/admin/pages/{gongan.strip().splitlines()[-1]}/edit/")
    office.get_by_role("button", name="动作").first.click()
    office.get_by_role("link", name="部门人员").click()
    add_person(office, "editors", EDITOR[0], EDITOR[1], EDITOR[2])
    add_person(office, "reviewers", REVIEWER[0], REVIEWER[1], REVIEWER[2])
    office.reload()  # Wagtail's own success message fails colour contrast; the page is ours
    check_accessibility(office)
    screenshot(office, "centre-02-department-staff")

    editor_context, editor = desk(browser)
    admin_login(editor, base, EDITOR[0], EDITOR[1])
    editor.goto(base + "/admin/imports/upload/")
    editor.set_input_files("input[name=file]", str(ROOT / "demo_data/departments/gongan.xlsx"))
    editor.click("#upload-submit")
    editor.wait_for_selector(".import-outcome", timeout=60_000)
    assert "新增 5" in editor.inner_text(".import-counts")
    editor.click("#confirm-import")
    editor.wait_for_selector(".import-outcome--applied", timeout=120_000)
    editor.click("#submit-drafts")
    expect(editor.locator(".messages")).to_contain_text("已把 5 个草稿提交审核")
    screenshot(editor, "centre-03-submitted")
    editor_context.close()

    reviewer_context, reviewer = desk(browser)
    admin_login(reviewer, base, REVIEWER[0], REVIEWER[1])
    waiting = reviewer.locator("#awaiting-review-section")
    expect(waiting).to_contain_text("青山市公安局")
    waiting.get_by_role("link", name=MATTER).click()
    reviewer.wait_for_url("**/edit/")
    approve(reviewer, final=False)
    expect(reviewer.locator(".messages")).to_contain_text("已转交“审改办审核”")
    screenshot(reviewer, "centre-04-department-approved")
    # An edit view left open pings the server every 10 s, a write that waits behind the
    # publishing approval below on SQLite: each colleague leaves once their part is done.
    reviewer_context.close()

    phone.goto(base + "/search/?q=" + MATTER)
    assert phone.get_by_role("link", name=MATTER).count() == 0  # not live before 审改办审核

    office.goto(base + "/admin/")
    office.locator("#awaiting-review-section").get_by_role("link", name=MATTER).click()
    office.wait_for_url("**/edit/")
    approve(office, final=True)
    expect(office.locator(".messages")).to_contain_text("已通过全部审核并发布")

    phone.goto(base + "/search/?q=" + MATTER)
    phone.get_by_role("link", name=MATTER).first.click()
    expect(phone.locator("h1")).to_have_text(MATTER)
    check_accessibility(phone)
    screenshot(phone, "centre-05-live-and-found")
    office_context.close()
