"""What citizens see: batch pages, live lists, downloads, the feed, comparisons."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from cms_pages.models import MatterPage
from reform.assembly import add_matters, join_batch
from reform.batch_sheet import read_batch_sheet, resolve
from reform.exports import Table
from reform.models import ReformBatchPage, ReleasedMatter
from spreadsheets.reader import read_sheet
from tests.support.pages import matter, reload, save_draft, without_baseline

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
FORMULA_TITLE = '=HYPERLINK("http://x.invalid")临时救助'


def demo_batch(number):
    return ReformBatchPage.objects.get(number=number)


@pytest.fixture
def released(new_batch):
    """A fourth batch: 宅基地审批 goes from 2 visits to 1, 临时救助 is titled with a formula."""
    homestead, relief = matter("农村村民宅基地审批"), matter("临时救助")
    without_baseline(homestead, relief)
    batch = new_batch()
    formula = save_draft(relief, title=FORMULA_TITLE)
    join_batch(batch, [save_draft(homestead, visits=1, promised_days=10), formula])
    reload(batch).get_latest_revision().publish()
    return reload(batch)


def test_batch_page_counts_come_from_the_data(site_client):
    batch = demo_batch(2)
    rows = ReleasedMatter.objects.filter(release__batch=batch)
    html = site_client.get(batch.url).content.decode()

    catalogue = MatterPage.objects.live().count()
    share = round(100 * rows.count() / catalogue, 1)
    assert f"全市公开的政务服务事项共 {catalogue} 项，本批 {rows.count()} 项，占 {share}%" in html
    for department in set(rows.values_list("department_title", flat=True)):
        count = rows.filter(department_title=department).count()
        assert f"<td>{department}</td><td>{count}</td>" in html
    zero = rows.filter(after_visits=0).count()
    assert f"<dt>零跑腿</dt><dd>{zero}</dd>" in html
    for row in rows:
        assert row.title in html


def test_batch_page_shows_before_and_after(site_client, released):
    html = site_client.get(released.url).content.decode()
    assert "到现场 2 → 1 次" in html
    assert "承诺 15 → 10 工作日" in html
    assert "<dt>减少跑动</dt><dd>1</dd>" in html


def test_batch_page_filters_by_department(site_client):
    batch = demo_batch(1)
    rows = ReleasedMatter.objects.filter(release__batch=batch)
    department = rows.first().department_id
    html = site_client.get(batch.url, {"department": department}).content.decode()
    for row in rows:
        assert (f">{row.title}</a>" in html) == (row.department_id == department)


def test_batch_xlsx_round_trips_through_the_batch_importer(site_client, tmp_path):
    batch = demo_batch(3)
    response = site_client.get(batch.url + "download/xlsx/")
    assert response["Content-Disposition"] == 'attachment; filename="batch-03.xlsx"'
    path = tmp_path / "batch-03.xlsx"
    path.write_bytes(response.content)

    sheet = read_batch_sheet(path)

    released = list(ReleasedMatter.objects.filter(release__batch=batch))
    assert sheet.title == batch.title
    assert [(r.code, r.note) for r in sheet.rows] == [(m.code, m.note) for m in released]
    assert sheet.published.isoformat() == "2026-09-22"
    assert [matter_id for matter_id, _note in resolve(sheet)] == [m.matter_id for m in released]


def test_batch_csv_and_json_downloads(site_client, tmp_path):
    batch = demo_batch(1)
    released = list(ReleasedMatter.objects.filter(release__batch=batch))
    raw = site_client.get(batch.url + "download/csv/").content
    path = tmp_path / "batch.csv"
    path.write_bytes(raw)

    rows = read_sheet(path).rows
    assert [r.values["实施编码"] for r in rows] == [m.code for m in released]
    assert [int(r.values["到办事现场次数"]) for r in rows] == [m.after_visits for m in released]
    payload = json.loads(site_client.get(batch.url + "download/json/").content)
    assert payload["count"] == len(released) == len(payload["matters"])
    assert payload["matters"][0]["code"] == released[0].code


def test_downloads_escape_formulas(site_client, released, tmp_path):
    workbook = load_workbook(io.BytesIO(site_client.get(released.url + "download/xlsx/").content))
    title = next(r[2] for r in workbook.active.iter_rows(min_row=3) if r[2].value == FORMULA_TITLE)
    assert title.data_type == "s" and title.quotePrefix  # shown as the text, never run
    cells = [c for row in workbook.active.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    raw = site_client.get(released.url + "download/csv/").content
    titles = [row["事项名称"] for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))]
    assert "'" + FORMULA_TITLE in titles
    path = tmp_path / "batch.csv"
    path.write_bytes(raw)
    assert FORMULA_TITLE in [row.values["事项名称"] for row in read_sheet(path).rows]


def test_every_download_writes_formula_like_cells_as_text():
    hostile = ["=1+1", "@SUM(A1)", "-2", "+x", "\t=cmd"]
    columns = [("实施编码", "code"), *[(f"列{n}", f"c{n}") for n in range(len(hostile))]]
    table = Table(title="=标题", filename="t", columns=columns, rows=[["X-1", *hostile]])

    text = table.csv().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == ["X-1", *("'" + v for v in hostile)]
    assert read_sheet(table.csv(), name="t.csv").rows[0].values["列0"] == "=1+1"
    sheet = load_workbook(io.BytesIO(table.xlsx())).active
    title, data = sheet["A1"], list(sheet.iter_rows(min_row=3))[0][1:]
    assert [c.value for c in (title, *data)] == ["=标题", *hostile]
    assert all(c.data_type == "s" and c.quotePrefix for c in (title, *data))


def test_live_list_counts_and_share(site_client):
    html = site_client.get("/batches/lists/at-most-once/").content.decode()
    live = MatterPage.objects.live()
    count = live.filter(visits__lte=1).count()
    assert f"<dt>符合条件的事项</dt><dd>{count}</dd>" in html
    assert f"<dd>{round(100 * count / live.count(), 1)}%</dd>" in html
    for title in ("内地居民离婚登记", "农村村民宅基地审批"):
        assert title not in html


def test_live_list_filters_by_department_and_theme_and_downloads_them(site_client, tmp_path):
    birth = matter("出生登记")
    theme = birth.themes.first()
    query = {"department": birth.department_id, "theme": theme.pk}
    expected = MatterPage.objects.live().filter(
        online_depth=4, department_id=birth.department_id, themes=theme
    )
    html = site_client.get("/batches/lists/fully-online/", query).content.decode()
    assert f"<dt>符合条件的事项</dt><dd>{expected.count()}</dd>" in html

    response = site_client.get("/batches/lists/fully-online/download/xlsx/", query)
    path = tmp_path / "list.xlsx"
    path.write_bytes(response.content)
    codes = [row.values["实施编码"] for row in read_sheet(path).rows]
    assert sorted(codes) == sorted(expected.values_list("code", flat=True))


def test_immediate_list_download_as_json(site_client):
    payload = json.loads(site_client.get("/batches/lists/immediate/download/json/").content)
    expected = MatterPage.objects.live().filter(promised_days__lte=1)
    assert sorted(m["code"] for m in payload["matters"]) == sorted(
        expected.values_list("code", flat=True)
    )
    assert {m["case_type"] for m in payload["matters"]} == {"即办件"}


def test_archive_lists_batches_newest_first(site_client):
    html = site_client.get("/batches/").content.decode()
    positions = [html.index(demo_batch(n).title) for n in (3, 2, 1)]
    assert positions == sorted(positions)


def test_atom_feed_is_valid(site_client, released):
    response = site_client.get("/batches/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)

    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}").text
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries][:2] == [
        released.title, demo_batch(3).title,
    ]  # fmt: skip
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost/batches/")
    assert len({e.find(f"{ATOM}id").text for e in entries}) == len(entries)


def test_matter_page_links_the_batches_that_changed_it(site_client, released):
    html = site_client.get(matter("农村村民宅基地审批").url).content.decode()
    assert "本事项改革批次" in html
    assert f'href="{released.url}"' in html
    assert "到办事现场次数 2 → 1 次" in html
    untouched = site_client.get(matter("内地居民离婚登记").url).content.decode()
    assert "本事项改革批次" not in untouched


def test_compare_two_batches(site_client):
    first, second = demo_batch(1), demo_batch(2)
    html = site_client.get("/batches/compare/", {"from": first.pk, "to": second.pk}).content
    html = html.decode()
    assert f"<dt>新增</dt><dd>{second.active_release.matters.count()}</dd>" in html
    assert f"<dt>移除</dt><dd>{first.active_release.matters.count()}</dd>" in html


def test_compare_a_batch_with_today(site_client, new_batch):
    relief, household = matter("临时救助"), matter("户口迁入登记")
    batch = new_batch()
    add_matters(batch, [relief, household])
    reload(batch).get_latest_revision().publish()
    save_draft(relief, promised_days=5).publish()
    save_draft(household, visits=2).publish()

    html = site_client.get("/batches/compare/", {"from": batch.pk, "to": "today"}).content.decode()

    at_most_once = MatterPage.objects.live().filter(visits__lte=1).exclude(pk=relief.pk).count()
    assert "<dt>移除</dt><dd>1</dd>" in html
    assert "<dt>有变化</dt><dd>1</dd>" in html
    assert f"<dt>新增</dt><dd>{at_most_once}</dd>" in html
    assert "承诺办结时限 10 → 5" in html


def test_preview_of_an_unreleased_batch_shows_what_it_would_publish(new_batch):
    homestead = matter("农村村民宅基地审批")
    batch = new_batch()
    join_batch(batch, [save_draft(homestead, visits=1)])

    response = reload(batch).get_latest_revision_as_object().make_preview_request()

    html = response.content.decode()
    assert "预览：本批次尚未发布" in html
    assert "到现场 2 → 1 次" in html
    assert reload(homestead).visits == 2
