"""Structured cells parse into data and write back to the same text."""

import pytest

from importers.cells import (
    CellError,
    parse_days,
    parse_legal_bases,
    parse_materials,
    parse_procedure,
    parse_yes_no,
    render_legal_bases,
    render_materials,
    render_procedure,
)


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


def test_malformed_material_names_its_number():
    with pytest.raises(CellError, match="第2项材料"):
        parse_materials("1. 身份证\n2. 户口簿（原件；必须；自备）")


def test_flowchart_notation_round_trips_through_stream_blocks():
    text = "申请→受理→[规划方案审查|人防工程审查]→批前公示(7个自然日,不计入时限)→决定"
    blocks = parse_procedure(text)
    assert [b["type"] for b in blocks] == ["step", "step", "parallel", "special", "step"]
    assert blocks[3]["value"] == {"name": "批前公示", "days": 7, "day_unit": "自然日",
                                  "counts_toward_limit": False}  # fmt: skip
    assert render_procedure(blocks) == text


@pytest.mark.parametrize("text", ["申请→→受理", "申请→[审查]→决定", "申请→[a|b→决定", "审查(三天)"])
def test_malformed_flowchart_is_refused(text):
    with pytest.raises(CellError):
        parse_procedure(text)


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
