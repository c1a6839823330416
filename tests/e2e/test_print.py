"""Pages people print (a department's list for the counter, a batch's matters, the statistics,
a complaint's progress): on paper only the content, also when printed from 长者模式."""

import pytest

A4_WIDTH = 794  # CSS pixels at 96 dpi
PRINTED = {
    "home": "/",
    "theme": "/themes/geren-sheng-yu-shou-yang/",
    "department": "/departments/gongan/",
    "matter": "/departments/gongan/chu-sheng-deng-ji/",
    "search results": "/search/?q=出生",
    "bundles": "/bundles/",
    "batches": "/batches/",
    "live list": "/batches/lists/at-most-once/",
    "statistics": "/statistics/",
    "complaint status": "/complaints/status/",
}
SCREEN_ONLY = [".site-header", ".site-nav", ".site-footer", ".elder-toggle", ".skip-link",
               ".lang-switch", "main form"]  # fmt: skip
PRINTED_LINK_ADDRESSES = """() => Array.from(document.querySelectorAll('main a[href^="http"]'))
  .filter(a => a.getClientRects().length)
  .map(a => [a.href, getComputedStyle(a, '::after').content])"""


@pytest.fixture(params=["normal", "elder"])
def paper(request, browser, live_site):
    context = browser.new_context(viewport={"width": A4_WIDTH, "height": 1123})
    if request.param == "elder":
        context.add_cookies([{"name": "elder", "value": "1", "url": live_site}])
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


def test_printed_pages_show_the_content_without_navigation(live_site, site_facts, paper):
    pages = dict(PRINTED)
    for index in ("/bundles/", "/batches/"):
        paper.goto(live_site + index)
        link = paper.locator(f"main a[href^='{index}']:not([href='{index}'])").first
        pages[index.strip("/") + " item"] = link.get_attribute("href")
    addresses_shown = 0
    for name, path in pages.items():
        paper.goto(live_site + path)
        for selector in SCREEN_ONLY:
            shown = paper.locator(selector).evaluate_all(
                "els => els.filter(el => el.getClientRects().length).length"
            )
            assert shown == 0, f"{name}: {selector} is printed"
        assert paper.locator("main h1").is_visible(), name
        assert len(paper.locator("main").inner_text()) > 20, name
        assert paper.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") <= 16, name
        width = paper.evaluate("document.documentElement.scrollWidth")
        assert width <= A4_WIDTH, f"{name}: wider than the paper ({width}px)"
        for href, after in paper.evaluate(PRINTED_LINK_ADDRESSES):
            assert href.rstrip("/") in after or href in after, f"{name}: {href} without address"
            addresses_shown += 1
    assert addresses_shown, "no page printed the address of a link to another site"
