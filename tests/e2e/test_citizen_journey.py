"""A citizen on a phone: home → theme → matter → print view, accessible at every step."""

import re

from tests.support.browser import check_accessibility, screenshot


def test_phone_journey_from_home_to_print_view(live_site, phone):
    phone.goto(live_site + "/")
    assert phone.locator("h1").inner_text() == "青山市政务服务网"
    check_accessibility(phone)
    screenshot(phone, "01-home")

    # Theme links carry their matter count: "生育收养 2".
    phone.get_by_role("link", name=re.compile(r"^生育收养 \d+$")).first.click()
    phone.wait_for_url("**/themes/geren-sheng-yu-shou-yang/")
    assert phone.locator("h1").inner_text() == "生育收养"
    check_accessibility(phone)
    screenshot(phone, "02-theme")

    phone.get_by_role("link", name="出生登记").first.click()
    assert phone.locator("h1").inner_text() == "出生登记"
    for heading in ("办理主体", "办理依据", "办理条件", "办理程序", "办理时限", "办理结果",
                    "收费依据", "收费标准"):  # fmt: skip
        assert phone.get_by_role("heading", name=heading, exact=True).is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
    check_accessibility(phone)
    screenshot(phone, "03-matter")

    phone.get_by_role("link", name="打印一次性告知单").click()
    phone.wait_for_url("**/print/")
    assert "一次性告知单" in phone.locator("h1").inner_text()
    check_accessibility(phone)
    screenshot(phone, "04-print")
    phone.emulate_media(media="print")
    pdf_page_height = 1123  # A4 at 96 dpi
    assert phone.evaluate("document.body.scrollHeight") < pdf_page_height * 1.6
