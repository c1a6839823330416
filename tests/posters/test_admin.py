"""What editors see in the admin: poster actions on matters and departments, scan reports."""

import pytest

from cms_pages.models import DepartmentIndexPage, DepartmentPage, MatterPage

pytestmark = pytest.mark.django_db


def scan(client, matter, times):
    for _ in range(times):
        client.get(f"/q/{matter.code}/", {"v": matter.live_revision_id}, HTTP_HOST="localhost")


def test_matter_rows_in_the_explorer_offer_the_posters(admin_client):
    department = DepartmentPage.objects.get(slug="gongan")
    html = admin_client.get(f"/admin/pages/{department.pk}/").content.decode()
    for matter in MatterPage.objects.filter(department=department):
        assert f'href="{matter.url}poster.pdf?size=A4"' in html
        assert f'href="{matter.url}poster.pdf?size=A3"' in html
        assert f'href="{matter.url}poster.png"' in html
    assert "海报 A4（PDF）" in html


def test_matter_editor_header_offers_the_posters(gongan_editor):
    matter = MatterPage.objects.get(title="出生登记")
    html = gongan_editor.get(f"/admin/pages/{matter.pk}/edit/").content.decode()
    assert f'href="{matter.url}poster.pdf?size=A4"' in html
    assert "海报预览图" in html


def test_unpublished_matter_offers_no_poster(admin_client):
    matter = MatterPage.objects.get(title="出生登记")
    matter.unpublish()
    html = admin_client.get(f"/admin/pages/{matter.pk}/edit/").content.decode()
    assert "poster.pdf" not in html


def test_department_rows_offer_batch_printing(admin_client):
    index = DepartmentIndexPage.objects.get()
    department = DepartmentPage.objects.get(slug="gongan")
    html = admin_client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert f'href="/admin/posters/?source=department%3A{department.pk}"' in html
    assert "批量打印本部门海报" in html


def test_scan_reports_count_per_matter_and_per_department(admin_client, site_client):
    birth = MatterPage.objects.get(title="出生登记")
    dog = MatterPage.objects.get(title="养犬登记")
    marriage = MatterPage.objects.get(title="内地居民结婚登记")
    scan(site_client, birth, 3)
    scan(site_client, dog, 2)
    scan(site_client, marriage, 1)

    html = admin_client.get("/admin/posters/scans/").content.decode()
    for matter in (birth, dog, marriage):
        assert matter.title in html
    assert "出生登记" in html and "近30天扫码" in html
    assert "居民身份证换领" not in html  # never scanned

    html = admin_client.get("/admin/posters/scans/departments/").content.decode()
    assert "青山市公安局" in html and "青山市民政局" in html
    rows = admin_client.get("/admin/posters/scans/departments/", {"export": "csv"})
    csv = b"".join(rows.streaming_content).decode("utf-8-sig")
    assert "青山市公安局,5,0,5" in csv
    assert "青山市民政局,1,0,1" in csv


def test_department_editor_sees_only_own_matters_scans(gongan_editor, site_client):
    scan(site_client, MatterPage.objects.get(title="出生登记"), 2)
    scan(site_client, MatterPage.objects.get(title="内地居民结婚登记"), 2)
    html = gongan_editor.get("/admin/posters/scans/").content.decode()
    assert "出生登记" in html
    assert "内地居民结婚登记" not in html
