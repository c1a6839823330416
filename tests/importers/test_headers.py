"""Header wordings of provincial templates, notes in brackets, and headers an editor maps."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from importers.models import HeaderMapping, ImportRun
from importers.sync import sync_sheet
from spreadsheets.columns import COLUMNS, read_header
from spreadsheets.reader import read_sheet

from . import corpus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("header", "expected"),
    [("事项名称（全称）", ("事项名称", None)), ("承诺时限（工作日）", ("承诺办结时限", "工作日")),
     ("法定办结时限（自然日）", ("法定办结时限", "自然日")),
     ("法定时限(工作日)", ("法定办结时限", "工作日")),
     ("结果证照名称", ("结果名称", None)), ("办理结果名称", ("结果名称", None)),
     ("投诉电话", ("监督投诉电话", None)), ("监督投诉方式", ("监督投诉电话", None)),
     ("咨询方式", ("咨询电话", None)), ("实施机构", ("实施主体", None)),
     ("实施主体名称", ("实施主体", None)), ("事项编码", ("实施编码", None)),
     ("实施清单编码", ("实施编码", None)), ("*申请材料\n（必填）", ("申请材料", None)),
     ("办理流程（环节、办理人、时限）", ("办理流程", None)),
     ("承办处（科）室", ("承办处（科）室", None))],
)  # fmt: skip
def test_header_wordings(header, expected):
    assert read_header(header) == expected


def preview(data, name):
    return sync_sheet(read_sheet(data, name=name))


@pytest.mark.parametrize("name", ["yunxi.xlsx", "yunxi.xls", "yunxi.gb18030.csv"])
def test_header_variant_file_imports_identically_to_the_canonical_one(corpus_departments, name):
    variant = corpus.files(header=corpus.rename_headers(COLUMNS))[name]
    sheet = read_sheet(variant, name=name)
    assert sheet.unknown_columns == []
    result = sync_sheet(sheet, dry_run=False)
    assert {p.status for p in result.plans} == {"new"} and result.written
    # The header says 工作日, the homestead row says 自然日: the row wins, with a warning.
    [homestead] = [p for p in result.plans if "宅基地" in p.title]
    assert homestead.notes == [
        "【法定办结时限】表头注明的单位是“工作日”，本行【时限单位】为“自然日”，以本行为准。",
        "【承诺办结时限】表头注明的单位是“工作日”，本行【时限单位】为“自然日”，以本行为准。",
    ]
    canonical = preview(corpus.files()[name], name)
    assert {p.status for p in canonical.plans} == {"unchanged"}


UNKNOWN = {"承办机构": "承办处（科）室", "备注": "内部备注（不公开）"}


def unknown_header_file(tmp_path, departments=("yingji",)):
    header = corpus.rename_headers(COLUMNS, UNKNOWN)
    path = tmp_path / "yingji.xlsx"
    path.write_bytes(corpus.xlsx(corpus.catalogue(departments), header))
    return path


def command(*args):
    out = StringIO()
    call_command("sync_department", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_unknown_headers_are_mapped_once_on_the_command_line_and_remembered(
    corpus_departments, tmp_path
):
    path = unknown_header_file(tmp_path)
    with pytest.raises(CommandError):
        command(path, "--dry-run")
    run = ImportRun.objects.latest("pk")
    assert run.report["unknown_columns"] == ["承办处（科）室", "内部备注（不公开）"]
    assert "新事项缺少【承办机构】列" in run.report["rows"][0]["messages"][0][1]

    output = command(path, "--map", "承办处（科）室=承办机构", "--map", "内部备注（不公开）=忽略")
    assert "表头“承办处（科）室” → 承办机构（本次指定）" in output and "新增 3" in output
    saved = HeaderMapping.objects.filter(department=corpus_departments["yingji"])
    assert dict(saved.values_list("header", "column")) == {
        "承办处（科）室": "承办机构", "内部备注（不公开）": ""}  # fmt: skip

    output = command(path, "--dry-run")
    assert "表头“承办处（科）室” → 承办机构（已记住的对应）" in output and "未变 3" in output
    assert "未识别的列" not in output
    # Another department's file with the same header is not mapped by this one's choice.
    other = tmp_path / "nongye.xlsx"
    other.write_bytes(corpus.xlsx(corpus.catalogue(["nongye"]),
                                  corpus.rename_headers(COLUMNS, UNKNOWN)))  # fmt: skip
    with pytest.raises(CommandError):
        command(other, "--dry-run")


def test_a_map_option_must_name_a_template_column(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("实施编码\n1\n")
    with pytest.raises(CommandError, match="不是导入模板的列名"):
        command(path, "--map", "甲=乙")


def test_unknown_headers_are_mapped_in_the_admin_preview(corpus_departments, tmp_path, client):
    user = get_user_model().objects.create_superuser("mapper", "m@example.invalid", "pw")
    client.force_login(user)
    path = unknown_header_file(tmp_path)
    with path.open("rb") as handle:
        response = client.post("/admin/imports/upload/", {"file": handle})
    preview = ImportRun.objects.latest("pk")
    page = client.get(response.url).content.decode()
    assert "表头对应" in page and "承办处（科）室" in page and 'id="map-columns"' in page
    response = client.post(f"/admin/imports/runs/{preview.pk}/columns/",
                           {"column_0": "承办机构", "column_1": ""})  # fmt: skip
    mapped = ImportRun.objects.latest("pk")
    assert response.url == f"/admin/imports/runs/{mapped.pk}/"
    assert mapped.header_map == {"承办处（科）室": "承办机构", "内部备注（不公开）": ""}
    assert (mapped.counts["new"], mapped.counts.get("error", 0)) == (3, 0)
    assert "按“承办机构”列导入" in client.get(response.url).content.decode()
    assert HeaderMapping.objects.filter(department=corpus_departments["yingji"]).count() == 2
