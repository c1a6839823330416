"""Every public page type through axe-core (WCAG 2.1 A/AA), in both display modes and both
languages, on a phone and a desktop: one browser, one page per combination, reused across page
types."""

import pytest

from tests.support.browser import PHONE, check_accessibility

MATTER = "/departments/gongan/chu-sheng-deng-ji/"
PAGE_TYPES = [
    "/", "/themes/geren-sheng-yu-shou-yang/", "/departments/gongan/", MATTER, MATTER + "print/",
    "/search/?q=出生", "/search/?q=zzqqxx", "/bundles/", "/batches/",
    "/batches/lists/at-most-once/", "/statistics/", "/complaints/new/", "/complaints/status/",
    "/ratings/hall/",
]  # fmt: skip
VIEWPORTS = {"phone": PHONE, "desktop": {"viewport": {"width": 1280, "height": 800}}}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("mode", ["normal", "elder"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_public_pages_have_no_axe_violations(live_site, browser, viewport, mode, language):
    context = browser.new_context(**VIEWPORTS[viewport])
    if mode == "elder":
        context.add_cookies([{"name": "elder", "value": "1", "url": live_site}])
    if language == "en":
        context.add_cookies([{"name": "language", "value": "en", "url": live_site}])
    page = context.new_page()
    paths = [*PAGE_TYPES, first_link(page, live_site, "/bundles/", "/bundles/")]
    failures = []
    for path in paths:
        page.goto(live_site + path)
        if not path.endswith("/print/"):  # the 告知单 is laid out for paper in either mode
            assert (page.locator("html.elder").count() == 1) == (mode == "elder"), path
        try:
            check_accessibility(page)
        except AssertionError as error:
            failures.append(str(error))
    context.close()
    assert not failures, "\n".join(failures)


def first_link(page, base, index, prefix):
    page.goto(base + index)
    return page.locator(f"main a[href^='{prefix}']:not([href='{prefix}'])").first.get_attribute(
        "href"
    )


def test_skip_link_is_first_and_moves_focus_to_the_content(live_site, phone):
    phone.goto(live_site + MATTER)
    phone.keyboard.press("Tab")
    skip = phone.locator(":focus")
    assert skip.inner_text() == "跳到主要内容" and skip.is_visible()
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
