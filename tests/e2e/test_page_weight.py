"""What a first visit costs a phone on a metered plan: compressed bytes per page type."""

from tests.support.browser import PHONE

MATTER_BUDGET = 60 * 1024
PAGE_TYPES = {
    "首页 home": "/",
    "主题 theme": "/themes/geren-sheng-yu-shou-yang/",
    "部门 department": "/departments/gongan/",
    "事项 matter": "/departments/gongan/chu-sheng-deng-ji/",
    "告知单 print view": "/departments/gongan/chu-sheng-deng-ji/print/",
    "搜索 search": "/search/?q=出生",
    "一件事 bundles": "/bundles/",
    "改革批次 batches": "/batches/",
    "改革清单 live list": "/batches/lists/at-most-once/",
    "数据公开 statistics": "/statistics/",
    "投诉 complaint form": "/complaints/new/",
    "投诉查询 complaint status": "/complaints/status/",
    "现场评价 hall rating": "/ratings/hall/",
}


def first_load(browser, url):
    """Bytes on the wire (headers and compressed bodies) and every URL fetched, cold cache."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    transferred, urls = [], []
    session.on("Network.loadingFinished", lambda e: transferred.append(e["encodedDataLength"]))
    session.on("Network.requestWillBeSent", lambda e: urls.append(e["request"]["url"]))
    response = page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url
    context.close()
    return sum(transferred), urls


def test_first_load_weight_per_page_type(live_site, browser, capsys):
    rows = []
    for name, path in PAGE_TYPES.items():
        size, urls = first_load(browser, live_site + path)
        foreign = [u for u in urls if not u.startswith(live_site) and not u.startswith("data:")]
        assert not foreign, f"{path} fetched from other sites: {foreign}"
        rows.append((name, len(urls), size))
    with capsys.disabled():
        print("\n| page type | requests | transferred (KB, first load) |\n|---|---:|---:|")
        for name, requests, size in rows:
            print(f"| {name} | {requests} | {size / 1024:.1f} |")
    matter = dict((name, size) for name, _, size in rows)["事项 matter"]
    assert matter <= MATTER_BUDGET, f"matter page transfers {matter} bytes"
