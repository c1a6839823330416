"""Turn one spreadsheet row into the field values and child rows of a MatterPage."""

from cms_pages.taxonomy import LEGAL_PERSON, LEVELS, MATTER_TYPES, NATURAL_PERSON, RESULT_TYPES

from .cells import (
    CellError,
    normalise,
    parse_int,
    parse_legal_bases,
    parse_materials,
    parse_online_depth,
    parse_procedure,
    parse_time_unit,
    parse_yes_no,
    split_list,
)

SERVICE_OBJECTS = {
    "自然人": NATURAL_PERSON,
    "法人": LEGAL_PERSON,
    "自然人;法人": "both",
    "法人;自然人": "both",
}


def _choice(value, allowed, label):
    text = normalise(value)
    if text not in allowed:
        raise CellError(f"{label}“{text or '空'}”不在允许的取值中（{'、'.join(allowed)}）。")
    return text


def _result_type(result_name):
    if not result_name or result_name == "无":
        return "无"
    if any(word in result_name for word in ("证", "照", "执照", "卡")):
        return "证照"
    if any(word in result_name for word in ("批复", "决定", "批准", "通知书")):
        return "批文"
    return "其他" if "其他" in RESULT_TYPES else RESULT_TYPES[-1]


def matter_values(row):
    """Return (fields, children, theme_names, department_name) for one row.

    Raises CellError naming the column on the first invalid cell.
    """

    def cell(column):
        return normalise(row.get(column))

    def parsed(column, parser, *args):
        try:
            return parser(row.get(column), *args)
        except CellError as error:
            raise CellError(f"【{column}】{error}") from None

    title = cell("事项名称")
    if not title:
        raise CellError("【事项名称】不能为空。")
    code = cell("实施编码")
    if not code:
        raise CellError("【实施编码】不能为空。")
    statutory = parsed("法定办结时限", parse_int, "法定办结时限")
    promised = parsed("承诺办结时限", parse_int, "承诺办结时限")
    if promised > statutory:
        raise CellError(f"【承诺办结时限】{promised} 超过法定办结时限 {statutory}。")
    visits = parsed("到办事现场次数", parse_int, "到办事现场次数")
    reason = cell("必须现场办理原因")
    if visits >= 1 and not reason:
        raise CellError("【必须现场办理原因】到办事现场次数不为0时必须填写。")
    service_object = SERVICE_OBJECTS.get(cell("服务对象").replace("；", ";").replace(" ", ""))
    if service_object is None:
        raise CellError(f"【服务对象】“{cell('服务对象')}”应为自然人、法人或“自然人;法人”。")
    fee_charged = parsed("是否收费", parse_yes_no, "是否收费")
    result_name = cell("结果名称")
    fields = {
        "title": title,
        "code": code,
        "matter_type": parsed("事项类型", _choice, MATTER_TYPES, "事项类型"),
        "service_object": service_object,
        "level": parsed("行使层级", _choice, LEVELS, "行使层级"),
        "handling_office": cell("承办机构"),
        "conditions": cell("受理条件"),
        "procedure": parsed("办理流程", parse_procedure),
        "statutory_days": statutory,
        "promised_days": promised,
        "time_unit": parsed("时限单位", parse_time_unit),
        "fee_charged": fee_charged,
        "fee_standard": cell("收费标准") or ("" if fee_charged else "不收费"),
        "fee_basis": cell("收费依据") if fee_charged else "",
        "result_type": _result_type(result_name),
        "result_name": result_name,
        "result_description": cell("办理结果"),
        "visits": visits,
        "visit_reason": reason,
        "online_depth": parsed("网办深度", parse_online_depth),
        "place": cell("办理地点"),
        "window_text": cell("办理窗口"),
        "hours": cell("办理时间"),
        "enquiry_phone": cell("咨询电话"),
        "complaint_phones": cell("监督投诉电话"),
        "notes": cell("备注"),
    }
    children = {
        "materials": parsed("申请材料", parse_materials),
        "legal_bases": parsed("设定依据", parse_legal_bases),
    }
    return fields, children, split_list(row.get("所属主题")), cell("实施主体")


def resolve_themes(theme_names, service_object):
    """Themes are identified by audience + name; a matter for both audiences may use either."""
    from cms_pages.models import Theme

    audiences = [NATURAL_PERSON, LEGAL_PERSON] if service_object == "both" else [service_object]
    themes = list(Theme.objects.filter(name__in=theme_names, audience__in=audiences))
    unknown = set(theme_names) - {t.name for t in themes}
    if unknown:
        raise CellError(f"【所属主题】“{'、'.join(sorted(unknown))}”不在国家主题目录中。")
    return themes


def apply_matter_values(page, fields, children, themes):
    """Copy parsed values onto an (unsaved or existing) MatterPage, children included."""
    from cms_pages.models import MatterLegalBasis, MatterMaterial

    for name, value in fields.items():
        setattr(page, name, value)
    page.materials = [MatterMaterial(**m) for m in children["materials"]]
    page.legal_bases = [MatterLegalBasis(**b) for b in children["legal_bases"]]
    page.themes = themes
    return page
