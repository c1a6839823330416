"""The column vocabulary of department spreadsheets: canonical headers, the wordings
provincial templates use for them, and which columns are stored, derived or informational.

A header is read as: a canonical name or an alias, optionally followed by bracketed notes
(`事项名称（全称）`, `承诺时限（工作日）`, `申请材料\n（必填）`). A note naming 工作日 or
自然日 is the column's default unit. Anything else is an unknown column, which an editor may
map to a column once per department (importers.header_maps).
"""

import re

from .text import last_bracket_group, normalise

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
    # Further elements of the national 办事指南, and the main item a matter is a variant of.
    "网上办理地址", "办理形式", "通办范围", "数量限制", "中介服务", "权力来源", "联办机构",
    "禁止性要求", "收费项目", "减免政策", "主项名称", "基本编码",
    # Files a department sends in a zip beside the sheet (by file name), or web addresses.
    "空白表格", "示例样表", "结果样本",
    # Not in the national template: this portal's tags and the figures before the reform.
    "特别关爱", "改革前到现场次数", "改革前环节数", "改革前材料数", "改革前法定办结时限",
    "改革前承诺办结时限",
]  # fmt: skip

# Columns computed from others: checked for consistency on import, written on export.
DERIVED_COLUMNS = {"序号", "是否网办"}
TIME_LIMIT_COLUMNS = ("法定办结时限", "承诺办结时限")

# Wordings of the same columns in provincial templates and department habits.
ALIASES = {
    "序号": ["编号", "序列号", "No."],
    "实施编码": ["事项编码", "实施清单编码", "事项实施编码", "实施清单事项编码", "办理项编码",
             "业务办理项编码", "办事指南编码", "事项代码"],
    "事项名称": ["实施清单名称", "实施事项名称", "事项名称（子项）", "办理项名称", "业务办理项名称",
             "子项名称", "政务服务事项名称"],
    "事项类型": ["事项类别", "权力类型", "权力类别", "职权类型", "事项性质"],
    "实施主体": ["实施主体名称", "实施机构", "实施机关", "实施部门", "办理部门", "实施单位"],
    "承办机构": ["承办处室", "承办科室", "承办单位", "内设机构", "办理处室", "办理科室",
             "承办机构名称"],
    "服务对象": ["服务对象类型", "办理对象", "面向对象", "服务对象分类"],
    "所属主题": ["主题分类", "主题", "事项主题", "所属主题分类"],
    "行使层级": ["层级", "事项层级", "办理层级", "行使层级（级别）"],
    "设定依据": ["办理依据", "法律依据", "实施依据", "设定依据及条款", "依据"],
    "受理条件": ["申请条件", "办理条件", "受理标准", "申请人条件"],
    "申请材料": ["申报材料", "申请材料清单", "材料清单", "所需材料", "办理材料"],
    "办理流程": ["流程", "办理程序", "办事流程", "审批流程", "办理环节"],
    "法定办结时限": ["法定时限", "法定期限", "法定办理时限", "法定办结期限"],
    "承诺办结时限": ["承诺时限", "承诺期限", "承诺办理时限", "承诺办结期限"],
    "时限单位": ["办结时限单位", "时限类型", "期限单位"],
    "办件类型": ["办件类别", "事项办件类型"],
    "是否收费": ["收费情况", "是否收费（是/否）"],
    "收费标准": ["收费金额", "收费项目及标准"],
    "收费依据": ["收费依据文件"],
    "办理结果": ["审批结果", "办理结果描述", "结果描述", "审批结果描述"],
    "结果名称": ["结果证照名称", "办理结果名称", "审批结果名称", "结果文书名称", "证照名称",
             "结果证件名称"],
    "到办事现场次数": ["到现场次数", "跑动次数", "到现场办理次数", "最多跑动次数", "跑腿次数",
                "到办事现场办理次数"],
    "必须现场办理原因": ["到现场原因", "必须到现场原因", "必须现场办理原因说明",
                 "到现场办理原因说明", "必须到现场办理原因"],
    "是否网办": ["是否可网上办理", "是否网上办理", "网上办理", "是否支持网上办理"],
    "网办深度": ["网上办理深度", "网上可办深度", "网办程度"],
    "办理地点": ["办理地址", "受理地点", "办公地点", "受理地址"],
    "办理窗口": ["受理窗口", "窗口"],
    "办理时间": ["办公时间", "受理时间", "工作时间"],
    "咨询电话": ["咨询方式", "咨询电话号码"],
    "监督投诉电话": ["投诉方式", "投诉电话", "监督投诉方式", "监督电话", "监督投诉渠道"],
    "备注": ["说明", "其他说明", "其他"],
    "网上办理地址": ["网办地址", "在线办理地址", "网上办理链接", "办理网址", "网上申报地址",
               "网上办理入口"],
    "办理形式": ["办理方式", "申请方式"],
    "通办范围": ["通办类型", "通办"],
    "数量限制": ["有无数量限制", "数量限制情况"],
    "中介服务": ["中介服务事项", "涉及中介服务"],
    "权力来源": ["事权来源", "权力来源类型"],
    "联办机构": ["委托或联办机构", "联合办理机构", "委托机构", "联办部门"],
    "禁止性要求": ["禁止性规定", "禁止性条件"],
    "收费项目": ["收费项目名称", "收费项目及依据"],
    "减免政策": ["收费减免", "减免依据", "减免情况"],
    "主项名称": ["主项", "事项主项名称", "母项名称"],
    "基本编码": ["主项编码", "事项基本编码", "基本目录编码"],
    "空白表格": ["空白表格名称", "空白表格文件", "空白表格下载", "表格下载"],
    "示例样表": ["示例样表名称", "示例样表文件", "样表", "填写样表", "填表示例", "示范文本"],
    "结果样本": ["结果样本名称", "结果样本文件", "审批结果样本", "证照样本", "结果样本下载"],
    "特别关爱": ["特别关爱对象", "关爱对象"],
    "改革前到现场次数": ["改革前跑动次数", "改革前到办事现场次数"],
    "改革前环节数": ["改革前办理环节数"],
    "改革前材料数": ["改革前申请材料数"],
    "改革前法定办结时限": ["改革前法定时限"],
    "改革前承诺办结时限": ["改革前承诺时限"],
}  # fmt: skip
HEADER_ALIASES = {alias: column for column, names in ALIASES.items() for alias in names}

_MARKS = re.compile(r"^[*＊★]+|[*＊★]+$")
UNITS = ("工作日", "自然日")


def clean_header(name):
    """A header cell without spaces, line breaks and the required-field stars."""
    return _MARKS.sub("", re.sub(r"\s+", "", normalise(name)))


def _known(text):
    return text if text in COLUMNS else HEADER_ALIASES.get(text)


def read_header(name):
    """(column, unit): the canonical column (or the cleaned text of an unknown header) and
    the unit a bracketed note gives it."""
    text = clean_header(name)
    column = _known(text)
    if column:
        return column, None
    stem, notes = text, []
    while (group := last_bracket_group(stem)) is not None:
        start, inner = group
        stem, notes = stem[:start], [*notes, inner]
        column = _known(stem)
        if column:
            units = [u for u in UNITS for note in notes if u in note]
            return column, units[0] if len(set(units)) == 1 else None
    return text, None


def canonical(name):
    """The canonical column name for a header cell as departments write it."""
    return read_header(name)[0]


def header_unit(name):
    column, unit = read_header(name)
    return unit if column in TIME_LIMIT_COLUMNS else None
