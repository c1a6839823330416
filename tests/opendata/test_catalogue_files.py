"""The whole-catalogue downloads: built after a publish (once per transaction), served as a
stored file, with the import template's columns, and importing back with zero changes."""

import csv
import io
import json

import pytest
from django.db import transaction

from cms_pages.models import MatterPage
from importers.exports import write_csv
from importers.sync import sync_sheet
from opendata import catalogue_files
from opendata.models import CatalogueFile
from spreadsheets.columns import COLUMNS
from spreadsheets.reader import read_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def builds(monkeypatch):
    """Counts catalogue builds while still building."""
    calls = []
    real = catalogue_files.build_catalogue_files

    def counted():
        calls.append(1)
        return real()

    monkeypatch.setattr(catalogue_files, "build_catalogue_files", counted)
    return calls


def publish(*matters):
    for matter in matters:
        MatterPage.objects.get(pk=matter.pk).save_revision().publish()


def test_publishing_rebuilds_once_per_transaction(small_catalogue, builds,
                                                  django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            publish(*small_catalogue.matters.values())
    assert len(builds) == 1
    assert {f.format: f.matters for f in CatalogueFile.objects.all()} == {
        "csv": 5, "xlsx": 5, "json": 5,
    }  # fmt: skip


def test_download_is_the_stored_file_not_rebuilt_per_request(small_catalogue, site_client,
                                                             builds):  # fmt: skip
    first = b"".join(site_client.get("/opendata/catalogue.csv").streaming_content)
    second = b"".join(site_client.get("/opendata/catalogue.csv").streaming_content)
    assert first == second
    assert len(builds) == 1  # the first request found none and built it; the second did not
    assert site_client.get("/opendata/catalogue.pdf").status_code == 404


def test_files_hold_only_public_matters_with_the_template_columns(small_catalogue,
                                                                  site_client):  # fmt: skip
    response = site_client.get("/opendata/catalogue.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="catalogue-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == COLUMNS
    assert sorted(row[1] for row in rows[1:]) == ["T-1", "T-2", "T-3", "T-4", "T-5"]
    data = json.loads(b"".join(site_client.get("/opendata/catalogue.json").streaming_content))
    assert data["columns"] == COLUMNS and data["count"] == 5
    t2 = next(m for m in data["matters"] if m["实施编码"] == "T-2")
    assert (t2["改革前到现场次数"], t2["特别关爱"], t2["行使层级"]) == ("3", "老年人", "县级")


def test_a_pending_draft_stays_out_of_the_files(small_catalogue, site_client):
    draft = MatterPage.objects.get(pk=small_catalogue.matters["T-1"].pk)
    draft.title = "草稿标题"
    draft.save_revision()
    catalogue_files.build_catalogue_files()
    text = b"".join(site_client.get("/opendata/catalogue.csv").streaming_content).decode()
    assert "草稿标题" not in text and "测试事项T-1" in text


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_downloads_import_back_with_zero_changes(site_client, fmt):
    """The demo catalogue: every public matter, through the department importer."""
    catalogue_files.build_catalogue_files()
    data = b"".join(site_client.get(f"/opendata/catalogue.{fmt}").streaming_content)
    if fmt == "json":
        payload = json.loads(data)
        rows = [[m[c] for c in payload["columns"]] for m in payload["matters"]]
        data, fmt = write_csv(payload["columns"], rows), "csv"
    result = sync_sheet(read_sheet(data, name=f"catalogue.{fmt}"))
    counts = result.status_counts()
    assert counts["unchanged"] == MatterPage.objects.live().count() == len(result.plans)
    assert sum(counts.values()) == counts["unchanged"]
