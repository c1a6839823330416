"""Long procedures on a 办理环节 sheet beside the catalogue, one step per row."""

import pytest

from cms_pages.flowchart import Flow
from cms_pages.models import MatterPage
from importers.models import ImportRun
from importers.runs import execute, new_run

from . import corpus

pytestmark = pytest.mark.django_db


def run(data, name, dry_run=True):
    record = new_run(data, name, dry_run=dry_run)
    execute(record, data)
    record.refresh_from_db()
    return record


@pytest.mark.parametrize("writer", [corpus.xlsx, corpus.xls], ids=["xlsx", "xls"])
def test_steps_sheet_imports_like_the_procedure_cell(corpus_departments, writer):
    rows, steps = corpus.with_steps_sheet(corpus.catalogue())
    applied = run(writer(rows, steps=steps), "yunxi-steps", dry_run=False)
    assert applied.status == ImportRun.APPLIED and applied.counts["new"] == len(rows)
    homestead = MatterPage.objects.get(code=corpus.code("nongye", "010233001000"))
    flow = Flow.from_procedure(homestead.procedure, homestead.time_unit)
    assert [(s.name, s.actor, s.days) for s in flow.steps()][2:4] == [
        ("村级审查", "村民委员会", 5), ("乡（镇）人民政府初审", "乡镇人民政府", 10)]  # fmt: skip
    drug = MatterPage.objects.get(code=corpus.code("nongye", "010233002000"))
    stages = Flow.from_procedure(drug.procedure, drug.time_unit).stages
    assert [b.office for b in stages[2].branches] == ["资料审查", "现场验收"]
    # The same catalogue with the procedures written in the cells changes nothing.
    again = run(corpus.xlsx(corpus.catalogue()), "yunxi.xlsx")
    assert again.counts["unchanged"] == len(rows)


def test_cell_and_steps_sheet_that_disagree_is_an_error(corpus_departments):
    rows, steps = corpus.with_steps_sheet(corpus.catalogue())
    homestead = next(r for r in rows if r["实施编码"] == corpus.code("nongye", "010233001000"))
    homestead["办理流程"] = "申请→审批（县农业农村局，10个自然日）"
    steps.append([corpus.code("wenlv", "999999999999"), "申请", "", "", "", ""])
    record = run(corpus.xlsx(rows, steps=steps), "yunxi-steps.xlsx")
    [row] = [r for r in record.report["rows"] if r["status"] == "error"]
    assert row["messages"] == [["办理流程", "与“办理环节”工作表第2行起的环节不一致，请只在一处填写"
                                            "（表格中留空则以工作表为准）。"]]  # fmt: skip
    assert any("不在事项清单中" in reason for _, reason in record.report["skipped"])


def test_every_demo_matter_shows_a_critical_path_within_its_promised_limit():
    """The demo catalogue gives each step its handler and time (tools/make_catalog.py)."""
    matters = MatterPage.objects.all()
    assert matters.count() == 38
    for matter in matters:
        critical = Flow.from_procedure(matter.procedure, matter.time_unit).critical_path()
        assert critical.has_known_days, matter.title
        assert critical.total.in_unit(matter.time_unit) <= matter.promised_days, matter.title
        assert all(s.actor for s in critical.steps if s.days is not None and not s.special)
