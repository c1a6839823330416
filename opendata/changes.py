"""What a publish changed in a matter, in words: "承诺办结时限由20个工作日缩短为5个工作日；
申请材料减少1项（不再需要：户口簿复印件）". Compares the stored content of two revisions."""

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms_pages.taxonomy import ONLINE_DEPTHS

# Fields reported only as "updated", by their label.
TEXT_FIELDS = {
    "handling_office": gettext_lazy("承办机构"),
    "joint_bodies": gettext_lazy("委托或联办机构"),
    "conditions": gettext_lazy("受理条件"),
    "prohibitions": gettext_lazy("禁止性要求"),
    "visit_reason": gettext_lazy("必须现场办理原因"),
    "fee_standard": gettext_lazy("收费标准"),
    "fee_basis": gettext_lazy("收费依据"),
    "fee_waiver": gettext_lazy("减免政策"),
    "result_name": gettext_lazy("结果名称"),
    "result_description": gettext_lazy("办理结果"),
    "place": gettext_lazy("办理地点"),
    "window_text": gettext_lazy("办理窗口"),
    "hours": gettext_lazy("办理时间"),
    "enquiry_phone": gettext_lazy("咨询电话"),
    "complaint_phones": gettext_lazy("监督投诉电话"),
    "notes": gettext_lazy("备注"),
    "common_names": gettext_lazy("别名"),
    "legal_bases": gettext_lazy("设定依据"),
    "fee_items": gettext_lazy("收费项目"),
    "faqs": gettext_lazy("常见问题"),
    "matter_type": gettext_lazy("事项类型"),
    "service_object": gettext_lazy("服务对象"),
    "level": gettext_lazy("行使层级"),
}
BEFORE_FIELDS = ("before_visits", "before_steps", "before_materials", "before_statutory_days",
                 "before_promised_days")  # fmt: skip
CHILD_NOISE = ("pk", "sort_order", "matter")


def _days(days, unit):
    return _("当场办结") if days == 0 else _("%(n)s个%(unit)s") % {"n": days, "unit": unit}


def _more_or_less(label, before, after, unit):
    if after < before:
        return _("%(label)s由%(b)s%(u)s减少为%(a)s%(u)s") % {
            "label": label, "b": before, "a": after, "u": unit}  # fmt: skip
    return _("%(label)s由%(b)s%(u)s增加为%(a)s%(u)s") % {
        "label": label, "b": before, "a": after, "u": unit}  # fmt: skip


def _time_limit(label, old, new, old_unit, new_unit):
    verb = _("缩短为") if (new < old and old_unit == new_unit) else _("改为")
    if new > old and old_unit == new_unit:
        verb = _("延长为")
    return f"{label}{_('由')}{_days(old, old_unit)}{verb}{_days(new, new_unit)}"


def _children(content, name):
    return [{k: v for k, v in row.items() if k not in CHILD_NOISE}
            for row in content.get(name) or []]  # fmt: skip


def _blocks(content):
    procedure = content.get("procedure") or "[]"
    blocks = json.loads(procedure) if isinstance(procedure, str) else procedure
    return [{"type": b.get("type"), "value": b.get("value")} for b in blocks]


def _names(ids, lookup):
    return "、".join(lookup.get(i, str(i)) for i in ids)


def describe(old, new, names=None):
    """Sentences (without final punctuation) saying how `new` differs from `old`; names holds
    {"themes": {id: name}, "care_tags": {id: name}, "departments": {id: title}}."""
    names = names or {}
    if old is None:
        promised = _days(new["promised_days"], new["time_unit"])
        return [_("新发布事项：到办事现场%(v)s次，承诺办结时限%(d)s")
                % {"v": new["visits"], "d": promised}]  # fmt: skip
    said = []
    if old["title"] != new["title"]:
        said.append(_("事项名称由“%(a)s”改为“%(b)s”") % {"a": old["title"], "b": new["title"]})
    if old.get("department") != new.get("department"):
        title = names.get("departments", {}).get(new.get("department"), "")
        said.append(_("实施主体改为%(d)s") % {"d": title})
    if old["visits"] != new["visits"]:
        said.append(_more_or_less(_("到办事现场次数"), old["visits"], new["visits"], _("次")))
    if old["online_depth"] != new["online_depth"]:
        depth = ONLINE_DEPTHS.get(new["online_depth"], new["online_depth"])
        full = _("（全程网办）") if new["online_depth"] == 4 else ""
        was = ONLINE_DEPTHS.get(old["online_depth"], "")
        said.append(_("网办深度由%(a)s改为%(b)s%(f)s") % {"a": was, "b": depth, "f": full})
    for field, label in (
        ("statutory_days", _("法定办结时限")),
        ("promised_days", _("承诺办结时限")),
    ):
        if (old[field], old["time_unit"]) != (new[field], new["time_unit"]):
            said.append(_time_limit(label, old[field], new[field], old["time_unit"],
                                    new["time_unit"]))  # fmt: skip
    if old["fee_charged"] != new["fee_charged"]:
        said.append(_("改为收费") if new["fee_charged"] else _("改为不收费"))
    said += _materials(_children(old, "materials"), _children(new, "materials"))
    old_steps, new_steps = _blocks(old), _blocks(new)
    if len(old_steps) != len(new_steps):
        said.append(_more_or_less(_("办理环节"), len(old_steps), len(new_steps), _("个")))
    elif old_steps != new_steps:
        said.append(_("办理流程有调整"))
    for field, label in (("themes", _("主题")), ("care_tags", _("特别关爱"))):
        added = [i for i in new.get(field) or [] if i not in (old.get(field) or [])]
        removed = [i for i in old.get(field) or [] if i not in (new.get(field) or [])]
        if added:
            said.append(
                _("新增%(l)s：%(n)s") % {"l": label, "n": _names(added, names.get(field, {}))}
            )
        if removed:
            said.append(
                _("取消%(l)s：%(n)s") % {"l": label, "n": _names(removed, names.get(field, {}))}
            )
    changed = [field for field in TEXT_FIELDS if _comparable(old, field) != _comparable(new, field)]
    if old["fee_charged"] != new["fee_charged"]:
        # Said above; the standard and basis follow the switch by themselves.
        changed = [field for field in changed if field not in ("fee_standard", "fee_basis")]
    updated = [str(TEXT_FIELDS[field]) for field in changed]
    if any(old.get(f) != new.get(f) for f in BEFORE_FIELDS):
        updated.append(_("改革前数据"))
    if updated:
        said.append(_("更新了%(fields)s") % {"fields": "、".join(updated)})
    return said


def _comparable(content, field):
    value = content.get(field)
    return _children(content, field) if isinstance(value, list) else value


def _materials(old, new):
    old_names = [m["name"] for m in old]
    new_names = [m["name"] for m in new]
    removed = [n for n in old_names if n not in new_names]
    added = [n for n in new_names if n not in old_names]
    said = []
    if len(new) < len(old):
        said.append(_("申请材料减少%(n)s项") % {"n": len(old) - len(new)})
    elif len(new) > len(old):
        said.append(_("申请材料增加%(n)s项") % {"n": len(new) - len(old)})
    if removed:
        said.append(_("不再需要：%(n)s") % {"n": "、".join(removed)})
    if added:
        said.append(_("新增材料：%(n)s") % {"n": "、".join(added)})
    if not said and old != new:
        said.append(_("申请材料的要求有调整"))
    return said
