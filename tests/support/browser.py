"""Debian's chromium driven by Playwright: launch options, admin sign-in, axe-core, screenshots."""

import json
import os

from . import ROOT
from .services import missing

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
# Summed up in the browser: passing the whole result object back through Playwright took
# longer than the run itself (9 s against 2 s on the statistics page). Only the violations
# are aggregated in full; every rule still runs on every element.
VIOLATIONS = """async (only) => {
  const result = await axe.run(document, {runOnly: only, resultTypes: ["violations"]});
  return result.violations.map(
    v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target)}));
}"""
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "zh-CN"}  # fmt: skip


def admin_login(page, base, username, password):
    """Sign in to the Wagtail admin in this browser context."""
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("button[type=submit]").click()
    page.wait_for_url(base + "/admin/")


def check_accessibility(page, rules=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")):
    """Fail on any violation axe-core finds on the current page (WCAG 2.1 A/AA unless told:
    `rules=["color-contrast-enhanced"]` checks 7:1 contrast)."""
    if not AXE.exists():
        missing("axe-core is not installed (npm install)")
    # Evaluated through the DevTools protocol: the site's Content-Security-Policy would block
    # axe-core added as an inline <script>.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(VIOLATIONS, list(rules))
    assert not violations, f"{page.url}: " + json.dumps(violations, ensure_ascii=False, indent=1)


def screenshot(page, name):
    """Kept as a CI artifact: artifacts/screenshots/<name>.png (`name` may hold a folder)."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
