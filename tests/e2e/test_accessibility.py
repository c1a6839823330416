"""Every public page type through axe-core (WCAG 2.1 A/AA) on a phone and a desktop, in both
display modes and both languages: one browser, one page per combination, reused across page
types. Pages behind a form (complaint status, suggestions) are reached by using the form; 404
and 500 come from a server with DEBUG off. In 长者模式 on a phone every page is also kept as a
screenshot.

The combinations are pairwise rather than all eight: what axe finds depends on the layout
(viewport), the styles (mode) and the text and its lang attributes (language), and each pair of
those values meets on every page type — phone-normal-zh, phone-elder-en, desktop-normal-en,
desktop-elder-zh. Elder mode on a phone is visited in both languages, since its screenshots are
kept in both, which puts zh once more beside it."""

import pytest

from tests.support.browser import PHONE, check_accessibility, screenshot
from tests.support.public_pages import FIRST_ENTRY_OF, MATTER, PAGE_TYPES, visits

VIEWPORTS = {"phone": PHONE, "desktop": {"viewport": {"width": 1280, "height": 800}}}


@pytest.mark.parametrize(
    "viewport, mode, language",
    [("phone", "normal", "zh-hans"), ("phone", "elder", "en"), ("desktop", "normal", "en"),
     ("desktop", "elder", "zh-hans"), ("phone", "elder", "zh-hans")],
)  # fmt: skip
def test_public_pages_have_no_axe_violations(
    live_site, error_site, site_facts, browser, viewport, mode, language
):
    context = browser.new_context(**VIEWPORTS[viewport])
    if mode == "elder":
        for base in (live_site, error_site):
            context.add_cookies([{"name": "elder", "value": "1", "url": base}])
    if language == "en":
        for base in (live_site, error_site):
            context.add_cookies([{"name": "language", "value": "en", "url": base}])
    page = context.new_page()
    failures, seen = [], []

    def check(name):
        seen.append(name)
        if name not in ("print-view", "500"):  # paper, and a page that needs nothing working
            assert (page.locator("html.elder").count() == 1) == (mode == "elder"), name
        if mode == "elder" and viewport == "phone":
            screenshot(page, f"elder/{name}" if language == "zh-hans" else f"elder-en/{name}")
        try:
            check_accessibility(page)
        except AssertionError as error:
            failures.append(str(error))

    for name, _ in visits(page, live_site, site_facts, error_site):
        check(name)
    context.close()
    assert len(seen) == len(PAGE_TYPES) + len(FIRST_ENTRY_OF) + 7  # posters, complaints, 404, 500…
    assert not failures, "\n".join(failures)


def test_skip_link_is_first_and_moves_focus_to_the_content(live_site, phone):
    phone.goto(live_site + MATTER)
    phone.keyboard.press("Tab")
    skip = phone.locator(":focus")
    assert skip.inner_text() == "跳到主要内容" and skip.is_visible()
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
