"""Reading a sheet other than the matter catalogue (e.g. the departments sheet) with the same
bounded readers: the file's content decides the format, size and decompressed-size limits are
checked first, merged cells are filled; the header is the first of the first rows that names
the layout's key column, and every later row with a key is data (others are reported)."""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from . import reader, xlsx
from .formulas import unescape_csv_cell
from .text import normalise


@dataclass(frozen=True)
class Layout:
    key: str  # the column every data row fills in, and that finds the header
    columns: tuple  # canonical names, in template order
    aliases: dict = field(default_factory=dict)  # wordings seen in real sheets → canonical


@dataclass
class Table:
    header: list
    rows: list  # reader.SheetRow
    skipped: list = field(default_factory=list)
    unknown_columns: list = field(default_factory=list)
    format: str = ""


# i18n: data
_MARKS = re.compile(r"^[*＊]+|[*＊]+$|[（(]必填[)）]$")


def canonical(cell, layout):
    text = _MARKS.sub("", re.sub(r"\s+", "", normalise(cell)))
    return layout.aliases.get(text, text)


def read_table(source, layout, name=""):
    """A path or bytes as a Table; raises reader.SheetError for a file that cannot be read."""
    if isinstance(source, str | Path):
        name = name or Path(source).name
        source = Path(source).read_bytes()
    data = bytes(source)
    if len(data) > reader.limit("max_bytes"):
        raise reader.SheetError(reader._too_big(len(data)))
    if not data.strip():
        raise reader.SheetError(_("文件是空的。"))
    if data.startswith(reader.ZIP_MAGIC):
        return _table(reader._read_xlsx(data), layout, "xlsx")
    if data.startswith(reader.XLS_MAGIC):
        return _table(reader._read_xls(data), layout, "xls")
    if name.lower().endswith(reader.SPREADSHEET_SUFFIXES):
        raise reader.SheetError(
            _("文件“%(name)s”的扩展名是电子表格，但内容不是 Excel 工作簿。") % {"name": name}
        )
    try:
        text, encoding = reader._decode(data)
    except UnicodeDecodeError:
        raise reader.SheetError(_("CSV 文件的编码与其 BOM 不符，无法读取。")) from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        cells = [[unescape_csv_cell(cell) for cell in row] for row in rows]
    except csv.Error as error:
        raise reader.SheetError(_("CSV 格式错误：%(error)s。") % {"error": error}) from None
    return _table(cells, layout, f"csv（{encoding}）")


def _table(raw_rows, layout, file_format):
    header, rows, skipped = None, [], []
    for line, raw in enumerate(raw_rows, start=1):
        if line > reader.bounds().lines:
            raise reader.SheetError(
                _("文件超过 %(value)s 行的上限。") % {"value": reader.limit("max_rows")}
            )
        raw = raw[: reader.MAX_COLUMNS]
        cells = [normalise(v.cached if isinstance(v, xlsx.Formula) else v) for v in raw]
        if header is None:
            names = [canonical(cell, layout) for cell in cells]
            if layout.key in names:
                header = names
                repeated = {n for n in names if n and names.count(n) > 1 and n in layout.columns}
                if repeated:
                    raise reader.SheetError(
                        _("表头中“%(repeated)s”列出现了不止一次。")
                        % {"repeated": "、".join(repeated)}
                    )
            elif line >= reader.HEADER_SEARCH_ROWS:
                break
            elif any(cells):
                skipped.append((line, _("表头前的标题行")))
            continue
        if not any(cells):
            skipped.append((line, _("空行")))
            continue
        values = dict(zip(header, cells, strict=False))
        if not values.get(layout.key):
            skipped.append((line, _("没有%(key)s的行") % {"key": layout.key}))
            continue
        rows.append(reader.SheetRow(line=line, values=values))
    if header is None:
        raise reader.SheetError(
            _("在前%(header_search_rows)s行中没有找到表头：表头须包含“%(key)s”列。")
            % {"header_search_rows": reader.HEADER_SEARCH_ROWS, "key": layout.key}
        )
    if not rows:
        raise reader.SheetError(_("文件只有表头，没有数据。"))
    unknown = [n for n in dict.fromkeys(header) if n and n not in layout.columns]
    return Table(header=header, rows=rows, skipped=skipped, unknown_columns=unknown,
                 format=file_format)  # fmt: skip
