"""A department spreadsheet through the admin: upload → preview with diffs → confirm."""

from tests.importers.sheet_files import edit, sample_rows, xlsx_bytes
from tests.support.browser import admin_login, check_accessibility, screenshot


def test_upload_preview_and_confirm_in_the_admin(live_site, browser, tmp_path):
    header, rows = sample_rows("gongan")
    edit(rows, header, 0, "办理时间", "周一至周日 8:30-18:00（导入测试）")
    path = tmp_path / "gongan.xlsx"
    path.write_bytes(xlsx_bytes(header, rows, title="青山市公安局政务服务事项清单"))

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    admin_login(page, live_site, "admin", "onevisit-demo")

    page.goto(live_site + "/admin/imports/upload/")
    page.set_input_files("input[name=file]", str(path))
    page.click("#upload-submit")
    page.wait_for_selector(".import-outcome", timeout=60_000)  # the progress bar gives way
    assert "已预览" in page.inner_text(".import-outcome")
    counts = page.inner_text(".import-counts")
    assert "变更 1" in counts and "未变 4" in counts
    assert page.locator(".import-diff del").count() and page.locator(".import-diff ins").count()
    assert "跳过了1行非数据行" in page.inner_text("details summary")
    check_accessibility(page)
    screenshot(page, "import-01-preview")

    page.click("#confirm-import")
    page.wait_for_selector(".import-outcome--applied", timeout=60_000)
    assert "已写入" in page.inner_text(".import-outcome")
    check_accessibility(page)
    screenshot(page, "import-02-applied")

    page.locator(".import-rows a").first.click()
    page.wait_for_url("**/edit/")
    assert "8:30-18:00（导入测试）" in page.content()  # the draft revision is what editors see
    context.close()
