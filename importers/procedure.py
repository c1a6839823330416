"""The 办理流程 cell: steps joined by →, into the `procedure` StreamField and back.

    受理（窗口，即时）→审查（审批科，3个工作日）→[规划审查|人防审查]→公示(7个自然日,不计入时限)→决定

- A step may end with its handler and time, as the national guide gives them:
  `（办理人，时限）` or `（时限）`, time being 即时 or `N个工作日` / `N个自然日` / `N天`.
- `[分支|分支]` is a parallel stage; each branch is one step (it may carry handler and time).
- Only a trailing ASCII `(N个工作日,不计入时限)` makes a special step (公示, 听证 …).
- Every other bracket belongs to the name and is kept exactly as written: `乡（镇）人民政府初审`.
"""

import re

from django.utils.translation import gettext

from cms_pages.taxonomy import TIME_UNITS
from spreadsheets.text import last_bracket_group, normalise

from .cells import CellError

WORKING_DAY, NATURAL_DAY = TIME_UNITS
ARROW = "→"
# i18n: data
SPECIAL_STEP = re.compile(r"^(.+?)\((\d+)个(工作日|自然日),(不计入时限|计入时限)\)$")
# i18n: data
LOOKS_SPECIAL = re.compile(
    r"[（(]\s*\d+\s*个?(?:工作日|自然日|天|日)\s*[，,]\s*(?:不)?计入时限\s*[)）]$"
)
# i18n: data
IMMEDIATE = ("即时", "即办", "当场", "当场办结", "立即", "即时办结")
# i18n: data
TIME = re.compile(r"^(\d+)\s*个?\s*(工作日|自然日|天|日)$")
NAME_CAP, ACTOR_CAP = 60, 100


def parse_procedure(value, unit=None, notes=None):
    """StreamField block data. `unit` (the row's 时限单位), when known, must agree with the
    units written on steps; warnings go to `notes`."""
    text = normalise(value)
    if not text:
        return []
    blocks = []
    for raw in text.split(ARROW):
        part = raw.strip()
        if not part:
            raise CellError(
                gettext("有空环节（连续的“%(arrow)s”，或以“%(arrow2)s”开头或结尾）。")
                % {"arrow": ARROW, "arrow2": ARROW}
            )
        if part.startswith("["):
            blocks.append(_parallel(part, unit))
            continue
        special = SPECIAL_STEP.match(part)
        if special:
            name, days, day_unit, counts = special.groups()
            # i18n: data
            blocks.append(
                {
                    "type": "special",
                    "value": {
                        "name": _name(name),
                        "days": int(days),
                        "day_unit": day_unit,
                        "counts_toward_limit": counts == "计入时限",
                    },
                }
            )
            continue
        if any(ch in part for ch in "[]|"):
            raise CellError(
                gettext("环节“%(part)s”中有“[”“]”或“|”，并联审批应写作“[分支|分支]”。")
                % {"part": part[:40]}
            )
        step = _step(part, unit)
        if notes is not None and step["days"] is None and LOOKS_SPECIAL.search(part):
            notes.append(
                gettext(
                    "环节“%(part)s”像特别程序，但特别程序须以半角括号和逗号书写，如“公示(7个自然日,不计入时限)”；已按环节名称保存。"
                )
                % {"part": part[:40]}
            )
        blocks.append({"type": "step", "value": step})
    return blocks


def _parallel(part, unit):
    if not part.endswith("]"):
        raise CellError(gettext("并联阶段“%(part)s”缺少“]”。") % {"part": part[:40]})
    branches = [b.strip() for b in part[1:-1].split("|")]
    if len(branches) < 2 or not all(branches):
        raise CellError(gettext("并联阶段“%(part)s”至少需要两个非空分支。") % {"part": part[:40]})
    steps = [_step(branch, unit) for branch in branches]
    # i18n: data
    return {
        "type": "parallel",
        "value": {
            "name": "并联审批",
            "branches": [{"office": step["name"], "steps": [step]} for step in steps],
        },
    }


def _step(part, unit):
    """`名称（办理人，时限）`, `名称（时限）` or a plain name (brackets and all)."""
    name, actor, days = part, "", None
    group = last_bracket_group(part)
    if group is not None:
        start, inner = group
        timing = _timing(inner, unit, part)
        if timing is not None:
            actor, days = timing
            name = part[:start].strip()
    if ASCII_SPECIAL_WORDS.search(name):
        raise CellError(
            gettext("环节“%(part)s”的括号格式不正确：特别程序应写作“公示(7个自然日,不计入时限)”。")
            % {"part": part[:40]}
        )
    if len(actor) > ACTOR_CAP:
        raise CellError(
            gettext("环节“%(name)s”的办理人超过%(actor_cap)s个字。")
            % {"name": name[:20], "actor_cap": ACTOR_CAP}
        )
    return {"name": _name(name), "actor": actor, "days": days, "description": ""}


# An ASCII annotation that names a limit but did not parse as a special step is a typo.
# i18n: data
ASCII_SPECIAL_WORDS = re.compile(r"\([^()]*(?:计入时限|个工作日|个自然日)[^()]*\)$")


def _timing(inner, unit, part):
    """(handler, days) from the inside of a closing bracket group, or None for a name."""
    actor, _, when = inner.rpartition("，" if "，" in inner else ",")
    when = when.strip()
    if when in IMMEDIATE:
        return actor.strip(), 0
    match = TIME.match(when)
    if match is None:
        # i18n: data
        if re.fullmatch(r"\d+\.\d+\s*个?(?:工作日|自然日|天|日)", when):
            raise CellError(gettext("环节“%(part)s”的时限须为整数天。") % {"part": part[:40]})
        return None
    days, written = int(match.group(1)), match.group(2)
    if unit and written in TIME_UNITS and written != unit:
        raise CellError(
            gettext("环节“%(part)s”的时限单位“%(written)s”与本事项的时限单位“%(unit)s”不一致。")
            % {"part": part[:40], "written": written, "unit": unit}
        )
    return actor.strip(), days


def _name(name):
    name = name.strip()
    if not name:
        raise CellError(gettext("有环节没有名称。"))
    if len(name) > NAME_CAP:
        raise CellError(
            gettext("环节名称“%(name)s…”超过%(name_cap)s个字。")
            % {"name": name[:20], "name_cap": NAME_CAP}
        )
    return name


def render_procedure(blocks, unit=WORKING_DAY):
    """The flowchart notation of a procedure (StreamValue or raw block data)."""
    raw = blocks.raw_data if hasattr(blocks, "raw_data") else blocks
    parts = []
    for block in raw or []:
        value = block["value"]
        if block["type"] == "parallel":
            parts.append(f"[{'|'.join(_branch(b, unit) for b in value['branches'])}]")
        elif block["type"] == "special":
            # i18n: data (the import format, read back by parse_procedure)
            counts = "计入时限" if value.get("counts_toward_limit") else "不计入时限"
            # i18n: data
            parts.append(f"{value['name']}({value['days']}个{value['day_unit']},{counts})")
        else:
            parts.append(_render_step(value, unit))
    return ARROW.join(parts)


def _branch(branch, unit):
    steps = branch.get("steps") or []
    office = branch.get("office") or (steps[0]["name"] if steps else "")
    if len(steps) == 1 and steps[0].get("name") == office:
        return _render_step(steps[0], unit)
    return office


def _render_step(step, unit):
    name, actor, days = step.get("name", ""), (step.get("actor") or "").strip(), step.get("days")
    if days is None:
        return name
    # i18n: data (the import format, read back by parse_procedure)
    when = "即时" if days == 0 else f"{days}个{unit}"
    return f"{name}（{actor}，{when}）" if actor else f"{name}（{when}）"
