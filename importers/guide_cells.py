"""Cells of the national 办事指南 elements beyond the template's 32 columns.

网上办理地址   https://zwfw.example.cn/…            (http or https only)
办理形式       窗口办理、网上办理、快递申请          (others kept, with a warning)
收费项目       工本费：20元/本（依据：《…》）         one item a line
中介服务       安全评价（必要；按市场价格收费）        one service a line; 无 for none
主项名称       烟草专卖零售许可证                     with 基本编码 in its own column
咨询方式 …     电话：…；窗口：…；网上：https://…      read by cms_pages.channels
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from cms_pages.channels import parse_channels
from cms_pages.taxonomy import HANDLING_FORMS
from spreadsheets.text import last_bracket_group, normalise, number_text

from .cells import CellError, split_list
from .materials import NECESSITY_WORDS, REQUIRED

URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
# i18n: data
NONE_WORDS = ("无", "没有", "不涉及", "-", "—", "／", "/")
# i18n: data
BASIS_PREFIX = "依据："
FEE_ITEM = re.compile(r"^([^：:]+)[：:](.+)$", re.DOTALL)


def parse_url(value):
    text = normalise(value)
    if text and not URL.match(text):
        raise CellError(
            gettext("应为以 http:// 或 https:// 开头的网址，实际为“%(text)s”。")
            % {"text": text[:40]}
        )
    return text


def parse_handling_forms(value, notes=None):
    forms = list(dict.fromkeys(split_list(value, "、；;，,/")))
    unknown = [f for f in forms if f not in HANDLING_FORMS]
    if unknown and notes is not None:
        notes.append(
            gettext("“%(unknown)s”不是国家规定的办理形式（%(handling_forms)s），已按原文保存。")
            % {"unknown": "、".join(unknown), "handling_forms": "、".join(HANDLING_FORMS)}
        )
    return "、".join(forms)


def _lines(value):
    text = normalise(value)
    if text in NONE_WORDS:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]


def parse_fee_items(value):
    """`名称：金额（依据：…）` per line → dicts for MatterFeeItem."""
    items = []
    for number, line in enumerate(_lines(value), start=1):
        match = FEE_ITEM.match(line)
        if not match:
            raise CellError(
                gettext("第%(number)s项收费“%(line)s”应写作“收费项目：收费标准”。")
                % {"number": number, "line": line[:30]}
            )
        name, amount = match.group(1).strip(), match.group(2).strip()
        basis, group = "", last_bracket_group(amount)
        if group and group[1].startswith(BASIS_PREFIX):
            basis = group[1].removeprefix(BASIS_PREFIX).strip()
            amount = amount[: group[0]].strip()
        item = {"name": name, "amount": amount, "basis": basis}
        for field, cap in (("name", 200), ("amount", 200), ("basis", 300)):
            if len(item[field]) > cap:
                raise CellError(
                    gettext("第%(number)s项收费的内容超过%(cap)s个字。")
                    % {"number": number, "cap": cap}
                )
        items.append(item)
    return items


def render_fee_items(items):
    lines = []
    for item in items:
        basis = _get(item, "basis")
        suffix = f"（{BASIS_PREFIX}{basis}）" if basis else ""
        lines.append(f"{_get(item, 'name')}：{_get(item, 'amount')}{suffix}")
    return "\n".join(lines)


def parse_intermediary_services(value):
    """`名称（必要；收费说明）` per line → dicts for MatterIntermediaryService."""
    services = []
    for number, line in enumerate(_lines(value), start=1):
        name, required, fee = line, True, ""
        group = last_bracket_group(line)
        if group:
            necessity, _, rest = group[1].partition("；")
            if necessity.strip() in NECESSITY_WORDS:
                name = line[: group[0]].strip()
                required = NECESSITY_WORDS[necessity.strip()] == REQUIRED
                fee = rest.strip()
        if not name:
            raise CellError(gettext("第%(number)s项中介服务没有名称。") % {"number": number})
        if len(name) > 200 or len(fee) > 200:
            raise CellError(
                gettext("第%(number)s项中介服务的名称或收费超过200个字。") % {"number": number}
            )
        services.append({"name": name, "required": required, "fee": fee})
    return services


def render_intermediary_services(services):
    lines = []
    for service in services:
        # i18n: data
        parts = ["必要" if _get(service, "required") else "非必要"]
        if _get(service, "fee"):
            parts.append(_get(service, "fee"))
        lines.append(f"{_get(service, 'name')}（{'；'.join(parts)}）")
    return "\n".join(lines)


def check_channels(value, notes=None):
    """The text as written; a part that reads as no known channel gets a warning."""
    text = normalise(value)
    odd = [c.value for c in parse_channels(text) if c.kind == "other"]
    if odd and notes is not None:
        notes.append(
            gettext(
                "“%(odd)s”看不出是电话、窗口、网址、信函还是邮箱；可写作“窗口：…”“网上：https://…”等，已按原文保存。"
            )
            % {"odd": "；".join(odd)[:40]}
        )
    return text


@dataclass(frozen=True)
class MainItemRef:
    """A main item as a row names it; the writer finds or creates the MainItem."""

    name: str
    code: str = ""


def parse_main_item(value, code_value):
    name, code = normalise(value), number_text(code_value)
    if not name and not code:
        return None
    if len(name) > 200 or len(code) > 60:
        raise CellError(gettext("主项名称不能超过200个字，基本编码不能超过60个字符。"))
    return MainItemRef(name, code)


def render_main_item(item):
    if item is None:
        return ""
    # i18n: data (the import format, read back by parse_main_item)
    return f"{item.name}（基本编码：{item.code}）" if item.code else item.name


def _get(item, name):
    return item[name] if isinstance(item, dict) else getattr(item, name)
