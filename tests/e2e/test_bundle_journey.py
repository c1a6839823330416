"""A citizen opening a restaurant, on a phone: 一件事 → its matters → one printed notice."""

import re

from tests.support.browser import check_accessibility, screenshot


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"


def test_phone_journey_through_a_bundle_and_its_print_view(live_site, phone):
    phone.goto(live_site + "/")
    phone.get_by_role("navigation", name="主导航").get_by_role("link", name="一件事").click()
    phone.wait_for_url("**/bundles/")
    check_accessibility(phone)
    phone.get_by_role("link", name="开办餐饮店一件事").click()
    assert phone.locator("h1").inner_text() == "开办餐饮店一件事"
    for heading in ("办理顺序", "一次性材料清单", "联办流程", "办理结果", "办理地点"):
        assert phone.get_by_role("heading", name=heading, exact=True).is_visible()
    flowchart = phone.get_by_role("img", name="开办餐饮店一件事联办流程图")
    assert flowchart.is_visible()
    box = flowchart.bounding_box()
    assert box["width"] <= 390 and box["height"] > 100
    checklist = phone.locator("#materials tbody tr")
    names = [row.locator("td").nth(1).inner_text().split("\n")[0] for row in checklist.all()]
    assert names.count("委托代理人身份证明及授权委托书") == 1
    assert "营业执照" in names
    no_sideways_scroll(phone)
    check_accessibility(phone)
    screenshot(phone, "bundle-01-page")

    phone.locator("#steps").get_by_role("link", name="食品经营许可（新办）").click()
    assert phone.locator("h1").inner_text() == "食品经营许可（新办）"
    assert phone.get_by_role("img", name="食品经营许可（新办）办理流程图").is_visible()
    assert phone.locator("#procedure .procedure-steps").get_by_text("现场核查").is_visible()
    box = phone.get_by_role("complementary").filter(has_text="属于以下一件事")
    no_sideways_scroll(phone)
    check_accessibility(phone)
    screenshot(phone, "bundle-02-member-matter")
    box.get_by_role("link", name="开办餐饮店一件事").click()
    assert phone.locator("h1").inner_text() == "开办餐饮店一件事"

    phone.get_by_role("link", name="打印一次性告知单").click()
    phone.wait_for_url("**/print/")
    assert "一次性告知单" in phone.locator("h1").inner_text()
    assert phone.get_by_role("img", name="开办餐饮店一件事联办流程图").is_visible()
    check_accessibility(phone)
    screenshot(phone, "bundle-03-print")
    phone.emulate_media(media="print")
    assert phone.get_by_role("button", name="打印").is_hidden()
    pdf = phone.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1, "the notice does not fit one A4 sheet"
