"""Parse the simple cells of a department spreadsheet, and write them back.

Cell conventions are those of the national catalogue template (see demo_data/README.md);
materials and the procedure have their own modules. Every parser raises CellError with a
message a department editor can act on; every `render_*` is the inverse of its parser, so
an exported sheet imports unchanged. Text is never folded: full-width forms are turned into
ASCII only in numbers and codes.
"""

import re

from django.utils.translation import gettext as _

from cms_pages.taxonomy import ONLINE_DEPTHS, TIME_UNITS
from spreadsheets.text import normalise, number_text

# Excel's own limit for one cell; anything longer did not come from a real spreadsheet.
MAX_CELL_CHARS = 32767


class CellError(ValueError):
    pass


def parse_int(value, minimum=0):
    text = number_text(value)
    if not re.fullmatch(r"-?\d+", text):
        raise CellError(_("应为整数，实际为“%(text)s”。") % {"text": text[:20] or _("空")})
    number = int(text)
    if number < minimum:
        raise CellError(
            _("不能小于%(minimum)s，实际为%(number)s。") % {"minimum": minimum, "number": number}
        )
    return number


# i18n: data
IMMEDIATE = ("即办", "即办件", "即时办结", "当场办结")
# i18n: data
DAYS = re.compile(r"^(-?\d+)\s*(?:个)?\s*(工作日|自然日|日|天)?$")


def parse_days(value):
    """A time limit: `20`, `20个工作日`, `20天`, `即办`. Returns (days, unit or None)."""
    text = number_text(value)
    if text in IMMEDIATE:
        return 0, None
    match = DAYS.match(text)
    if not match:
        raise CellError(
            _("应为天数（如 20 或 20个工作日），实际为“%(text)s”。")
            % {"text": text[:20] or _("空")}
        )
    days = int(match.group(1))
    if days < 0:
        raise CellError(_("不能为负数，实际为%(days)s。") % {"days": days})
    unit = match.group(2)
    return days, unit if unit in TIME_UNITS else None


# i18n: data
YES = ("是", "Y", "y", "yes", "Yes", "YES", "TRUE", "1", "√", "收费", "有")
# i18n: data
NO = ("否", "N", "n", "no", "No", "NO", "FALSE", "0", "×", "不收费", "无", "免费")


def parse_yes_no(value):
    text = normalise(value)
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(_("应为“是”或“否”，实际为“%(text)s”。") % {"text": text[:20] or _("空")})


def render_yes_no(value):
    # i18n: data
    return "是" if value else "否"


def split_list(value, separators="；;、，,"):
    text = normalise(value)
    return [part.strip() for part in re.split(f"[{separators}\n]", text) if part.strip()]


LAW = re.compile(r"^(《[^》]+》)(.*)$")
NUMBERING = re.compile(r"^\s*(?:\d+\s*[.、．)）]|[（(]\d+[)）]|[①-⑳])\s*")


def parse_legal_bases(value):
    bases = []
    for item in split_list(value, "；;"):
        part = NUMBERING.sub("", item, count=1)
        match = LAW.match(part)
        if match:
            bases.append({"name": match.group(1), "article": match.group(2).strip()})
        else:
            bases.append({"name": part, "article": ""})
    return bases


def render_legal_bases(bases):
    return "；".join(f"{_get(b, 'name')}{_get(b, 'article')}" for b in bases)


def _get(item, name):
    return item[name] if isinstance(item, dict) else getattr(item, name)


def parse_time_unit(value):
    text = normalise(value) or TIME_UNITS[0]
    if text not in TIME_UNITS:
        raise CellError(_("应为“工作日”或“自然日”，实际为“%(text)s”。") % {"text": text[:20]})
    return text


ONLINE_DEPTH_NAMES = {name: level for level, name in ONLINE_DEPTHS.items()}


def parse_online_depth(value):
    text = number_text(value)
    if text in ONLINE_DEPTH_NAMES:
        return ONLINE_DEPTH_NAMES[text]
    if text in ("1", "2", "3", "4"):
        return int(text)
    raise CellError(_("应为一级至四级，实际为“%(text)s”。") % {"text": text[:20] or _("空")})


def render_online_depth(level):
    return ONLINE_DEPTHS.get(level, "")
