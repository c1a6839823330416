"""A matter's poster: what it prints, that it embeds its font, and that a phone can scan it."""

import io
from urllib.parse import urlsplit

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from cms_pages.models import MatterPage
from tests.posters.phone_camera import decode_pages, page_texts

pytestmark = pytest.mark.django_db

# Every demo matter is scanned in test_batches; these also go through the public URLs in
# both sizes: a fee, the longest name, two visits.
SAMPLE = ["居民身份证换领", "企业职工基本养老保险丧葬补助金、抚恤金申领", "内地居民离婚登记"]


def poster(client, matter, fmt="pdf", **params):
    response = client.get(f"{matter.url}poster.{fmt}", params)
    assert response.status_code == 200, response.content[:300]
    return response


def follow_scan(client, url):
    """Open a scanned URL the way the phone's browser would."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == "http://testserver"  # PUBLIC_BASE_URL
    return client.get(parts.path, {"v": parts.query.removeprefix("v=")}, follow=True)


def fonts_of(pdf_bytes):
    """(base font name, embedded?) for every text object of the first page."""
    document = pypdfium2.PdfDocument(pdf_bytes)
    fonts = set()
    for obj in document[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
        font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
        buffer = (pdfium_c.c_char * 200)()
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, 200)
        fonts.add((buffer.value.decode(), bool(pdfium_c.FPDFFont_GetIsEmbedded(font))))
    document.close()
    return fonts


@pytest.mark.db_independent  # rendering and scanning; the matter is only read
@pytest.mark.parametrize("size", ["A4", "A3"])
@pytest.mark.parametrize("title", SAMPLE)
def test_phone_scan_of_poster_lands_on_live_matter(site_client, title, size):
    matter = MatterPage.objects.get(title=title)
    pdf = poster(site_client, matter, size=size).content

    [[url]] = decode_pages(pdf)
    assert urlsplit(url).path == f"/q/{matter.code}/"
    response = follow_scan(site_client, url)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].split("?")[0] == matter.url
    assert f"<h1>{title}</h1>" in response.content.decode()


@pytest.mark.db_independent  # rendering and scanning; the matter is only read
def test_poster_text_is_chinese_and_its_font_is_embedded(site_client):
    matter = MatterPage.objects.get(title="居民身份证换领")
    response = poster(site_client, matter)
    assert response["Content-Type"] == "application/pdf"
    [text] = page_texts(response.content)
    printed = [
        "青山市政务服务中心", "居民身份证换领", "15个自然日", "收费", "4项",
        "换领居民身份证工本费每证20元", "公安综合窗口（C区1-6号）", "周一至周五",
        f"/m/{matter.code}/", f"修订 {matter.live_revision_id}", "12345",
    ]  # fmt: skip
    for expected in printed:
        assert expected in text, expected
    fonts = fonts_of(response.content)
    assert fonts and all(embedded for _name, embedded in fonts)
    assert all("NotoSansCJKSC" in name for name, _embedded in fonts)


def test_free_immediate_matter_shows_its_badges(site_client):
    matter = MatterPage.objects.get(title="有限责任公司设立登记")
    [text] = page_texts(poster(site_client, matter).content)
    for badge in ("零跑腿", "全程网办", "即办件", "不收费", "7项", "0次"):
        assert badge in text
    assert "最多跑一次" not in text


@pytest.mark.db_independent  # rendering and scanning; the matter is only read
def test_a3_poster_is_an_a3_page(site_client):
    matter = MatterPage.objects.get(title="出生登记")
    document = pypdfium2.PdfDocument(poster(site_client, matter, size="A3").content)
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (842, 1191)  # A3 in points
    document.close()


@pytest.mark.db_independent  # rendering and scanning; the matter is only read
def test_png_preview_is_a_scannable_image(site_client):
    matter = MatterPage.objects.get(title="出生登记")
    response = poster(site_client, matter, "png")
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.width < image.height  # portrait
    import zxingcpp

    [result] = zxingcpp.read_barcodes(image)
    assert f"/q/{matter.code}/?v={matter.live_revision_id}" in result.text


def test_unknown_paper_size_is_refused_in_chinese(site_client):
    matter = MatterPage.objects.get(title="出生登记")
    response = site_client.get(f"{matter.url}poster.pdf", {"size": "A5"})
    assert response.status_code == 400
    assert "A4 或 A3" in response.content.decode()


def test_rare_character_outside_common_set_still_prints(site_client, caplog):
    matter = MatterPage.objects.get(title="出生登记")
    matter.title = "出生登记（堃㛃）"  # neither character is in GB 2312
    matter.save_revision().publish()
    pdf = poster(site_client, matter).content
    [text] = page_texts(pdf)
    assert "出生登记（堃㛃）" in text
    assert "missing the following glyphs" not in caplog.text
    assert all(embedded for _name, embedded in fonts_of(pdf))


def test_poster_is_reused_until_the_matter_changes(site_client):
    matter = MatterPage.objects.get(title="出生登记")
    first = poster(site_client, matter)
    again = site_client.get(f"{matter.url}poster.pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304

    matter.promised_days = 0
    matter.title = "出生登记（新生儿）"
    matter.save_revision().publish()
    changed = site_client.get(f"{matter.url}poster.pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert "出生登记（新生儿）" in page_texts(changed.content)[0]
