"""The 申请材料 cell: one material per line, `1. 名称（份数与形式；必要性；来源）`.

Real names carry their own brackets (`营业执照（副本）`, `委托书（委托他人办理的）`), so only the
last bracket group of a line is read as the details, and only when it parses as details;
otherwise the whole line is the name, exactly as written. Necessity is read leniently from
the wordings provincial templates use; a source outside the national and provincial lists
is kept as written, with a warning.
"""

import re

from django.utils.translation import gettext as _

from cms_pages.taxonomy import MATERIAL_SOURCES, NECESSITIES
from spreadsheets.text import CLOSING, OPENING, last_bracket_group, normalise

from .cells import NUMBERING, CellError

REQUIRED, OPTIONAL, DEFERRABLE = NECESSITIES
# i18n: data
NECESSITY_WORDS = {
    "必要": REQUIRED, "必需": REQUIRED, "必须": REQUIRED, "必交": REQUIRED, "必备": REQUIRED,
    "非必要": OPTIONAL, "非必需": OPTIONAL, "非必须": OPTIONAL, "选交": OPTIONAL,
    "选填": OPTIONAL, "视情况提交": OPTIONAL, "视情况": OPTIONAL,
    "容缺后补": DEFERRABLE, "容缺受理": DEFERRABLE, "容缺": DEFERRABLE,
}  # fmt: skip
# 材料来源渠道 of the national guide standard, then provincial forms of shared sources.
# i18n: data
NATIONAL_SOURCES = ("申请人自备", "政府部门核发", "中介机构出具", "其他")
# i18n: data
SHARED_SOURCES = ("调取电子证照库", "共享获取")
KNOWN_SOURCES = (*NATIONAL_SOURCES, *SHARED_SOURCES)
DEFAULT_SOURCE = MATERIAL_SOURCES[0]

SEPARATOR = "；;"
# i18n: data
COUNT = re.compile(r"(原件|复印件)\s*(\d+|[一二两三四五六七八九十])\s*份")
# i18n: data
CHINESE_COUNTS = {ch: n for n, ch in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}
NAME_CAP, FORM_CAP, SOURCE_CAP = 200, 100, 30


def parse_materials(value, notes=None):
    """Materials as dicts; warnings (an unknown source) are appended to `notes`."""
    materials = []
    for number, line in enumerate(_lines(normalise(value)), start=1):
        try:
            name, details = split_details(line)
        except CellError as error:
            raise CellError(
                _("第%(number)s项材料“%(line)s”的%(error)s")
                % {"number": number, "line": line[:40], "error": error}
            ) from None
        if not name:
            raise CellError(
                _("第%(number)s项材料“%(line)s”没有名称。") % {"number": number, "line": line[:40]}
            )
        form, necessity, source = details or ("", REQUIRED, DEFAULT_SOURCE)
        if source not in KNOWN_SOURCES and notes is not None:
            notes.append(
                _(
                    "第%(number)s项材料“%(name)s”的来源“%(source)s”不在国家规定的来源渠道中（%(known_sources)s），已按原文保存。"
                )
                % {
                    "number": number,
                    "name": name[:30],
                    "source": source,
                    "known_sources": "、".join(KNOWN_SOURCES),
                }
            )
        # i18n: data
        for text, cap, label in ((name, NAME_CAP, "名称"), (form, FORM_CAP, "份数与形式"),
                                 (source, SOURCE_CAP, "来源")):  # fmt: skip
            if len(text) > cap:
                raise CellError(
                    _("第%(number)s项材料的%(label)s超过%(cap)s个字。")
                    % {"number": number, "label": label, "cap": cap}
                )
        # i18n: data
        counts = dict.fromkeys(("原件", "复印件"), 0)
        for kind, count in COUNT.findall(form):
            counts[kind] = CHINESE_COUNTS.get(count) or int(count)
        # i18n: data
        materials.append(
            {
                "name": name,
                "form": form,
                "originals": counts["原件"],
                "copies": counts["复印件"],
                "is_electronic": "电子" in form or source in SHARED_SOURCES,
                "necessity": necessity,
                "source": source,
            }
        )
    return materials


def _lines(text):
    """Lines of the cell, each split further at ； outside brackets (one-line lists)."""
    for line in text.split("\n"):
        depth, start = 0, 0
        for index, ch in enumerate(line):
            if ch in OPENING:
                depth += 1
            elif ch in CLOSING:
                depth = max(depth - 1, 0)
            elif ch in SEPARATOR and depth == 0:
                yield from _item(line[start:index])
                start = index + 1
        yield from _item(line[start:])


def _item(text):
    text = NUMBERING.sub("", text.strip(), count=1).rstrip("，,。 ").strip()
    if text:
        yield text


def split_details(line):
    """(name, (form, necessity, source) or None): the details are the last bracket group."""
    group = last_bracket_group(line)
    if group is None:
        return line, None
    start, inner = group
    details = parse_details(inner)
    if details is None:
        return line, None
    return line[:start].strip(), details


def parse_details(inner):
    """`原件1份；必要；申请人自备` (or with ，) → (form, necessity, source), else None."""
    for pattern, joiner in ((f"[{SEPARATOR}]", "；"), ("[，,]", "，")):  # noqa: B007
        parts = [p.strip() for p in re.split(pattern, inner)]
        if len(parts) >= 3:
            break
    else:
        return None
    *form, necessity, source = parts
    if necessity not in NECESSITY_WORDS:
        if source in KNOWN_SOURCES:
            raise CellError(
                _("必要性“%(necessity)s”无法识别，应为必要、非必要或容缺后补。")
                % {"necessity": necessity}
            )
        return None
    if not source:
        return None
    return joiner.join(form), NECESSITY_WORDS[necessity], source


def render_materials(materials):
    lines = []
    for number, m in enumerate(materials, start=1):
        name, form, necessity, source = (
            _get(m, "name"), _get(m, "form"), _get(m, "necessity"), _get(m, "source")
        )  # fmt: skip
        if form or necessity != REQUIRED or source != DEFAULT_SOURCE or _looks_like_details(name):
            lines.append(f"{number}. {name}（{form}；{necessity}；{source}）")
        else:
            lines.append(f"{number}. {name}")
    return "\n".join(lines)


def _looks_like_details(name):
    """A name that would read back as name + details must be written with its details."""
    try:
        return split_details(name)[1] is not None
    except CellError:
        return False


def _get(item, name):
    return item[name] if isinstance(item, dict) else getattr(item, name)
