"""Batch spreadsheets (第N批“最多跑一次”事项清单): title row, header, one matter per row.

Columns: 序号 | 实施编码 | 事项名称 | 实施主体 | 到办事现场次数 | 公布日期 | 备注, and optionally
the figures before the reform (改革前到现场次数, 改革前环节数, 改革前材料数, 改革前法定办结时限,
改革前承诺办结时限) that the release compares with; other columns are ignored, so the portal's
own batch export reads back in.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from spreadsheets.reader import read_sheet

from .release import chunks


class BatchSheetError(ValueError):
    pass


@dataclass
class BatchSheetRow:
    line: int
    code: str
    title: str
    note: str
    published: datetime.date | None
    baseline: dict = field(default_factory=dict)


@dataclass
class BatchSheet:
    title: str
    rows: list = field(default_factory=list)

    @property
    def published(self):
        dates = sorted({row.published for row in self.rows if row.published})
        return dates[-1] if dates else None


EXCEL_EPOCH = datetime.date(1899, 12, 30)


def _date(text):
    """ISO text (CSV, exports) or an Excel date serial, which is what a date cell holds."""
    if not text:
        return None
    try:
        if text.replace(".", "", 1).isdigit():
            return EXCEL_EPOCH + datetime.timedelta(days=int(float(text)))
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _title(data):
    """The merged title cell above the header, when there is one (xlsx only)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        first = next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True), ())
    finally:
        workbook.close()
    cells = [str(c).strip() for c in first if c not in (None, "")]
    return cells[0] if len(cells) == 1 else ""


def read_batch_sheet(source, name=None):
    """A path, or the bytes of an upload with its file name."""
    if isinstance(source, str | Path):
        name = name or Path(source).name
        source = Path(source).read_bytes()
    suffix = Path(name or "").suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise BatchSheetError(_("请上传 .xlsx 或 .csv 格式的批次清单。"))
    try:
        sheet = read_sheet(source, name=name)
        title = _title(source) if suffix == ".xlsx" else ""
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise BatchSheetError(_("无法读取表格，请确认是有效的 .xlsx 或 .csv 文件。")) from error
    except ValueError as error:
        raise BatchSheetError(str(error)) from error
    result = BatchSheet(title=title)
    errors = []
    for row in sheet.rows:
        values = row.values
        # i18n: data
        result.rows.append(
            BatchSheetRow(
                line=row.line, code=values.get("实施编码", ""), title=values.get("事项名称", ""),
                note=values.get("备注", ""), published=_date(values.get("公布日期", "")),
                baseline=_baseline(row.line, values, errors),
            )
        )  # fmt: skip
    if errors:
        raise BatchSheetError(_("清单有误，未做任何修改：") + "".join(errors[:30]))
    if not result.rows:
        raise BatchSheetError(_("表格中没有事项行（序号应为数字）。"))
    return result


# Column → the figure it states before the reform (reform.figures names).
# i18n: data
BASELINE_COLUMNS = {
    "改革前到现场次数": "visits",
    "改革前环节数": "steps",
    "改革前材料数": "materials",
    "改革前法定办结时限": "statutory_days",
    "改革前承诺办结时限": "promised_days",
}
# i18n: data
_COUNT = re.compile(r"^(\d{1,5})\s*(?:个)?\s*(?:工作日|自然日|日|天|次|项)?$")


def _baseline(line, values, errors):
    baseline = {}
    for column, name in BASELINE_COLUMNS.items():
        text = (values.get(column) or "").strip()
        if not text:
            continue
        found = _COUNT.match(text)
        if found is None:
            errors.append(
                _("第%(line)d行【%(column)s】应为整数，实际为“%(value)s”。")
                % {"line": line, "column": column, "value": text[:20]}
            )
        else:
            baseline[name] = int(found.group(1))
    return baseline


def member_baselines(sheet, entries):
    """{matter id: the pre-reform figures its row states}, for resolve()'s entries."""
    return {
        matter_id: row.baseline
        for (matter_id, _note), row in zip(entries, sheet.rows, strict=True)
        if row.baseline
    }


def read_uploaded_batch_sheet(upload):
    """An uploaded file (Django UploadedFile)."""
    return read_batch_sheet(upload.read(), name=upload.name)


def resolve(sheet):
    """[(matter id, note)] in sheet order; BatchSheetError naming every bad row."""
    from cms_pages.models import MatterPage

    found = {}
    for part in chunks(row.code for row in sheet.rows):
        found.update(MatterPage.objects.filter(code__in=part).values_list("code", "id"))
    errors, seen, entries = [], set(), []
    for row in sheet.rows:
        if not row.code:
            errors.append(_("第%(line)d行：实施编码为空。") % {"line": row.line})
        elif row.code in seen:
            errors.append(
                _("第%(line)d行：实施编码“%(code)s”重复。") % {"line": row.line, "code": row.code}
            )
        elif row.code not in found:
            errors.append(
                _("第%(line)d行：实施编码“%(code)s”（%(title)s）不在事项目录中。")
                % {"line": row.line, "code": row.code, "title": row.title}
            )
        else:
            entries.append((found[row.code], row.note))
        seen.add(row.code)
    if errors:
        raise BatchSheetError(_("清单有误，未做任何修改：") + "".join(errors[:30]))
    return entries
