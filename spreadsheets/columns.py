"""The column vocabulary of department spreadsheets: canonical headers, the aliases
departments actually use, and which columns are stored, derived or informational."""

import re

from .text import normalise

KEY_COLUMN = "实施编码"
SERIAL_COLUMN = "序号"
DEPARTMENT_COLUMN = "实施主体"

# The national catalogue template, in order (see demo_data/README.md).
COLUMNS = [
    "序号", "实施编码", "事项名称", "事项类型", "实施主体", "承办机构", "服务对象", "所属主题",
    "行使层级", "设定依据", "受理条件", "申请材料", "办理流程", "法定办结时限", "承诺办结时限",
    "时限单位", "办件类型", "是否收费", "收费标准", "收费依据", "办理结果", "结果名称",
    "到办事现场次数", "必须现场办理原因", "是否网办", "网办深度", "办理地点", "办理窗口",
    "办理时间", "咨询电话", "监督投诉电话", "备注",
]  # fmt: skip

# Columns computed from others: checked for consistency on import, written on export.
DERIVED_COLUMNS = {"序号", "办件类型", "是否网办"}

HEADER_ALIASES = {
    "事项编码": "实施编码",
    "实施清单编码": "实施编码",
    "事项实施编码": "实施编码",
    "事项名称（子项）": "事项名称",
    "事项类别": "事项类型",
    "实施主体名称": "实施主体",
    "实施机构": "实施主体",
    "承办处室": "承办机构",
    "承办科室": "承办机构",
    "主题分类": "所属主题",
    "办理依据": "设定依据",
    "申请条件": "受理条件",
    "申报材料": "申请材料",
    "申请材料清单": "申请材料",
    "流程": "办理流程",
    "法定时限": "法定办结时限",
    "法定时限（工作日）": "法定办结时限",
    "法定办结时限（工作日）": "法定办结时限",
    "承诺时限": "承诺办结时限",
    "承诺时限（工作日）": "承诺办结时限",
    "承诺办结时限（工作日）": "承诺办结时限",
    "收费情况": "是否收费",
    "到现场次数": "到办事现场次数",
    "跑动次数": "到办事现场次数",
    "到办事现场次数（次）": "到办事现场次数",
    "网上办理深度": "网办深度",
    "办理地址": "办理地点",
    "受理窗口": "办理窗口",
    "办公时间": "办理时间",
    "咨询方式": "咨询电话",
    "投诉电话": "监督投诉电话",
    "监督电话": "监督投诉电话",
}

# A unit written in the header applies to the whole column: 承诺时限（工作日）.
HEADER_UNITS = {
    name: unit for name in HEADER_ALIASES for unit in ("工作日", "自然日") if f"（{unit}）" in name
}

_MARKS = re.compile(r"^[*＊]+|[*＊]+$|[（(]必填[)）]$")


def canonical(name):
    """The canonical column name for a header cell as departments write it."""
    text = re.sub(r"\s+", "", normalise(name))
    text = _MARKS.sub("", text)
    return HEADER_ALIASES.get(text, text)


def header_unit(name):
    text = _MARKS.sub("", re.sub(r"\s+", "", normalise(name)))
    return HEADER_UNITS.get(text)
