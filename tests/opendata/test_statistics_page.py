"""The 数据公开 page as a visitor uses it: figures that link to their matters, tables that
download, charts that carry their numbers."""

import csv
import io
import re
import xml.etree.ElementTree as ET

from openpyxl import load_workbook

from cms_pages.models import MatterPage
from tests.support.small_catalogue import make_matter

SVG = "{http://www.w3.org/2000/svg}"


def codes(response):
    return sorted(m.code for m in response.context["page_obj"])


def test_headline_figure_links_to_the_matters_behind_it(small_catalogue, site_client):
    page = site_client.get("/statistics/").content.decode()
    link = re.search(r'<a href="([^"]+)">4 <small>项</small></a> <span class="figure-share">80.0%',
                     page)  # fmt: skip
    assert link, "最多跑一次 4 项 80.0% should link to its matters"
    response = site_client.get(link.group(1).replace("&amp;", "&"))
    assert codes(response) == ["T-1", "T-2", "T-4", "T-5"]


def test_table_cells_link_to_their_matters(small_catalogue, site_client):
    page = site_client.get("/statistics/").content.decode()
    department = small_catalogue.b.pk
    assert f'href="/opendata/matters/?department={department}&amp;visits=0">1<' in page
    response = site_client.get(f"/opendata/matters/?department={department}&visits=0")
    assert codes(response) == ["T-4"]
    assert "实施主体：乙局" in response.content.decode()


def test_speed_figures_within_five_days_link(small_catalogue, site_client):
    response = site_client.get("/opendata/matters/?max_days=5")
    assert codes(response) == ["T-1", "T-2", "T-4", "T-5"]


def test_bad_filters_are_named_and_ignored(small_catalogue, site_client):
    response = site_client.get("/opendata/matters/?level=省级&department=abc&visits=1")
    assert response.status_code == 200
    text = response.content.decode()
    assert "有筛选条件无法识别，已忽略：department、level" in text
    assert codes(response) == ["T-1", "T-2", "T-4", "T-5"]


def test_every_table_downloads_as_csv_and_xlsx(small_catalogue, site_client):
    response = site_client.get("/opendata/tables/speed-by-department.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["实施部门", "事项数", "平均法定时限（天）"]
    assert rows[1][:4] == ["甲局", "3", "20.0", "7.0"]
    response = site_client.get("/opendata/tables/catalogue-by-type.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][:3] == ["行政许可", 3, 3]
    assert site_client.get("/opendata/tables/no-such-table.csv").status_code == 404
    assert site_client.get("/opendata/tables/speed-overall.pdf").status_code == 404


def test_full_table_page_shows_every_row(small_catalogue, site_client):
    response = site_client.get("/opendata/tables/catalogue-by-theme/")
    from cms_pages.models import Theme

    assert response.content.decode().count('<th scope="row">') == Theme.objects.count()


def _chart_texts(svg_bytes):
    root = ET.fromstring(svg_bytes)
    assert root.tag == f"{SVG}svg"
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]


def test_chart_svg_carries_its_numbers_and_labels(small_catalogue, site_client):
    response = site_client.get("/opendata/charts/catalogue-by-type.svg")
    assert response["Content-Type"] == "image/svg+xml"
    texts = _chart_texts(response.content)
    for expected in ("行政许可", "3", "行政确认", "1", "公共服务"):
        assert expected in texts
    texts = _chart_texts(site_client.get("/opendata/charts/speed-by-department.svg").content)
    for expected in ("甲局", "20.0", "7.0", "乙局", "3.5", "1.5"):
        assert expected in texts


def test_statistics_page_inlines_charts_beside_tables(small_catalogue, site_client):
    page = site_client.get("/statistics/").content.decode()
    assert page.count("<svg") >= 5
    assert page.count('<table class="data-table">') >= page.count("<svg")


def test_figures_follow_a_publish(small_catalogue, site_client):
    assert ">5 <small>项</small>" in site_client.get("/statistics/").content.decode()
    matter = make_matter(small_catalogue.a, "T-9", "行政许可", "市级", 0, 4, 1, 1, 1, 0,
                         (None,) * 5, live=False)  # fmt: skip
    MatterPage.objects.get(pk=matter.pk).save_revision().publish()
    assert ">6 <small>项</small>" in site_client.get("/statistics/").content.decode()


def test_contents_links_reach_every_section(small_catalogue, site_client):
    page = site_client.get("/statistics/").content.decode()
    nav = re.search(r'<nav class="section-nav"[^>]*>(.*?)</nav>', page).group(1)
    anchors = re.findall(r'href="#([\w-]+)"', nav)
    assert {"catalogue", "speed", "reform", "scans", "complaints", "open-data"} <= set(anchors)
    for anchor in anchors:
        assert f'id="{anchor}"' in page
