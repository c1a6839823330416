"""Posters in a real browser: the reform office prints a batch and watches it being built;
a citizen scans a poster in the hall with a phone."""

import io
import json
import re
import urllib.request
from urllib.parse import urlsplit

import pypdfium2
import zxingcpp
from PIL import Image

from tests.support.browser import admin_login, check_accessibility, screenshot

DEPARTMENT = "青山市行政审批服务局"


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def test_reform_office_prints_a_department_batch(live_site, browser):
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    admin_login(page, live_site, "admin", "onevisit-demo")

    page.goto(live_site + "/admin/posters/")
    page.select_option("select[name=source]", label=DEPARTMENT)
    page.check("input[name=size][value=A3]")
    page.get_by_role("button", name="生成海报 PDF").click()
    page.wait_for_url("**/admin/posters/batches/*/")
    download_link = page.get_by_role("link", name="下载海报 PDF")
    download_link.wait_for(state="visible", timeout=60_000)
    progress = page.locator("progress")
    total = int(progress.get_attribute("max"))
    assert page.evaluate("document.querySelector('progress').value") == total
    screenshot(page, "posters-01-batch-ready")

    with page.expect_download() as download:
        download_link.click()
    document = pypdfium2.PdfDocument(download.value.path().read_bytes())
    departments = json.loads(get(f"{live_site}/api/v2/pages/?type=cms_pages.DepartmentPage"
                                 "&limit=20"))["items"]  # fmt: skip
    [department_id] = [d["id"] for d in departments if d["title"] == DEPARTMENT]
    listing = f"{live_site}/api/v2/pages/?type=cms_pages.MatterPage&child_of={department_id}"
    matters = json.loads(get(listing))["meta"]["total_count"]
    assert len(document) == total == matters
    assert [round(side) for side in document[0].get_size()] == [842, 1191]  # A3
    context.close()


def republish(browser, base, title):
    """The department publishes the matter again after its posters went up in the hall."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    admin_login(page, base, "admin", "onevisit-demo")
    page.goto(base + "/admin/pages/search/?q=" + title)
    page.locator("a", has_text=title).first.click()
    page.wait_for_selector("#id_code")
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name=re.compile(r"^发布$")).click()
    page.wait_for_load_state()
    assert re.search(r"已(经)?发布", page.locator(".messages").inner_text())
    context.close()


def test_citizen_scans_a_poster_and_sees_when_it_is_outdated(live_site, browser, phone):
    phone.goto(live_site + "/search/?q=出生登记")
    phone.get_by_role("link", name="出生登记").first.click()
    matter_url = phone.url
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(get(matter_url + "poster.png"))))
    scanned = urlsplit(code.text)
    assert scanned.path.startswith("/q/")
    assert re.fullmatch(r"v=\d+", scanned.query)  # the revision the poster was printed from

    phone.goto(f"{live_site}{scanned.path}?{scanned.query}")
    assert phone.url.split("?")[0] == matter_url
    assert phone.locator("h1").inner_text() == "出生登记"
    assert phone.get_by_text("此海报已过期").count() == 0

    # the poster stays on the wall while the matter is published again
    republish(browser, live_site, "出生登记")
    phone.goto(f"{live_site}{scanned.path}?{scanned.query}")
    assert phone.get_by_text("此海报已过期").is_visible()
    check_accessibility(phone)
    screenshot(phone, "posters-02-outdated-notice")
    phone.get_by_role("link", name="查看更新内容").click()
    assert phone.url.endswith("#history")
    assert phone.get_by_role("heading", name="更新记录").is_visible()
