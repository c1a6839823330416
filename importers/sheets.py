"""Read department spreadsheets (.xlsx, .csv) into rows keyed by the canonical header.

Real files carry a merged title row above the header and a trailing 注 row; the header is
found by looking for the key column, and only rows with an integer 序号 (or, lacking that
column, a non-empty key) are data.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .cells import normalise

KEY_COLUMN = "实施编码"
HEADER_ALIASES = {
    "事项编码": "实施编码",
    "实施清单编码": "实施编码",
    "实施主体名称": "实施主体",
    "承诺时限（工作日）": "承诺办结时限",
    "承诺时限": "承诺办结时限",
    "法定时限": "法定办结时限",
    "到现场次数": "到办事现场次数",
    "收费情况": "是否收费",
}


@dataclass
class SheetRow:
    line: int
    values: dict


@dataclass
class Sheet:
    header: list
    rows: list
    skipped: list = field(default_factory=list)


def canonical(name):
    text = normalise(name).replace(" ", "")
    return HEADER_ALIASES.get(text, text)


def read_sheet(path):
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return _rows_to_sheet(_read_csv(path.read_bytes()))
    return _rows_to_sheet(_read_xlsx(path))


def _read_xlsx(path):
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _read_csv(raw):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("无法识别CSV文件编码（支持UTF-8、GB18030）。")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _rows_to_sheet(raw_rows):
    header = None
    rows, skipped = [], []
    for line, raw in enumerate(raw_rows, start=1):
        cells = [normalise(v) for v in raw]
        if header is None:
            names = [canonical(c) for c in cells]
            if KEY_COLUMN in names:
                header = names
            else:
                skipped.append((line, "表头前的标题行"))
            continue
        if not any(cells):
            skipped.append((line, "空行"))
            continue
        values = dict(zip(header, cells, strict=False))
        if "序号" in header and not values.get("序号", "").isdigit():
            skipped.append((line, "说明行" if cells[0].startswith("注") else "非数据行"))
            continue
        rows.append(SheetRow(line=line, values=values))
    if header is None:
        raise ValueError(f"未找到表头：文件中没有“{KEY_COLUMN}”列。")
    return Sheet(header=header, rows=rows, skipped=skipped)
