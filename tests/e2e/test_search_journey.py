"""A citizen searches on a phone the way people talk, narrows the results and opens the
matter; every page passes axe."""

from tests.support.browser import check_accessibility, screenshot


def test_phone_search_from_home_to_matter(live_site, phone):
    phone.goto(live_site + "/")
    phone.get_by_role("searchbox", name="搜索办事事项").fill("开饭店")
    phone.get_by_role("button", name="搜索").click()
    phone.wait_for_url("**/search/?q=*")
    assert "找到 3 个与“开饭店”相关的事项" in phone.locator("#results-heading").inner_text()
    assert phone.locator(".search-hits .bundle-link").first.inner_text() == "开办餐饮店一件事"
    first = phone.locator(".search-hits .matter-link").first
    assert first.inner_text() == "食品经营许可（新办）"
    assert first.locator("mark").first.inner_text() == "食品经营许可"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"results scroll sideways on a phone ({width}px)"
    check_accessibility(phone)
    screenshot(phone, "search-01-results")

    phone.get_by_role("link", name="法人 (2)").click()
    phone.wait_for_url("**object=legal*")
    assert "服务对象：法人" in phone.locator(".active-filters").inner_text()
    assert phone.locator(".search-hits .matter-link").count() == 2
    check_accessibility(phone)

    phone.locator(".search-hits .matter-link").first.click()
    assert phone.locator("h1").inner_text() == "食品经营许可（新办）"


def test_phone_autocomplete_pinyin_and_approximate_results(live_site, phone):
    phone.goto(live_site + "/search/")
    box = phone.get_by_role("combobox", name="搜索办事事项")
    box.press_sequentially("csdj", delay=30)
    options = phone.locator("#search-suggestions option")
    options.first.wait_for(state="attached")
    assert options.first.get_attribute("value") == "出生登记"

    box.fill("农村宅基地修猪圈图纸")
    box.press("Enter")
    phone.wait_for_url("**/search/?q=*")
    assert "完全相符" in phone.locator(".notice-approximate").inner_text()
    assert phone.locator(".search-hits .matter-link").first.inner_text() == "农村村民宅基地审批"
    check_accessibility(phone)
    screenshot(phone, "search-02-approximate")
