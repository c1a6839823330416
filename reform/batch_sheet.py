"""Batch spreadsheets (第N批“最多跑一次”事项清单): title row, header, one matter per row.

Columns: 序号 | 实施编码 | 事项名称 | 实施主体 | 到办事现场次数 | 公布日期 | 备注 (more are
ignored, so the portal's own batch export reads back in).
"""

import datetime
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from importers.sheets import read_sheet

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


@dataclass
class BatchSheet:
    title: str
    rows: list = field(default_factory=list)

    @property
    def published(self):
        dates = sorted({row.published for row in self.rows if row.published})
        return dates[-1] if dates else None


def _date(text):
    try:
        return datetime.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _title(path):
    """The merged title cell above the header, when there is one (xlsx only)."""
    if path.suffix.lower() != ".xlsx":
        return ""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        first = next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True), ())
    finally:
        workbook.close()
    cells = [str(c).strip() for c in first if c not in (None, "")]
    return cells[0] if len(cells) == 1 else ""


def read_batch_sheet(path):
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise BatchSheetError(_("请上传 .xlsx 或 .csv 格式的批次清单。"))
    try:
        sheet = read_sheet(path)
        title = _title(path)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise BatchSheetError(_("无法读取表格，请确认是有效的 .xlsx 或 .csv 文件。")) from error
    except ValueError as error:
        raise BatchSheetError(str(error)) from error
    result = BatchSheet(title=title)
    for row in sheet.rows:
        values = row.values
        result.rows.append(
            BatchSheetRow(
                line=row.line, code=values.get("实施编码", ""), title=values.get("事项名称", ""),
                note=values.get("备注", ""), published=_date(values.get("公布日期", "")),
            )
        )  # fmt: skip
    if not result.rows:
        raise BatchSheetError(_("表格中没有事项行（序号应为数字）。"))
    return result


def read_uploaded_batch_sheet(upload):
    """An uploaded file (Django UploadedFile), through a temporary file with its suffix."""
    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        return read_batch_sheet(handle.name)


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
