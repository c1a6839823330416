"""Parse the structured cells of a department spreadsheet, and write them back.

Cell conventions are those of the national catalogue template (see demo_data/README.md).
Every parser raises CellError with a message a department editor can act on; every
`render_*` is the inverse of its parser, so an exported sheet imports unchanged.
"""

import re

from cms_pages.taxonomy import MATERIAL_SOURCES, NECESSITIES, ONLINE_DEPTHS, TIME_UNITS
from spreadsheets.text import normalise

# Excel's own limit for one cell; anything longer did not come from a real spreadsheet.
MAX_CELL_CHARS = 32767


class CellError(ValueError):
    pass


def parse_int(value, minimum=0):
    text = normalise(value)
    if not re.fullmatch(r"-?\d+", text):
        raise CellError(f"应为整数，实际为“{text[:20] or '空'}”。")
    number = int(text)
    if number < minimum:
        raise CellError(f"不能小于{minimum}，实际为{number}。")
    return number


IMMEDIATE = ("即办", "即办件", "即时办结", "当场办结")
DAYS = re.compile(r"^(-?\d+)\s*(?:个)?\s*(工作日|自然日|日|天)?$")


def parse_days(value):
    """A time limit: `20`, `20个工作日`, `20天`, `即办`. Returns (days, unit or None)."""
    text = normalise(value)
    if text in IMMEDIATE:
        return 0, None
    match = DAYS.match(text)
    if not match:
        raise CellError(f"应为天数（如 20 或 20个工作日），实际为“{text[:20] or '空'}”。")
    days = int(match.group(1))
    if days < 0:
        raise CellError(f"不能为负数，实际为{days}。")
    unit = match.group(2)
    return days, unit if unit in TIME_UNITS else None


YES = ("是", "Y", "y", "yes", "Yes", "YES", "TRUE", "1", "√", "收费", "有")
NO = ("否", "N", "n", "no", "No", "NO", "FALSE", "0", "×", "不收费", "无", "免费")


def parse_yes_no(value):
    text = normalise(value)
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(f"应为“是”或“否”，实际为“{text[:20] or '空'}”。")


def render_yes_no(value):
    return "是" if value else "否"


def split_list(value, separators="；;、，,"):
    text = normalise(value)
    return [part.strip() for part in re.split(f"[{separators}\n]", text) if part.strip()]


MATERIAL_LINE = re.compile(
    r"^(?:\d+[.、．]\s*)?([^（）；]+?)"
    r"(?:（([^；（）]*)；("
    + "|".join(NECESSITIES)
    + r")；("
    + "|".join(MATERIAL_SOURCES)
    + r")）)?$"
)
COUNT = re.compile(r"(原件|复印件)(\d+)份")


def parse_materials(value):
    """`1. 名称（原件1份，复印件1份；必要；申请人自备）` per line (or separated by ；)."""
    text = normalise(value)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) == 1 and "；" in lines[0] and "（" not in lines[0]:
        lines = [part.strip() for part in lines[0].split("；") if part.strip()]
    materials = []
    for number, line in enumerate(lines, start=1):
        match = MATERIAL_LINE.match(line)
        if not match:
            raise CellError(
                f"第{number}项材料“{line[:40]}”格式不正确，应为“名称（份数与形式；必要性；来源）”。"
            )
        name, form, necessity, source = match.groups()
        counts = dict.fromkeys(("原件", "复印件"), 0)
        for kind, count in COUNT.findall(form or ""):
            counts[kind] = int(count)
        materials.append(
            {
                "name": name.strip(),
                "form": (form or "").strip(),
                "originals": counts["原件"],
                "copies": counts["复印件"],
                "is_electronic": "电子" in (form or "") or source == "调取电子证照库",
                "necessity": necessity or NECESSITIES[0],
                "source": source or MATERIAL_SOURCES[0],
            }
        )
    return materials


def render_materials(materials):
    lines = []
    for number, m in enumerate(materials, start=1):
        name, form, necessity, source = (
            _get(m, "name"), _get(m, "form"), _get(m, "necessity"), _get(m, "source")
        )  # fmt: skip
        if form or necessity != NECESSITIES[0] or source != MATERIAL_SOURCES[0]:
            lines.append(f"{number}. {name}（{form}；{necessity}；{source}）")
        else:
            lines.append(f"{number}. {name}")
    return "\n".join(lines)


def _get(item, name):
    return item[name] if isinstance(item, dict) else getattr(item, name)


SPECIAL_STEP = re.compile(r"^(.+?)\((\d+)个(工作日|自然日),(不计入时限|计入时限)\)$")


def parse_procedure(value):
    """`申请→受理→[a|b]→公示(7个自然日,不计入时限)→决定` into StreamField block data."""
    text = normalise(value).replace("（", "(").replace("）", ")").replace("，", ",")
    if not text:
        return []
    blocks = []
    for raw in text.split("→"):
        part = raw.strip()
        if not part:
            raise CellError("有空环节（连续的“→”）。")
        if part.startswith("["):
            if not part.endswith("]"):
                raise CellError(f"并联阶段“{part[:40]}”缺少“]”。")
            branches = [b.strip() for b in part[1:-1].split("|")]
            if len(branches) < 2 or not all(branches):
                raise CellError(f"并联阶段“{part[:40]}”至少需要两个非空分支。")
            blocks.append(
                {
                    "type": "parallel",
                    "value": {
                        "name": "并联审批",
                        "branches": [
                            {"office": b, "steps": [{"name": b, "actor": "", "days": None,
                                                     "description": ""}]}
                            for b in branches
                        ],
                    },
                }
            )  # fmt: skip
            continue
        special = SPECIAL_STEP.match(part)
        if special:
            name, days, unit, counts = special.groups()
            blocks.append(
                {
                    "type": "special",
                    "value": {
                        "name": name,
                        "days": int(days),
                        "day_unit": unit,
                        "counts_toward_limit": counts == "计入时限",
                    },
                }
            )
            continue
        if any(ch in part for ch in "()[]|"):
            raise CellError(f"环节“{part[:40]}”格式不正确。")
        blocks.append(
            {"type": "step", "value": {"name": part, "actor": "", "days": None, "description": ""}}
        )
    return blocks


def render_procedure(blocks):
    """The flowchart notation of a procedure (StreamValue or raw block data)."""
    raw = blocks.raw_data if hasattr(blocks, "raw_data") else blocks
    parts = []
    for block in raw or []:
        value = block["value"]
        if block["type"] == "parallel":
            names = [b.get("office") or b["steps"][0]["name"] for b in value["branches"]]
            parts.append(f"[{'|'.join(names)}]")
        elif block["type"] == "special":
            counts = "计入时限" if value.get("counts_toward_limit") else "不计入时限"
            parts.append(f"{value['name']}({value['days']}个{value['day_unit']},{counts})")
        else:
            parts.append(value["name"])
    return "→".join(parts)


LAW = re.compile(r"^(《[^》]+》)(.*)$")


def parse_legal_bases(value):
    bases = []
    for part in split_list(value, "；;"):
        match = LAW.match(part)
        if match:
            bases.append({"name": match.group(1), "article": match.group(2).strip()})
        else:
            bases.append({"name": part, "article": ""})
    return bases


def render_legal_bases(bases):
    return "；".join(f"{_get(b, 'name')}{_get(b, 'article')}" for b in bases)


def parse_time_unit(value):
    text = normalise(value) or TIME_UNITS[0]
    if text not in TIME_UNITS:
        raise CellError(f"应为“工作日”或“自然日”，实际为“{text[:20]}”。")
    return text


ONLINE_DEPTH_NAMES = {name: level for level, name in ONLINE_DEPTHS.items()}


def parse_online_depth(value):
    text = normalise(value)
    if text in ONLINE_DEPTH_NAMES:
        return ONLINE_DEPTH_NAMES[text]
    if text in ("1", "2", "3", "4"):
        return int(text)
    raise CellError(f"应为一级至四级，实际为“{text[:20] or '空'}”。")


def render_online_depth(level):
    return ONLINE_DEPTHS.get(level, "")
