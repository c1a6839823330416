"""A catalogue written by another hand (tests/importers/corpus.py) imports without touching
it, in every format, and comes back out unchanged."""

import pytest

from cms_pages.flowchart import Flow
from cms_pages.models import MatterPage
from importers.exports import export_matters, matters_for
from importers.sync import sync_sheet
from spreadsheets.reader import read_sheet

from . import corpus

pytestmark = pytest.mark.django_db
FORMATS = ["yunxi.xlsx", "yunxi.xls", "yunxi.gb18030.csv"]


def sync(data, name, **options):
    return sync_sheet(read_sheet(data, name=name), **options)


def problems(result):
    return {p.line: p.errors for p in result.plans if p.errors}


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_previews_every_row_as_new_without_errors(corpus_departments, name):
    result = sync(corpus.files()[name], name)
    assert problems(result) == {}
    assert [p.status for p in result.plans] == ["new"] * len(corpus.MATTERS)
    notes = [note for plan in result.plans for note in plan.notes]
    assert notes == ["【申请材料】第3项材料“风险评估结果和应急资源调查清单”的来源"
                     "“乡（镇）安监站出具”不在国家规定的来源渠道中（申请人自备、政府部门核发、中介机构出具、其他、"
                     "调取电子证照库、共享获取），已按原文保存。"]  # fmt: skip


def test_every_format_reads_the_same_cells():
    sheets = {name: read_sheet(data, name=name) for name, data in corpus.files().items()}
    rows = {name: [r.values for r in sheet.rows] for name, sheet in sheets.items()}
    assert rows["yunxi.xls"] == rows["yunxi.xlsx"] == rows["yunxi.gb18030.csv"]
    note_line = 3 + len(corpus.MATTERS)
    assert sheets["yunxi.xlsx"].skipped == [(1, "表头前的标题行"), (note_line, "说明行")]


def imported(code_suffix):
    return MatterPage.objects.get(code__endswith=code_suffix)


def test_imported_text_is_exactly_as_written(corpus_departments):
    result = sync(corpus.files()["yunxi.xlsx"], "yunxi.xlsx", dry_run=False)
    assert result.written
    permit = imported("010232001000-0-01")
    assert permit.title == "危险化学品经营许可（不带储存设施）"
    assert [(m.name, m.necessity, m.source) for m in permit.materials.all()] == [
        ("危险化学品经营许可证申请书", "必要", "申请人自备"),
        ("营业执照（副本）", "必要", "调取电子证照库"),
        ("经营场所产权证明（不动产权证书、房屋所有权证或租赁合同）", "必要", "申请人自备"),
        ("安全评价报告", "必要", "中介机构出具"),
        ("委托书（委托他人办理的）", "非必要", "申请人自备"),
        ("主要负责人安全生产知识和管理能力考核合格证", "容缺后补", "政府部门核发"),
    ]
    assert permit.notes == "-"
    steps = [
        (s.name, s.actor, s.days)
        for s in Flow.from_procedure(permit.procedure, permit.time_unit).steps()
    ]
    assert steps == [("申请", "", None), ("受理", "政务服务中心应急窗口", 0),
                     ("审查", "危化股", 5), ("现场核查", "", 3), ("决定", "分管副局长", 2),
                     ("送达", "应急窗口", 1)]  # fmt: skip
    homestead = imported("010233001000-0-01")
    assert "乡（镇）人民政府初审" in [s.name for s in Flow.from_procedure(
        homestead.procedure, homestead.time_unit).steps()]  # fmt: skip
    assert (homestead.statutory_days, homestead.time_unit, homestead.window_text) == (
        30, "自然日", "乡（镇）便民服务中心")  # fmt: skip
    fireworks = imported("010232002000-0-01")
    assert fireworks.enquiry_phone == "+86 0874-6120117"
    assert fireworks.result_name == "烟花爆竹经营（零售）许可证"
    library = imported("200234002000-0-01")
    assert library.notes == "@云溪县图书馆 微信公众号可在线办理"
    assert [(m.name, m.form) for m in library.materials.all()] == [("居民身份证", "原件1份")]


def test_critical_paths_fit_the_promised_limits(corpus_departments):
    sync(corpus.files()["yunxi.xlsx"], "yunxi.xlsx", dry_run=False)
    for matter in MatterPage.objects.filter(department__in=corpus_departments.values()):
        critical = Flow.from_procedure(matter.procedure, matter.time_unit).critical_path()
        assert critical.has_known_days and critical.unknown <= 1, matter.title  # only 申请
        assert critical.total.in_unit(matter.time_unit) <= matter.promised_days, matter.title


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_imported_corpus_exports_and_imports_back_unchanged(corpus_departments, file_format):
    sync(corpus.files()["yunxi.xls"], "yunxi.xls", dry_run=False)
    matters = matters_for().filter(department__in=corpus_departments.values())
    exported = export_matters(matters, file_format)
    result = sync(exported, f"export.{file_format}")
    assert result.status_counts()["unchanged"] == len(corpus.MATTERS) == len(result.plans)
    # And the department's own file, read again after the export, changes nothing either.
    again = sync(corpus.files()["yunxi.gb18030.csv"], "yunxi.gb18030.csv")
    assert {p.status for p in again.plans} == {"unchanged"}
