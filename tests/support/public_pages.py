"""The public page types of the demo site, as the accessibility, validity and print checks
visit them; pages behind a form or a link found on another page are reached in the tests."""

from .error_site import FAILING_PATH

MATTER = "/departments/gongan/chu-sheng-deng-ji/"
PAGE_TYPES = {
    "home": "/",
    "theme": "/themes/geren-sheng-yu-shou-yang/",
    "department": "/departments/gongan/",
    "matter": MATTER,
    "print-view": MATTER + "print/",
    "search-results": "/search/?q=出生",
    "search-no-results": "/search/?q=zzqqxx",
    "search": "/search/",
    "bundles": "/bundles/",
    "batches": "/batches/",
    "live-list": "/batches/lists/at-most-once/",
    "statistics": "/statistics/",
    "complaint-form": "/complaints/new/",
    "complaint-status": "/complaints/status/",
    "complaint-figures": "/complaints/figures/",
    "hall-rating": "/ratings/hall/",
}
# Index pages whose first entry is a page type of its own (a bundle, a batch).
FIRST_ENTRY_OF = {"bundle": "/bundles/", "batch": "/batches/"}
# What only the database knows, after giving the matter an online-service link and a newer
# revision than its posters: its code, the poster revision, a filed complaint's secret.
SITE_FACTS = """
import json
from cms_pages.models import MatterPage
from complaints.intake import file_complaint
from complaints.models import Category
matter = MatterPage.objects.live().get(url_path__endswith="/chu-sheng-deng-ji/")
earlier = matter.live_revision  # what a poster printed before the next publication carries
matter.online_url = "https://zwfw.example.gov.cn/chu-sheng-deng-ji"  # a link to another site
matter.save_revision().publish()
case, secret = file_complaint(category=Category.objects.first(), matter=matter,
                              text="窗口要求提供清单以外的材料。")
print(json.dumps({"code": matter.code, "earlier_revision": earlier.pk,
                  "case": case.code, "secret": secret}))
"""


def by_link(page, base, index, prefix):
    page.goto(base + index)
    return page.locator(f"main a[href^='{prefix}']:not([href='{prefix}'])").first.get_attribute(
        "href"
    )


def visits(page, base, facts, error_base):
    """Go to each public page type in turn, yielding (name, url) once the browser is there."""
    for name, path in PAGE_TYPES.items():
        page.goto(base + path)
        yield name, path
    for name, index in FIRST_ENTRY_OF.items():
        page.goto(base + by_link(page, base, index, index))
        yield name, page.url
    # A poster printed before the matter's last publication, scanned in the hall. Found by
    # markup rather than wording: the walk is the same in every interface language.
    page.goto(f"{base}/q/{facts['code']}/?v={facts['earlier_revision']}")
    assert page.locator(".poster-outdated").is_visible()
    yield "poster-scan-outdated", page.url
    page.goto(f"{base}/q/000000000000/")
    yield "poster-scan-unknown", page.url

    for name, secret, answer in (
        ("complaint-status-found", facts["secret"], "[data-testid=status]"),
        ("complaint-status-wrong-secret", "WRONG-SECRET", "[role=alert]"),
    ):
        page.goto(base + "/complaints/status/")
        lookup = page.locator("form[action='/complaints/status/']")
        lookup.locator("input[name=code]").fill(facts["case"])
        lookup.locator("input[name=secret]").fill(secret)
        with page.expect_navigation():
            lookup.locator("button[type=submit]").click()
        page.locator(answer).first.wait_for()
        yield name, page.url

    page.goto(base + "/search/")
    page.locator("#search-q").press_sequentially("出生")
    page.locator("#search-suggestions option").first.wait_for(state="attached")
    yield "search-suggestions", page.url

    # The same site with DEBUG off (tests/support/error_site.py).
    assert page.goto(error_base + "/no-such-page/").status == 404
    yield "404", page.url
    assert page.goto(error_base + FAILING_PATH).status == 500
    yield "500", page.url
