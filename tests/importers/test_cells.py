"""Structured cells parse into data and write back to the same text."""

import pytest

from importers.cells import (
    CellError,
    parse_days,
    parse_legal_bases,
    parse_yes_no,
    render_legal_bases,
)
from importers.materials import parse_materials, render_materials
from importers.procedure import parse_procedure, render_procedure


@pytest.fixture
def demo():
    """Not the demo site: this module reads no pages."""


def test_materials_with_and_without_parenthesis():
    text = ("1. 居民身份证（原件1份，复印件1份；必要；申请人自备）\n"
            "2. 营业执照（电子证照；容缺后补；调取电子证照库）\n3. 其他材料")  # fmt: skip
    materials = parse_materials(text)
    assert [(m["name"], m["originals"], m["copies"]) for m in materials][0] == ("居民身份证", 1, 1)
    assert materials[1]["is_electronic"] and materials[1]["necessity"] == "容缺后补"
    assert materials[2]["source"] == "申请人自备" and materials[2]["form"] == ""
    assert render_materials(materials) == text


def test_materials_on_one_line_separated_by_semicolons():
    assert [m["name"] for m in parse_materials("身份证；户口簿；结婚证")] == [
        "身份证",
        "户口簿",
        "结婚证",
    ]


def test_material_with_unreadable_necessity_names_its_number():
    with pytest.raises(CellError, match="必要性“也许”无法识别"):
        parse_materials("1. 身份证\n2. 户口簿（原件；也许；申请人自备）")
    with pytest.raises(CellError, match="第2项材料“（原件1份；必要；申请人自备）”没有名称"):
        parse_materials("1. 身份证\n2. （原件1份；必要；申请人自备）")


def names_and_details(text, notes=None):
    return [(m["name"], m["form"], m["necessity"], m["source"])
            for m in parse_materials(text, notes)]  # fmt: skip


def test_material_names_keep_their_own_brackets_and_details_are_the_last_group():
    text = (
        "1. 营业执照（副本）（复印件1份；必要；申请人自备）\n"
        "2. 委托书（委托他人办理的）（原件1份；非必要；申请人自备）\n"
        "3. 环境影响评价文件（报告书或报告表）（原件1份；必要；中介机构出具）\n"
        "4. 身份证明（居民身份证、护照或港澳居民来往内地通行证）\n"
        "5. 危险化学品经营许可（不带储存设施）申请书"
    )
    assert names_and_details(text) == [
        ("营业执照（副本）", "复印件1份", "必要", "申请人自备"),
        ("委托书（委托他人办理的）", "原件1份", "非必要", "申请人自备"),
        ("环境影响评价文件（报告书或报告表）", "原件1份", "必要", "中介机构出具"),
        ("身份证明（居民身份证、护照或港澳居民来往内地通行证）", "", "必要", "申请人自备"),
        ("危险化学品经营许可（不带储存设施）申请书", "", "必要", "申请人自备"),
    ]
    assert render_materials(parse_materials(text)) == text


@pytest.mark.parametrize(
    ("written", "necessity"),
    [("必要", "必要"), ("必需", "必要"), ("必须", "必要"), ("非必要", "非必要"), ("选交", "非必要"),
     ("视情况提交", "非必要"), ("容缺后补", "容缺后补"), ("容缺受理", "容缺后补")],
)  # fmt: skip
def test_necessity_wordings_of_provincial_templates(written, necessity):
    [(_, _, read, _)] = names_and_details(f"不动产权证书（原件1份；{written}；政府部门核发）")
    assert read == necessity


@pytest.mark.parametrize("source", ["申请人自备", "政府部门核发", "中介机构出具", "其他",
                                    "调取电子证照库", "共享获取"])  # fmt: skip
def test_every_national_and_provincial_source_is_read_without_a_warning(source):
    notes = []
    [(_, _, _, read)] = names_and_details(f"1. 检测报告（原件1份；必要；{source}）", notes)
    assert (read, notes) == (source, [])


def test_unknown_source_is_kept_as_written_with_a_warning():
    notes = []
    materials = parse_materials("1. 村委会证明（原件1份；必要；村（居）委会出具）", notes)
    assert materials[0]["name"] == "村委会证明" and materials[0]["source"] == "村（居）委会出具"
    assert notes == ["第1项材料“村委会证明”的来源“村（居）委会出具”不在国家规定的来源渠道中"
                     "（申请人自备、政府部门核发、中介机构出具、其他、调取电子证照库、共享获取），"
                     "已按原文保存。"]  # fmt: skip


def test_material_details_written_with_commas_or_ascii_brackets_and_chinese_counts():
    [first, second] = parse_materials("（1）身份证(原件一份,复印件两份,必要,申请人自备)\n"
                                      "② 户口簿（原件1份；必须；申请人自备）；")  # fmt: skip
    assert (first["name"], first["form"], first["originals"], first["copies"]) == (
        "身份证", "原件一份，复印件两份", 1, 2)  # fmt: skip
    assert (second["name"], second["necessity"]) == ("户口簿", "必要")


def test_one_line_list_splits_only_outside_brackets():
    materials = parse_materials("身份证；户口簿（原件1份；必要；申请人自备）；结婚证")
    assert [m["name"] for m in materials] == ["身份证", "户口簿", "结婚证"]


def test_text_is_never_folded():
    [material] = parse_materials("1. 营业执照（ＡＢ类）（复印件１份；必要；申请人自备）")
    assert material["name"] == "营业执照（ＡＢ类）" and material["copies"] == 1


def test_flowchart_notation_round_trips_through_stream_blocks():
    text = "申请→受理→[规划方案审查|人防工程审查]→批前公示(7个自然日,不计入时限)→决定"
    blocks = parse_procedure(text)
    assert [b["type"] for b in blocks] == ["step", "step", "parallel", "special", "step"]
    assert blocks[3]["value"] == {"name": "批前公示", "days": 7, "day_unit": "自然日",
                                  "counts_toward_limit": False}  # fmt: skip
    assert render_procedure(blocks) == text


@pytest.mark.parametrize(
    "text", ["申请→→受理", "申请→[审查]→决定", "申请→[a|b→决定", "审查(3天,不计入时限)", "→受理",
             "审查（审批科，0.5个工作日）", "决定|送达"],
)  # fmt: skip
def test_malformed_flowchart_is_refused(text):
    with pytest.raises(CellError):
        parse_procedure(text)


def steps(blocks):
    return [(b["value"]["name"], b["value"].get("actor"), b["value"].get("days")) for b in blocks]


def test_steps_with_handler_and_time_round_trip():
    text = (
        "受理（窗口，即时）→审查（审批科，3个工作日）→决定（分管负责人，1个工作日）"
        "→送达（1个工作日）"
    )
    blocks = parse_procedure(text)
    assert steps(blocks) == [("受理", "窗口", 0), ("审查", "审批科", 3),
                             ("决定", "分管负责人", 1), ("送达", "", 1)]  # fmt: skip
    assert render_procedure(blocks) == text
    assert (
        render_procedure(parse_procedure("审查（审批科，3天）"), "自然日")
        == "审查（审批科，3个自然日）"
    )


def test_brackets_in_step_names_are_kept_exactly_as_written():
    text = ("申请→乡（镇）人民政府初审（乡镇人民政府，10个工作日）→"
            "[危险化学品经营许可（不带储存设施）审查|消防（安全）审查]→"
            "现场核查(5个工作日,计入时限)→决定")  # fmt: skip
    blocks = parse_procedure(text)
    assert steps(blocks[:2]) == [("申请", "", None), ("乡（镇）人民政府初审", "乡镇人民政府", 10)]
    offices = [b["office"] for b in blocks[2]["value"]["branches"]]
    assert offices == ["危险化学品经营许可（不带储存设施）审查", "消防（安全）审查"]
    assert blocks[3]["type"] == "special" and blocks[3]["value"]["counts_toward_limit"]
    assert render_procedure(blocks) == text
    assert steps(parse_procedure("审查(三天)")) == [("审查(三天)", "", None)]


def test_full_width_special_step_is_a_name_with_a_warning():
    notes = []
    blocks = parse_procedure("受理→公示（7个自然日，不计入时限）→决定", notes=notes)
    assert blocks[1] == {"type": "step", "value": {"name": "公示（7个自然日，不计入时限）",
                         "actor": "", "days": None, "description": ""}}  # fmt: skip
    assert "特别程序须以半角括号和逗号书写" in notes[0]


def test_step_unit_must_agree_with_the_matter():
    assert steps(parse_procedure("审查（审批科，3个工作日）", unit="工作日")) == [
        ("审查", "审批科", 3)
    ]
    with pytest.raises(CellError, match="时限单位“自然日”与本事项的时限单位“工作日”不一致"):
        parse_procedure("审查（审批科，3个自然日）", unit="工作日")


def test_legal_bases_round_trip():
    text = "《中华人民共和国公司法》第二十九条；《青山市市场主体登记办法》"
    assert render_legal_bases(parse_legal_bases(text)) == text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("20", (20, None)), ("20个工作日", (20, "工作日")), ("１５ 自然日", (15, "自然日")),
     ("即办", (0, None)), (3.0, (3, None))],
)  # fmt: skip
def test_time_limits_with_units(cell, expected):
    assert parse_days(cell) == expected


@pytest.mark.parametrize("cell", ["-3", "二十", "20周", ""])
def test_time_limits_refuse_negative_and_non_numeric(cell):
    with pytest.raises(CellError):
        parse_days(cell)


def test_yes_no_words():
    assert [parse_yes_no(v) for v in ("是", "否", "收费", "免费", "Y", "×")] == [
        True, False, True, False, True, False]  # fmt: skip
    with pytest.raises(CellError, match="应为“是”或“否”"):
        parse_yes_no("也许")
