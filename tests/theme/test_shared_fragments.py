"""Shared fragments (the site chrome, breadcrumbs, a department's complaint channels) are kept
rendered between publishes: a citizen gets the same HTML as a page rendered whole, in every
language and display mode, and a change to what a fragment shows reaches the next render."""

import re
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms_pages import fragments
from cms_pages.models import (
    BundleIndexPage,
    BundleMember,
    BundlePage,
    CentreSettings,
    DepartmentPage,
    MatterPage,
)
from cms_pages.models.guide import MatterIntermediaryService
from cms_pages.models.matter import MatterFAQ, MatterFeeItem
from cms_pages.page_cache import GENERATION_KEY
from complaints.models import ComplaintChannel
from tests.support.cache_reads import shared_cache_reads
from theme.templatetags import fragment_tags

pytestmark = pytest.mark.django_db

# Any query string keeps the whole-page cache out: every request renders.
RENDER = {"uncached": "1"}
VARIANTS = {
    "中文": {},
    "English": {settings.LANGUAGE_COOKIE_NAME: "en"},
    "长者模式": {"elder": "1"},
    "English 长者模式": {settings.LANGUAGE_COOKIE_NAME: "en", "elder": "1"},
}


@pytest.fixture
def full_matter():
    """A matter with every section filled: children of every kind, a bundle, department
    complaint channels, a theme, a published history."""
    matter = MatterPage.objects.live().get(title="居民身份证换领")
    MatterFAQ.objects.create(matter=matter, question="可以代办吗？", answer="可以。\n须带委托书。")
    MatterFeeItem.objects.create(matter=matter, name="工本费", amount="20元", basis="价格文件")
    MatterIntermediaryService.objects.create(matter=matter, name="照片拍摄", required=True,
                                             fee="25元")  # fmt: skip
    ComplaintChannel.objects.create(department_id=matter.department_id, kind="phone",
                                    label="公安监督电话", value="0571-1234567",
                                    note="工作日")  # fmt: skip
    bundle = BundlePage(title="新生儿出生一件事", slug="fragment-bundle", intro="一次办完。")
    bundle.members = [BundleMember(matter=matter, sort_order=0)]
    BundleIndexPage.objects.get().add_child(instance=bundle)
    bundle.save_revision().publish()
    return MatterPage.objects.get(pk=matter.pk)


def render(client, path, cookies):
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get(path, RENDER)
    assert response.status_code == 200
    return response.content.decode()


def whole(request, name, parts, render):
    return render()


def sibling_of(matter):
    siblings = MatterPage.objects.live().filter(department=matter.department_id)
    return siblings.exclude(pk=matter.pk)[0]


def test_matter_page_is_the_same_as_rendered_whole_in_every_variant(
    site_client, full_matter, monkeypatch
):
    paths = [full_matter.url, full_matter.url + "print/", sibling_of(full_matter).url]
    with monkeypatch.context() as patch:
        patch.setattr(fragment_tags, "shared_fragment", whole)
        expected = {(v, p): render(site_client, p, c) for v, c in VARIANTS.items() for p in paths}
    # Rendered with an empty fragment store, then with every fragment read back.
    for _round in ("stored", "read back"):
        for (variant, path), html in expected.items():
            assert render(site_client, path, VARIANTS[variant]) == html, (variant, path)
    page = expected["English 长者模式", full_matter.url]
    assert 'class="elder"' in page and "公安监督电话" in page and "可以代办吗" in page
    assert "照片拍摄" in page and "新生儿出生一件事" in page and "工本费" in page


def test_a_departments_block_is_shared_by_its_matters(site_client, full_matter):
    render(site_client, full_matter.url, {})
    with CaptureQueriesContext(connection) as queries:
        html = render(site_client, sibling_of(full_matter).url, {})
    tables = " ".join(query["sql"] for query in queries)
    assert "complaints_complaintchannel" not in tables
    assert "公安监督电话" in html


def test_fragments_this_process_used_are_not_read_from_the_shared_cache_again(
    site_client, full_matter, monkeypatch
):
    first = render(site_client, full_matter.url, {})
    reads = shared_cache_reads(monkeypatch, fragments)
    assert render(site_client, full_matter.url, {}) == first
    assert reads == []


def test_a_fragment_kept_in_memory_gives_way_to_another_hosts_publish(site_client, full_matter):
    assert "0571-1234567" in render(site_client, full_matter.url, {})
    # Another host's edit reaches this process only as the rows and a new generation in the
    # shared cache: no signal runs here.
    ComplaintChannel.objects.filter(value="0571-1234567").update(value="0571-7654321")
    cache.set(GENERATION_KEY, time.time_ns(), None)
    html = render(site_client, full_matter.url, {})
    assert "0571-7654321" in html and "0571-1234567" not in html


def test_a_complaint_channel_edit_reaches_the_next_render(site_client, full_matter):
    assert "0571-1234567" in render(site_client, full_matter.url, {})
    channel = ComplaintChannel.objects.get(value="0571-1234567")
    channel.value = "0571-7654321"
    channel.save()
    html = render(site_client, sibling_of(full_matter).url, {})
    assert "0571-7654321" in html and "0571-1234567" not in html


def test_a_centre_settings_change_reaches_header_and_footer(site_client, full_matter):
    for cookies in VARIANTS.values():
        render(site_client, full_matter.url, cookies)
    centre = CentreSettings.load()
    centre.name, centre.hotline = "青山市民之家", "96000"
    centre.save()
    for variant, cookies in VARIANTS.items():
        html = render(site_client, full_matter.url, cookies)
        brand = re.search(r'<a class="brand".*?</a>', html, re.S).group()
        footer = re.search(r"<footer class=\"site-footer\">.*?</footer>", html, re.S).group()
        assert "青山市民之家" in brand and "青山市民之家" in footer, variant
        assert 'href="tel:96000"' in footer, variant


def test_a_department_rename_reaches_breadcrumbs_and_subject(site_client, full_matter):
    render(site_client, full_matter.url, {})
    department = DepartmentPage.objects.get(pk=full_matter.department_id)
    department.title = "青山市公安局（新）"
    department.save_revision().publish()
    html = render(site_client, sibling_of(full_matter).url, {})
    breadcrumbs = re.search(r'<nav class="wrap breadcrumbs".*?</nav>', html, re.S).group()
    subject = re.search(r'<section id="subject".*?</section>', html, re.S).group()
    assert "青山市公安局（新）" in breadcrumbs and "青山市公安局（新）" in subject


def test_the_language_switch_changes_the_chrome(site_client, full_matter):
    chinese = render(site_client, full_matter.url, {})
    english = render(site_client, full_matter.url, VARIANTS["English"])
    nav = r'<nav class="wrap site-nav".*?</nav>'
    assert "部门办事" in re.search(nav, chinese, re.S).group()
    assert "部门办事" not in re.search(nav, english, re.S).group()
    assert '<a class="brand" href="/"><span lang="zh-Hans">' in english


def test_a_matter_joining_a_bundle_shows_it(site_client, full_matter):
    other = sibling_of(full_matter)
    assert "bundle-box" not in render(site_client, other.url, {})
    bundle = BundlePage.objects.get(slug="fragment-bundle")
    bundle.members.add(BundleMember(matter=other, sort_order=1))
    bundle.save_revision().publish()
    assert "新生儿出生一件事" in render(site_client, other.url, {})
