"""Procedure flowcharts: structure rules, critical-path arithmetic, the drawing and its text."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError

from cms_pages.blocks import ParallelStageBlock, ProcedureBlock, SpecialStepBlock
from cms_pages.flowchart import Days, Flow
from cms_pages.flowchart_svg import Flowchart
from cms_pages.models import MatterPage
from tests import factories
from tests.support.built_once import built_once

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def demo():
    """Not the demo site: this module builds its pages with tests/factories.py (except the
    test about every demo matter, which asks for `demo_site`)."""


def step(name, days=None, actor=""):
    return {"name": name, "actor": actor, "days": days, "description": ""}


def parallel(name, *branches):
    return {
        "name": name,
        "branches": [{"office": office, "steps": steps} for office, steps in branches],
    }


def special(name, days, unit, counts):
    return {"name": name, "days": days, "day_unit": unit, "counts_toward_limit": counts}


def procedure(*blocks):
    return ProcedureBlock().to_python([{"type": kind, "value": value} for kind, value in blocks])


# 申请 → 受理(1) → [甲: 3+2 | 乙: 4 | 丙: 2+2+2] → 公示(7 自然日, excluded) → 决定(2)
# → 现场核查(3 工作日, counted) → 送达(1): 1 + 6 + 2 + 3 + 1 = 13 working days.
FIRE = [step("消防初审", 2), step("消防复审", 2), step("消防意见", 2)]
HAND_CHECKED = procedure(
    ("step", step("申请")),
    ("step", step("受理", 1, actor="综合受理窗口")),
    ("parallel", parallel("并联审批",
                          ("规划部门", [step("规划审查", 3), step("规划复核", 2)]),
                          ("人防部门", [step("人防审查", 4)]),
                          ("消防部门", FIRE))),
    ("special", special("批前公示", 7, "自然日", False)),
    ("step", step("决定", 2)),
    ("special", special("现场核查", 3, "工作日", True)),
    ("step", step("送达", 1)),
)  # fmt: skip


def test_critical_path_takes_the_longest_branch_and_lists_excluded_steps():
    critical = Flow.from_procedure(HAND_CHECKED, "工作日").critical_path()
    assert critical.total == Days(working=13)
    assert [s.name for s in critical.excluded] == ["批前公示"]
    assert critical.excluded_total == Days(natural=7)
    assert " → ".join(critical.route) == (
        "申请 → 受理 → 并联审批（消防部门） → 批前公示 → 决定 → 现场核查 → 送达"
    )
    assert critical.unknown == 1  # 申请 has no days of its own


def test_consecutive_parallel_stages_add_their_longest_branches():
    flow = Flow.from_procedure(
        procedure(
            ("parallel", parallel("第一轮", ("甲", [step("甲审", 5)]), ("乙", [step("乙审", 3)]))),
            ("parallel", parallel("第二轮", ("丙", [step("丙审", 2)]), ("丁", [step("丁审", 4)]))),
        ),
        "工作日",
    )
    assert flow.critical_path().total == Days(working=9)


def test_counted_special_step_in_natural_days_is_kept_apart_from_working_days():
    flow = Flow.from_procedure(
        procedure(("step", step("审查", 5)), ("special", special("公告", 10, "自然日", True))),
        "工作日",
    )
    assert flow.critical_path().total == Days(working=5, natural=10)
    assert flow.critical_path().total.label() == "5个工作日 + 10个自然日"


def test_standard_side_exits_hang_off_the_acceptance_step():
    flow = Flow.from_procedure(HAND_CHECKED, "工作日")
    assert [s.step.name for s in flow.stages if s.side_exits] == ["受理"]
    no_acceptance = Flow.from_procedure(
        procedure(("step", step("网上报名")), ("step", step("资格审核")), ("step", step("录取"))),
        "自然日",
    )
    assert [s.step.name for s in no_acceptance.stages if s.side_exits] == ["资格审核"]


@pytest.mark.parametrize(
    "value, message",
    [
        (parallel("并联审批"), "并联审批阶段“并联审批”还没有分支"),
        (parallel("联合审查", ("规划部门", [step("规划审查")])), "只有一个分支：只有一个机构"),
        (parallel("并联审批", ("", [step("甲")]), ("乙部门", [step("乙")])), "第1个分支没有填写"),
        (parallel("并联审批", ("甲部门", [step("甲")]), ("甲部门", [step("乙")])),
         "分支“甲部门”在本阶段重复出现"),
        (parallel("并联审批", ("甲部门", [step("甲")]), ("乙部门", [])), "分支“乙部门”没有环节"),
    ],
)  # fmt: skip
def test_parallel_stage_structure_is_checked_with_clear_messages(value, message):
    block = ParallelStageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(value))
    assert message in str(error.value.as_json_data())


def test_special_step_needs_its_days():
    block = SpecialStepBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(special("听证", 0, "工作日", False)))
    assert "特别程序“听证”须填写所需天数" in str(error.value.as_json_data())


def node_texts(svg):
    """The text a reader sees in each drawn box, lines joined."""
    root = ET.fromstring(svg)
    return [
        "".join(t.text or "" for t in group.iter(f"{SVG}text"))
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "node"
    ]


def test_svg_draws_every_step_as_text_with_title_and_description():
    flowchart = Flowchart(
        title="测试事项办理流程图",
        flow=Flow.from_procedure(HAND_CHECKED, "工作日"),
        description="测试说明",
    )
    root = ET.fromstring(flowchart.svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "测试事项办理流程图" and desc.text == "测试说明"
    assert root.get("aria-labelledby") == title.get("id")
    texts = node_texts(flowchart.svg)
    steps = [s.name for s in Flow.from_procedure(HAND_CHECKED, "工作日").steps()]
    assert len(steps) == 12
    for name in steps + ["补正", "不予受理"]:
        assert any(text.startswith(name) for text in texts), name
    assert any("7个自然日" in text and "不计入时限" in text for text in texts)


@pytest.mark.parametrize(
    "name, title",
    [
        ("医疗机构执业登记（新办）材料审查", "长名称会换行"),
        ("<script>alert('x')</script> & “审查”", "<b>标题</b>"),
    ],
)
def test_step_names_are_drawn_whole_and_as_text(name, title):
    flow = Flow.from_procedure(procedure(("step", step(name))), "工作日")
    svg = Flowchart(title=title, flow=flow, description="").svg
    assert "<script" not in svg and "<b>" not in svg
    assert name in node_texts(svg)[0]
    assert ET.fromstring(svg).find(f"{SVG}title").text == title


def planning_procedure():
    """建设工程规划许可证核发 as the sample catalogue states it: three reviews side by side, then
    公示 and 听证 outside the time limit."""
    reviews = ("规划方案审查", "人防工程审查", "市政配套审查")
    return [
        ("step", step("申请")),
        ("step", step("受理")),
        ("parallel", parallel("并联审批", *((name, [step(name)]) for name in reviews))),
        ("special", special("批前公示", 7, "自然日", False)),
        ("special", special("听证", 10, "工作日", False)),
        ("step", step("决定")),
        ("step", step("送达")),
    ]


def section(html, anchor):
    return re.search(rf'<section id="{anchor}"[^>]*>(.*?)</section>', html, re.S).group(1)


@pytest.mark.db_independent  # drawing; the pages are only read
@pytest.mark.django_db
def test_every_demo_matter_shows_its_flowchart_and_text_version(demo_site, site_client):
    for matter in MatterPage.objects.live():
        html = section(site_client.get(matter.url).content.decode(), "procedure")
        svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
        drawn = " ".join(node_texts(svg))
        text_version = re.search(
            r'<ol class="procedure-steps">(.*?)</ol>\s*(?:<p|</div>)', html, re.S
        )
        for block in matter.procedure.raw_data:
            value = block["value"]
            names = [s["name"] for b in value["branches"] for s in b["steps"]] if block[
                "type"] == "parallel" else [value["name"]]  # fmt: skip
            for name in names:
                assert name in drawn, (matter.title, name)
                assert name in text_version.group(1), (matter.title, name)
        assert "关键路径" in html


@pytest.mark.django_db
class TestAMatterOfItsOwn:
    """建设工程规划许可证核发 with parallel stages and special steps, built once for these tests:
    a class, so that the build is rolled back before the module's demo test loads the demo."""

    @pytest.fixture(scope="class")
    @classmethod
    def planning_matter(cls, django_db_setup, django_db_blocker):
        """Built once for the class; each test's changes to it roll back."""
        with built_once(django_db_blocker):
            factories.site()
            department = factories.department("测试市行政审批服务局", slug="xingzheng-shenpi")
            yield factories.matter(department, title="建设工程规划许可证核发", statutory_days=20,
                                   promised_days=10, procedure=planning_procedure()).pk  # fmt: skip

    @pytest.fixture
    def matter(self, db, planning_matter):
        return MatterPage.objects.get(pk=planning_matter)

    def test_matter_page_states_excluded_special_steps_and_longest_total(self, site_client, matter):
        html = section(site_client.get(matter.url).content.decode(), "procedure")
        assert "批前公示：7个自然日" in html and "听证：10个工作日" in html
        # 10 working days promised + 10 working days of 听证 + 7 natural days of 公示.
        assert "20个工作日 + 7个自然日" in html

    def test_flowchart_svg_url_serves_the_drawing_alone(self, site_client, matter):
        response = site_client.get(matter.url + "flowchart.svg")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        root = ET.fromstring(response.content)
        assert root.find(f"{SVG}title").text == "建设工程规划许可证核发办理流程图"
        assert "规划方案审查、人防工程审查、市政配套审查同时办理" in root.find(f"{SVG}desc").text

    def test_print_view_carries_the_drawing(self, site_client, matter):
        html = site_client.get(matter.url + "print/").content.decode()
        assert '<svg role="img"' in html
        assert "规划方案审查" in html

    def test_without_graphviz_the_page_falls_back_to_text_with_a_notice(
        self, site_client, matter, settings
    ):
        cache.clear()
        settings.FLOWCHART_DOT = "/nonexistent/graphviz/dot"
        response = site_client.get(matter.url)
        html = section(response.content.decode(), "procedure")
        assert response.status_code == 200
        assert "<svg" not in html
        assert "流程图暂时无法生成，请参阅下面的文字版办理流程" in html
        for name in ("规划方案审查", "批前公示", "听证", "送达"):
            assert name in html
        svg = site_client.get(matter.url + "flowchart.svg")
        assert svg.status_code == 503
        assert "流程图暂时无法生成" in svg.content.decode()
        assert site_client.get(matter.url + "print/").status_code == 200

    def test_drawing_is_cached_per_revision(self, site_client, matter, settings):
        cache.clear()
        assert "<svg" in section(site_client.get(matter.url).content.decode(), "procedure")
        settings.FLOWCHART_DOT = "/nonexistent/graphviz/dot"
        # The same revision is served from the cache without Graphviz …
        assert "<svg" in section(site_client.get(matter.url).content.decode(), "procedure")
        # … a revision that changes the procedure needs a new drawing.
        matter.procedure = StreamValue(matter.procedure.stream_block, [
            ("step", step("新增环节")), *((b.block_type, b.value) for b in matter.procedure)
        ])  # fmt: skip
        matter.save_revision().publish()
        html = section(site_client.get(matter.url).content.decode(), "procedure")
        assert "<svg" not in html and "新增环节" in html
