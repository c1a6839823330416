"""The whole-catalogue downloads compressed once at build time: a client that accepts gzip gets
the stored gzip companion, any other the plain file, and xlsx (a zip already) never gzip."""

import gzip

import pytest
from django.core.files.storage import default_storage

from cms_pages.models import MatterPage
from opendata import catalogue_files
from opendata.models import CatalogueFile

pytestmark = pytest.mark.django_db

SAME_AS_PLAIN = ("Content-Type", "Content-Disposition", "Last-Modified")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def download(client, fmt, accept_encoding=None):
    headers = {} if accept_encoding is None else {"HTTP_ACCEPT_ENCODING": accept_encoding}
    response = client.get(f"/opendata/catalogue.{fmt}", **headers)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def stored_bytes(fmt):
    with default_storage.open(CatalogueFile.objects.get(format=fmt).file.name) as file:
        return file.read()


def stored_names():
    return set(default_storage.listdir(catalogue_files.FOLDER)[1])


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("accept", ["gzip", "gzip, deflate, br", "br;q=1, GZIP;q=0.5", "*"])
def test_a_client_accepting_gzip_gets_the_stored_companion(small_catalogue, site_client, fmt,
                                                           accept):  # fmt: skip
    catalogue_files.build_catalogue_files()
    plain_response, plain = download(site_client, fmt)
    response, body = download(site_client, fmt, accept)
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == plain == stored_bytes(fmt)
    assert int(response["Content-Length"]) == len(body) < len(plain)
    assert "Accept-Encoding" in response["Vary"] and "Accept-Encoding" in plain_response["Vary"]
    assert [response[h] for h in SAME_AS_PLAIN] == [plain_response[h] for h in SAME_AS_PLAIN]


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("accept", [None, "", "identity", "gzip;q=0", "br, gzip;q=0.0",
                                    "*;q=0", "deflate, br", "gzip;q=many"])  # fmt: skip
def test_a_client_refusing_gzip_gets_the_plain_file(small_catalogue, site_client, fmt, accept):
    catalogue_files.build_catalogue_files()
    response, body = download(site_client, fmt, accept)
    assert not response.has_header("Content-Encoding")
    assert body == stored_bytes(fmt)
    assert "Accept-Encoding" in response["Vary"]


def test_xlsx_is_never_gzipped(small_catalogue, site_client):
    built = catalogue_files.build_catalogue_files()
    assert not built["xlsx"].gzip_file and built["csv"].gzip_file and built["json"].gzip_file
    assert {name for name in stored_names() if name.endswith(".gz")} == {
        f"{built[fmt].file.name.rsplit('/', 1)[1]}.gz" for fmt in ("csv", "json")
    }
    response, body = download(site_client, "xlsx", "gzip, deflate, br")
    assert not response.has_header("Content-Encoding")
    assert body == stored_bytes("xlsx") and body.startswith(b"PK")
    # Nor on the fly, the filtered list downloaded as a spreadsheet included.
    listing = site_client.get("/opendata/matters/download/xlsx/", HTTP_ACCEPT_ENCODING="gzip")
    assert listing.status_code == 200 and not listing.has_header("Content-Encoding")
    content = b"".join(listing.streaming_content) if listing.streaming else listing.content
    assert content.startswith(b"PK")


def test_a_rebuild_writes_new_companions_and_removes_the_old(small_catalogue):
    first = catalogue_files.build_catalogue_files()
    old = {f.file.name for f in first.values()} | {f.gzip_file.name for f in first.values()}
    second = catalogue_files.build_catalogue_files()
    new = {f.file.name for f in second.values()} | {f.gzip_file.name for f in second.values()}
    new.discard("")
    assert len(new) == 5 and not new & old
    assert stored_names() == {name.rsplit("/", 1)[1] for name in new}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_matter_published_after_a_build_reaches_both_encodings(
    small_catalogue, site_client, django_capture_on_commit_callbacks, fmt
):
    catalogue_files.build_catalogue_files()
    matter = MatterPage.objects.get(pk=small_catalogue.matters["T-3"].pk)
    matter.title = "改名后的测试事项"
    with django_capture_on_commit_callbacks(execute=True):
        matter.save_revision().publish()
    _response, plain = download(site_client, fmt)
    response, compressed = download(site_client, fmt, "gzip")
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed) == plain
    assert "改名后的测试事项" in plain.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_catalogue_built_before_companions_is_still_served(small_catalogue, site_client, fmt):
    catalogue_files.build_catalogue_files()
    CatalogueFile.objects.update(gzip_file="")
    plain = stored_bytes(fmt)
    response, body = download(site_client, fmt, "gzip")
    # Compressed on the fly by the GZipMiddleware, as every download was before.
    assert response["Content-Encoding"] == "gzip" and gzip.decompress(body) == plain
    response, body = download(site_client, fmt, "gzip;q=0")
    assert not response.has_header("Content-Encoding") and body == plain


def test_a_companion_gone_from_storage_falls_back_to_the_plain_file(small_catalogue,
                                                                     site_client):  # fmt: skip
    built = catalogue_files.build_catalogue_files()
    default_storage.delete(built["csv"].gzip_file.name)
    response, body = download(site_client, "csv", "gzip")
    assert gzip.decompress(body) == stored_bytes("csv")
