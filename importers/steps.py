"""The 办理环节 sheet: a procedure too long for one cell, one step per row.

    实施编码 | 环节名称 | 办理人 | 办理时限 | 并联分组 | 特别程序

Rows of one matter, in order, become the 办理流程 notation of procedure.py: 办理时限 is 即时 or
`N个工作日`; rows next to each other with the same 并联分组 form one parallel stage (one branch
each); 特别程序 `计入时限` / `不计入时限` makes a special step (公示, 听证 …). The matter's row
then reads as if its 办理流程 cell said so; a cell that says something else is an error, so
the two never silently disagree. Exports write the procedure back into the cell.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from spreadsheets.columns import KEY_COLUMN
from spreadsheets.text import normalise, number_text

# i18n: data
STEP_SHEETS = ("办理环节", "环节", "办理流程")
# i18n: data
PROCEDURE_COLUMN = "办理流程"
# i18n: data
FIELDS = {
    "name": ("环节名称", "环节", "步骤名称", "办理环节"),
    "actor": ("办理人", "办理人员", "办理岗位", "承办人", "办理机构", "环节办理人"),
    "time": ("办理时限", "环节时限", "时限"),
    "group": ("并联分组", "并联", "并联组"),
    "special": ("特别程序", "是否计入时限"),
}


def _field(values, name):
    for header in FIELDS[name]:
        if header in values:
            return normalise(values[header])
    return ""


def _step(values):
    name, actor, time = (_field(values, f) for f in ("name", "actor", "time"))
    special = _field(values, "special")
    # i18n: data
    if special in ("计入时限", "不计入时限"):
        return f"{name}({number_text(time)},{special})"
    if time and actor:
        return f"{name}（{actor}，{time}）"
    return f"{name}（{time}）" if time else name


def notation(rows):
    """The 办理流程 cell for one matter's rows of the sheet."""
    stages, group = [], None
    for values in rows:
        step, this = _step(values), _field(values, "group")
        if this and this == group:
            stages[-1].append(step)
        else:
            stages.append([step])
        group = this or None
    return "→".join(s[0] if len(s) == 1 else f"[{'|'.join(s)}]" for s in stages)


def merge(sheet):
    """Put each matter's steps from the 办理环节 sheet into its 办理流程 cell."""
    steps_sheet = next((sheet.others[n] for n in STEP_SHEETS if n in sheet.others), None)
    if steps_sheet is None:
        return sheet
    by_code, first_line = defaultdict(list), {}
    for row in steps_sheet.rows:
        code = number_text(row.values.get(KEY_COLUMN))
        by_code[code].append(row.values)
        first_line.setdefault(code, row.line)
    if PROCEDURE_COLUMN not in sheet.header:
        sheet.header.append(PROCEDURE_COLUMN)
    for row in sheet.rows:
        code = number_text(row.values.get(KEY_COLUMN))
        if code not in by_code:
            continue
        text, cell = notation(by_code.pop(code)), normalise(row.values.get(PROCEDURE_COLUMN))
        if not cell:
            row.values[PROCEDURE_COLUMN] = text
        elif cell != text:
            row.errors[PROCEDURE_COLUMN] = _(
                "与“办理环节”工作表第%(value)s行起的环节不一致，请只在一处填写（表格中留空则以工作表为准）。"
            ) % {"value": first_line[code]}
    for code in by_code:
        sheet.skipped.append(
            (
                first_line[code],
                _("“办理环节”工作表中实施编码“%(code)s”不在事项清单中") % {"code": code[:40]},
            )
        )
    return sheet
