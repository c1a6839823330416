"""实施编码 is part of URLs, file names and QR codes: one format, checked on save and import."""

import pytest
from django.core.exceptions import ValidationError

from cms_pages.checks import matter_codes_fit_urls
from cms_pages.models import MatterPage
from cms_pages.params import CODE_MESSAGE
from importers.models import ImportRun
from importers.runs import execute, new_run
from reform.lists import short_link
from tests.importers.sheet_files import csv_bytes, edit, sample_rows

pytestmark = pytest.mark.django_db

BAD_CODE = "GA/2026/001"


def test_an_import_row_with_an_unusable_code_is_rejected_with_its_line():
    header, rows = sample_rows("gongan")
    edit(rows, header, 1, "实施编码", BAD_CODE)
    data = csv_bytes(header, rows)
    run = new_run(data, "gongan.csv", dry_run=False)
    execute(run, data)
    run.refresh_from_db()
    assert run.status == ImportRun.REJECTED
    messages = [(r["line"], column, text) for r in run.report["rows"]
                for column, text in r["messages"]]  # fmt: skip
    assert messages == [(3, "实施编码", str(CODE_MESSAGE))]
    assert not MatterPage.objects.filter(code=BAD_CODE).exists()


def test_a_legacy_unusable_code_does_not_break_the_catalogue_downloads(site_client):
    matter = MatterPage.objects.live().filter(visits__lte=1).first()
    MatterPage.objects.filter(pk=matter.pk).update(code=BAD_CODE)
    assert short_link(BAD_CODE) == ""
    for fmt in ("csv", "json", "xlsx"):
        response = site_client.get(f"/batches/lists/at-most-once/download/{fmt}/")
        assert response.status_code == 200


def test_the_matter_form_refuses_an_unusable_code():
    matter = MatterPage.objects.live().first()
    matter.code = BAD_CODE
    with pytest.raises(ValidationError) as error:
        matter.full_clean()
    assert error.value.message_dict["code"] == [str(CODE_MESSAGE)]


def test_a_legacy_unusable_code_leaves_its_page_print_view_and_poster_working(site_client):
    matter = MatterPage.objects.live().first()
    MatterPage.objects.filter(pk=matter.pk).update(code=BAD_CODE)
    for suffix in ("", "print/", "poster.png"):
        assert site_client.get(matter.url + suffix).status_code == 200, suffix
    assert any(w.id == "cms_pages.W002" and BAD_CODE in w.msg for w in matter_codes_fit_urls())
