"""Batch printing: one page per matter of a department, theme or hall window, kept until a
member changes."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms_pages.models import DepartmentPage, MatterPage, ServiceWindow, Theme
from posters.batches import request_batch
from posters.checks import poster_fonts_installed
from posters.fonts import DEFAULT_FONTS
from posters.models import PosterBatch
from tests.posters.phone_camera import decode_pages, page_texts

pytestmark = pytest.mark.django_db


def pdf_of(batch):
    with batch.file.open("rb") as handle:
        return handle.read()


@pytest.mark.db_independent  # rendering and scanning; the matters are only read
def test_every_demo_matter_prints_a_poster_that_scans_to_its_page(site_client):
    """All departments, one batch each: each page carries its own matter and its QR code
    lands on that matter's live page."""
    printed = 0
    for department in DepartmentPage.objects.all():
        matters = list(MatterPage.objects.live().filter(department=department).order_by("path"))
        batch = request_batch("department", department.pk, "A4")
        pdf = pdf_of(batch)
        texts, codes = page_texts(pdf), decode_pages(pdf)
        assert batch.status == PosterBatch.READY and batch.total == len(matters)
        assert len(texts) == len(matters)
        for matter, text, [url] in zip(matters, texts, codes, strict=True):
            assert matter.title in text
            response = site_client.get(urlsplit(url).path, follow=True)
            assert response.redirect_chain[-1][0].split("?")[0] == matter.url
            assert response.status_code == 200
            printed += 1
    assert printed == MatterPage.objects.live().count() == 38


@pytest.mark.parametrize(
    "kind, pick",
    [("theme", lambda: Theme.objects.get(audience="legal", name="准营准办").pk),
     ("window", lambda: ServiceWindow.objects.get(name="公安综合窗口（C区1-6号）").pk)],
)  # fmt: skip
def test_theme_and_window_batches_have_one_page_per_matter(kind, pick):
    pick = pick()
    field = {"theme": "themes", "window": "window"}[kind]
    expected = MatterPage.objects.live().filter(**{field: pick}).order_by("path")
    batch = request_batch(kind, pick, "A3")
    texts = page_texts(pdf_of(batch))
    assert len(texts) == batch.total == expected.count() > 1
    assert [m.title in text for m, text in zip(expected, texts, strict=True)] == [True] * len(texts)


def test_batch_is_reused_until_a_member_changes():
    department = DepartmentPage.objects.get(slug="gongan")
    first = request_batch("department", department.pk, "A4")
    assert request_batch("department", department.pk, "A4").pk == first.pk
    assert PosterBatch.objects.count() == 1

    member = MatterPage.objects.filter(department=department).first()
    member.hours = "周一至周日 9:00-17:00"
    member.save_revision().publish()
    second = request_batch("department", department.pk, "A4")
    assert second.pk != first.pk and second.status == PosterBatch.READY
    assert "周一至周日 9:00-17:00" in "".join(page_texts(pdf_of(second)))
    # the superseded batch and its file are gone
    assert list(PosterBatch.objects.values_list("pk", flat=True)) == [second.pk]


def test_editor_prints_a_batch_in_the_admin(admin_client):
    department = DepartmentPage.objects.get(slug="gongan")
    form = admin_client.get("/admin/posters/", {"source": f"department:{department.pk}"})
    assert form.status_code == 200
    assert f'value="department:{department.pk}" selected' in form.content.decode()

    response = admin_client.post(
        "/admin/posters/", {"source": f"department:{department.pk}", "size": "A4"}
    )
    batch = PosterBatch.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/admin/posters/batches/{batch.pk}/"
    )
    page = admin_client.get(response["Location"]).content.decode()
    assert "<progress" in page and "下载海报 PDF" in page

    progress = admin_client.get(f"/admin/posters/batches/{batch.pk}/progress/").json()
    assert progress["status"] == "ready"
    assert (
        progress["done"]
        == progress["total"]
        == MatterPage.objects.filter(department=department).count()
    )

    download = admin_client.get(f"/admin/posters/batches/{batch.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert len(page_texts(b"".join(download.streaming_content))) == progress["total"]
    recent = admin_client.get("/admin/posters/").content.decode()
    assert department.title in recent


def test_unknown_source_is_refused_and_nothing_is_built(admin_client):
    response = admin_client.post("/admin/posters/", {"source": "department:999999", "size": "A4"})
    assert response.status_code == 200
    assert "department:999999 不在可用的选项中" in response.content.decode()
    assert not PosterBatch.objects.exists()


@pytest.mark.db_independent  # rendering and scanning; the matters are only read
def test_print_posters_command_writes_the_pdf(tmp_path):
    output = tmp_path / "gongan.pdf"
    call_command("print_posters", "department", "青山市公安局", str(output), "--size", "A3")
    gongan = MatterPage.objects.filter(department__slug="gongan").count()
    assert len(page_texts(output.read_bytes())) == gongan


def test_build_interrupted_by_a_restart_is_picked_up_again():
    department = DepartmentPage.objects.get(slug="jiaoyu")
    batch = request_batch("department", department.pk, "A4")
    batch.file.delete(save=False)
    stuck = timezone.now() - timedelta(minutes=30)
    PosterBatch.objects.filter(pk=batch.pk).update(status=PosterBatch.BUILDING, file="")
    PosterBatch.objects.filter(pk=batch.pk).update(updated_at=stuck)  # the worker died

    again = request_batch("department", department.pk, "A4")
    assert again.pk == batch.pk and again.status == PosterBatch.READY and again.file


def test_running_build_is_not_started_twice():
    department = DepartmentPage.objects.get(slug="jiaoyu")
    batch = request_batch("department", department.pk, "A4")
    PosterBatch.objects.filter(pk=batch.pk).update(status=PosterBatch.BUILDING, done=0)
    again = request_batch("department", department.pk, "A4")
    assert (again.status, again.done) == (PosterBatch.BUILDING, 0)


def test_failed_build_is_reported_and_retried(admin_client, settings):
    department = DepartmentPage.objects.get(slug="jiaoyu")
    missing = ("/nonexistent/font.ttc", "Noto Sans CJK SC")
    settings.POSTERS_FONTS = {"": missing, "B": missing}  # a font package that was removed
    assert [warning.id for warning in poster_fonts_installed(None)] == ["posters.W001"]
    failed = request_batch("department", department.pk, "A4")
    assert failed.status == PosterBatch.FAILED
    assert "海报字体不可用" in failed.error and "fonts-noto-cjk" in failed.error
    page = admin_client.get(f"/admin/posters/batches/{failed.pk}/").content.decode()
    assert "生成失败" in page and "重新生成" in page

    settings.POSTERS_FONTS = DEFAULT_FONTS
    retried = request_batch("department", department.pk, "A4")
    assert retried.pk == failed.pk and retried.status == PosterBatch.READY
