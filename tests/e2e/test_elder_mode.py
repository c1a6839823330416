"""长者模式 in a real browser with JavaScript off: the sizes a reader with weak eyes needs."""

import pytest

from tests.support.browser import PHONE, check_accessibility, screenshot

SMALLEST_TEXT = """() => {
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || el.closest('svg')) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
    sizes.push([parseFloat(getComputedStyle(el).fontSize), el.textContent.trim().slice(0, 20)]);
  }
  return sizes.sort((a, b) => a[0] - b[0])[0];
}"""
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    'button, .button, .elder-toggle, select, summary, .site-nav a, .pager a, .toc a, '
    + '.theme-grid a, .dept-grid a, '
    + 'input:not([type=hidden]):not([type=checkbox]):not([type=radio])'))
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .map(el => { const b = el.getBoundingClientRect();
               return [Math.round(b.width), Math.round(b.height), el.outerHTML.slice(0, 60)]; })
  .filter(([w, h]) => w < 60 || h < 60)"""


@pytest.fixture
def no_script_phone(browser):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def font_px(page, selector):
    return page.evaluate(
        "s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)", selector
    )


def check_contrast_with_script(browser, page):
    """axe-core needs JavaScript: the same page, same cookies, in a scripted browser."""
    context = browser.new_context(**PHONE)
    context.add_cookies(page.context.cookies())
    scripted = context.new_page()
    scripted.goto(page.url)
    assert scripted.locator("html.elder").count() == 1
    check_accessibility(scripted, rules=["color-contrast-enhanced"])
    check_accessibility(scripted)
    context.close()


def test_elder_mode_without_javascript_is_large_clear_and_remembered(
    live_site, no_script_phone, browser
):
    page = no_script_phone
    page.goto(live_site + "/themes/geren-sheng-yu-shou-yang/")
    normal_body = font_px(page, "body")
    page.get_by_role("link", name="长者模式", exact=True).click()
    page.wait_for_url("**/themes/geren-sheng-yu-shou-yang/")
    assert page.get_by_role("link", name="退出长者模式").is_visible()

    assert font_px(page, "body") >= max(18, normal_body * 1.25)
    assert font_px(page, "h1") >= 30
    line_height = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    assert line_height >= 1.5 * font_px(page, "body")
    smallest = page.evaluate(SMALLEST_TEXT)
    assert smallest[0] >= 18, f"text smaller than 18px in 长者模式: {smallest}"
    assert page.evaluate(SMALL_TARGETS) == []
    screenshot(page, "elder-theme-phone")
    check_contrast_with_script(browser, page)

    page.goto(live_site + "/search/?q=出生")  # remembered on the next page, a form this time
    assert font_px(page, "body") >= 18
    assert page.evaluate(SMALL_TARGETS) == []
    search_button = page.locator("main button[type=submit]").first.bounding_box()
    assert search_button["width"] >= 60 and search_button["height"] >= 60
    screenshot(page, "elder-search-phone")
    check_contrast_with_script(browser, page)

    page.get_by_role("link", name="退出长者模式").click()
    assert font_px(page, "body") == normal_body


def test_elder_mode_is_one_column_without_motion_on_a_desktop(live_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_cookies([{"name": "elder", "value": "1", "url": live_site}])
    page = context.new_page()
    page.goto(live_site + "/themes/")
    columns = page.evaluate(
        "getComputedStyle(document.querySelector('.theme-grid')).gridTemplateColumns"
    )
    assert len(columns.split()) == 1
    assert page.evaluate(
        "Array.from(document.querySelectorAll('*')).every(el => "
        "['none', ''].includes(getComputedStyle(el).animationName) && "
        "parseFloat(getComputedStyle(el).transitionDuration) === 0)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    screenshot(page, "elder-themes-desktop")
    context.close()
