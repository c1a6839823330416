"""A citizen on a phone files a complaint, keeps the code and secret, and looks it up."""

from tests.support.browser import check_accessibility, screenshot


def test_phone_complaint_journey_submit_code_and_status(live_site, phone):
    phone.goto(live_site + "/complaints/new/")
    assert phone.locator("h1").inner_text() == "在线投诉"
    check_accessibility(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the form scrolls sideways on a phone ({width}px)"

    phone.get_by_label("投诉类别").select_option(label="办事效率")
    phone.get_by_label("涉及事项").fill("出生登记")
    phone.get_by_label("投诉内容").fill("在窗口等了两个小时，工作人员说系统故障让明天再来。")
    phone.get_by_label("联系电话（可选）").fill("13800138000")
    screenshot(phone, "complaint-01-form")
    phone.get_by_role("button", name="提交投诉").click()

    phone.wait_for_url("**/complaints/new/done/")
    code = phone.get_by_test_id("code").inner_text().strip()
    secret = phone.get_by_test_id("secret").inner_text().strip()
    assert code.startswith("TS") and len(secret.replace("-", "")) == 10
    check_accessibility(phone)
    screenshot(phone, "complaint-02-code")

    phone.get_by_role("link", name="查询办理进度").click()
    phone.wait_for_url("**/complaints/status/")
    phone.get_by_label("查询码").fill(code.lower())
    phone.get_by_label("查询密码").fill(secret)
    phone.get_by_role("button", name="查询").click()
    assert phone.get_by_test_id("status").inner_text() == "待受理"
    assert "出生登记" in phone.locator("main").inner_text()
    check_accessibility(phone)
    screenshot(phone, "complaint-03-status")

    phone.goto(live_site + "/complaints/status/")
    phone.get_by_label("查询码").fill(code)
    phone.get_by_label("查询密码").fill("WRONG-SECRET")
    phone.get_by_role("button", name="查询").click()
    assert "查询码或查询密码不正确" in phone.get_by_role("alert").inner_text()
