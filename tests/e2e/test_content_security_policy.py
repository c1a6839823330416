"""The Content-Security-Policy is enforced by a real browser, and the site still works."""

from tests.support.browser import admin_login


def test_the_browser_refuses_inline_script_on_public_pages(live_site, phone):
    refusals = []
    phone.on("console", lambda message: refusals.append(message.text)
             if "Content Security Policy" in message.text else None)  # fmt: skip
    response = phone.goto(live_site + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    phone.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.head.appendChild(script);
    }""")
    assert phone.evaluate("window.__inlineRan === undefined")
    assert any("inline script" in text for text in refusals)


def test_the_print_button_works_without_inline_handlers(live_site, phone):
    phone.goto(live_site + "/departments/gongan/")
    phone.locator(".matter-link").first.click()
    phone.locator("a", has_text="打印一次性告知单").click()
    phone.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    phone.locator("button[data-print]").click()
    assert phone.evaluate("window.__printed === true")


def test_the_admin_editor_runs_under_its_policy(live_site, browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    refusals = []
    page.on("console", lambda message: refusals.append(message.text)
            if "Content Security Policy" in message.text else None)  # fmt: skip
    admin_login(page, live_site, "admin", "onevisit-demo")
    page.goto(live_site + "/admin/pages/search/?q=出生登记")
    page.locator("a", has_text="出生登记").first.click()
    page.wait_for_selector("#id_code")
    count = page.locator("[data-inline-panel-child]:not(.deleted)").count()
    page.locator("button", has_text="材料").first.click()  # inline panel: Wagtail's inline script
    assert page.locator("[data-inline-panel-child]:not(.deleted)").count() > count
    assert refusals == []
    context.close()
