"""Without a mouse: home → search → matter → its complaint form, filed with the keyboard only,
with a visible focus indicator at every stop and errors announced to screen readers."""

import pytest

from tests.support.browser import screenshot

MAX_TABS = 250
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
    text: (el.innerText || el.value || '').trim().slice(0, 40), href: el.getAttribute('href'),
    focusVisible: el.matches(':focus-visible'),
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
          || style.boxShadow !== 'none',
    onScreen: box.width > 0 && box.height > 0,
  };
}"""


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def tab_to(page, wanted, stops):
    """Press Tab until `wanted(focus)` holds; every element passed on the way must show where
    the focus is. Returns the focus description."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus is None:
            continue
        stops.append(focus)
        assert focus["onScreen"] and focus["focusVisible"] and focus["ring"], (
            f"{page.url}: focus is not visible on {focus}"
        )
        if wanted(focus):
            return focus
    raise AssertionError(f"{page.url}: Tab never reached the element (last: {stops[-1:]})")


def test_search_to_complaint_with_the_keyboard_only(live_site, desktop):
    page, stops = desktop, []
    page.goto(live_site + "/")
    assert tab_to(page, lambda f: True, stops)["text"] == "跳到主要内容"
    tab_to(page, lambda f: f["tag"] == "input" and f["name"] == "q", stops)
    page.keyboard.type("出生登记")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")

    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "出生登记", stops)
    page.keyboard.press("Enter")
    page.wait_for_url("**/chu-sheng-deng-ji/")

    tab_to(page, lambda f: f["text"] == "在线投诉" and "complaints/new" in (f["href"] or ""), stops)
    page.keyboard.press("Enter")
    page.wait_for_url("**/complaints/new/?matter=*")
    assert page.get_by_label("涉及事项").input_value().startswith("出生登记（")

    # Submitted empty first: the errors are read out without moving the focus there.
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "提交投诉", stops)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    errors = page.locator("main [role=alert], main [aria-live]")
    assert errors.count() >= 1 and "投诉内容" in page.locator("main").inner_text()
    assert all(
        errors.nth(i).get_attribute("role") == "alert"
        or errors.nth(i).get_attribute("aria-live") in ("polite", "assertive")
        for i in range(errors.count())
    )
    assert "出生登记（" in page.get_by_label("涉及事项").input_value(), "what was typed is kept"

    tab_to(page, lambda f: f["tag"] == "select", stops)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") != ""
    tab_to(page, lambda f: f["tag"] == "textarea", stops)
    page.keyboard.type("窗口要求提供指南以外的证明材料，跑了两次。")
    screenshot(page, "keyboard-complaint-form")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "提交投诉", stops)
    page.keyboard.press("Enter")
    page.wait_for_url("**/complaints/new/done/")
    assert page.get_by_test_id("code").inner_text().strip().startswith("TS")
    assert len(stops) >= 6
