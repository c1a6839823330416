"""Read department spreadsheets (.xlsx, .xls, .csv) into rows keyed by the canonical header.

The format is decided by the file's content, not its name. Real files carry a merged title
row above the header, blank rows, trailing 注 rows and merged cells: the header is the first
row holding the key column, merged cells take the value of their top-left cell, and only
rows with an integer 序号 (or, lacking that column, a non-empty key) are data. Everything
skipped is reported with its line number. Limits on size, rows and decompressed size are
checked before or while parsing, so a hostile file cannot exhaust the server.
"""

import csv
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext

from . import xlsx
from .columns import COLUMNS, DERIVED_COLUMNS, KEY_COLUMN, SERIAL_COLUMN, canonical, header_unit
from .formulas import unescape_csv_cell
from .text import normalise, number_text

HEADER_SEARCH_ROWS = 20
MAX_COLUMNS = 200
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def limit(name):
    return settings.IMPORTERS_LIMITS[name]


def bounds():
    """What a workbook may claim: header search, data rows and the notes around them."""
    return xlsx.Bounds(
        lines=2 * limit("max_rows") + 1000, columns=MAX_COLUMNS,
        merges=limit("max_merges"), merged_cells=limit("max_merged_cells"),
    )  # fmt: skip


class SheetError(ValueError):
    """The file as a whole cannot be read; nothing in it is imported."""


@dataclass
class SheetRow:
    line: int
    values: dict
    # Columns whose cell is a formula (its text, or "" when the format does not keep it).
    formulas: dict = field(default_factory=dict)
    # Problems found with a cell before its row is parsed: column → message.
    errors: dict = field(default_factory=dict)


@dataclass
class Sheet:
    header: list
    rows: list
    skipped: list = field(default_factory=list)
    unknown_columns: list = field(default_factory=list)
    units: dict = field(default_factory=dict)
    format: str = ""
    mapped: dict = field(default_factory=dict)  # unknown header → (column, how), header_maps
    others: dict = field(default_factory=dict)  # further sheets asked for: name → Sheet


def read_sheet(source, name=None, also=()):
    """Read the first sheet of a path or bytes. `name` (the uploaded file name) only shapes
    error messages. Workbook sheets named in `also` are read too, into `Sheet.others`."""
    if isinstance(source, str | Path):
        path = Path(source)
        name = name or path.name
        if path.stat().st_size > limit("max_bytes"):
            raise SheetError(_too_big(path.stat().st_size))
        data = path.read_bytes()
    else:
        data = bytes(source)
    name = name or ""
    if len(data) > limit("max_bytes"):
        raise SheetError(_too_big(len(data)))
    if not data.strip():
        raise SheetError(gettext("文件是空的。"))
    if data.startswith(ZIP_MAGIC):
        return _with_others(data, _read_xlsx, "xlsx", also)
    if data.startswith(XLS_MAGIC):
        return _with_others(data, _read_xls, "xls", also)
    if name.lower().endswith(SPREADSHEET_SUFFIXES):
        raise SheetError(
            gettext(
                "文件“%(name)s”的扩展名是电子表格，但内容不是 Excel 工作簿"
                "（可能是改了扩展名的其他文件）。"
            )
            % {"name": name}
        )
    return _read_csv(data)


def _with_others(data, read, file_format, also):
    sheet = _rows_to_sheet(read(data), file_format)
    present = _sheet_titles(data, file_format)[1:] if also else []
    for other in also:
        if other not in present:
            continue
        try:
            sheet.others[other] = _rows_to_sheet(read(data, other), file_format)
        except SheetError as error:
            raise SheetError(
                gettext("工作表“%(other)s”：%(error)s") % {"other": other, "error": error}
            ) from None
    return sheet


def _sheet_titles(data, file_format):
    if file_format == "xlsx":
        archive = zipfile.ZipFile(io.BytesIO(data))
        return [title.strip() for title, _ in xlsx.sheet_paths(archive)]
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    try:
        return [title.strip() for title in book.sheet_names()]
    finally:
        book.release_resources()


def _too_big(size):
    cap = limit("max_bytes")
    return gettext("文件大小 %(n)s MB，超过 %(n2)s MB 的上限。") % {
        "n": format(size / 1048576, ".1f"),
        "n2": format(cap / 1048576, ".0f"),
    }


def _read_xlsx(data, sheet_name=None):
    """Rows of the first sheet, or of the sheet named (which must exist)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise SheetError(gettext("文件已损坏，无法作为 Excel 工作簿打开。")) from None
    if "xl/workbook.xml" not in names:
        raise SheetError(gettext("文件是压缩包，但不是 Excel 工作簿（.xlsx）。"))
    _check_decompressed_size(archive)
    limits = bounds()
    try:
        paths = xlsx.sheet_paths(archive)
        if sheet_name is not None:
            paths = [(title, path) for title, path in paths[1:] if title.strip() == sheet_name]
        path = paths[0][1]
        if path not in names:
            raise SheetError(gettext("工作簿中没有工作表。"))
        strings = xlsx.shared_strings(archive)
        merges = xlsx.merged_ranges(archive, path, limits)
        yield from _fill_merged(xlsx.iter_rows(archive, path, strings, limits), merges)
    except (expat.ExpatError, KeyError, xlsx.WorkbookError) as error:
        raise SheetError(gettext("Excel 工作簿无法读取：%(error)s。") % {"error": error}) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise SheetError(gettext("Excel 工作簿已损坏或已加密，无法读取。")) from None


def _check_decompressed_size(archive):
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 10 * 1048576 and ratio > limit("max_compression_ratio"):
            raise SheetError(
                gettext(
                    "工作簿中的“%(filename)s”解压后 %(n)s MB，压缩比 %(ratio)s 倍，"
                    "疑似压缩炸弹，已拒绝。"
                )
                % {
                    "filename": info.filename,
                    "n": format(info.file_size / 1048576, ".0f"),
                    "ratio": format(ratio, ".0f"),
                }
            )
    if total > limit("max_decompressed_bytes"):
        raise SheetError(
            gettext("工作簿解压后 %(n)s MB，超过 %(n2)s MB 的上限。")
            % {
                "n": format(total / 1048576, ".0f"),
                "n2": format(limit("max_decompressed_bytes") / 1048576, ".0f"),
            }
        )


def _fill_merged(rows, merges):
    """Give every cell of a merged range the value of its top-left cell (1-based ranges)."""
    by_first_row = {}
    for r1, c1, r2, c2 in merges:
        by_first_row.setdefault(r1, []).append((c1, r2, c2))
    active = []
    for line, row in enumerate(rows, start=1):
        for c1, r2, c2 in by_first_row.pop(line, ()):
            value = row[c1 - 1] if c1 - 1 < len(row) else None
            active.append((c1, r2, c2, value))
        active = [m for m in active if m[1] >= line]
        for c1, _, c2, value in active:
            if c2 > len(row):
                row.extend([None] * (c2 - len(row)))
            for col in range(c1, c2 + 1):
                if row[col - 1] in (None, ""):
                    row[col - 1] = value
        yield row


def _read_xls(data, sheet_name=None):
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as error:  # xlrd raises XLRDError, CompDocError, struct errors…
        raise SheetError(
            gettext("Excel 97-2003 工作簿（.xls）无法读取：%(error)s。") % {"error": error}
        ) from None
    try:
        if book.nsheets == 0:
            raise SheetError(gettext("工作簿中没有工作表。"))
        index = 0
        if sheet_name is not None:
            index = [title.strip() for title in book.sheet_names()].index(sheet_name, 1)
        sheet = book.sheet_by_index(index)
        limits = bounds()
        if sheet.nrows > limits.lines:
            raise SheetError(
                gettext("工作表有%(nrows)s行，超过%(lines)s行的上限。")
                % {"nrows": format(sheet.nrows, ","), "lines": format(limits.lines, ",")}
            )
        merges = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sheet.merged_cells]
        merged = sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in merges)
        if len(merges) > limits.merges or merged > limits.merged_cells:
            raise SheetError(gettext("工作表中合并单元格过多，无法读取。"))
        formulas = _xls_formula_cells(book, index)
        columns = min(sheet.ncols, limits.columns)
        rows = (
            [_xls_value(sheet.cell(r, c), (r, c) in formulas) for c in range(columns)]
            for r in range(sheet.nrows)
        )
        yield from _fill_merged(rows, merges)
    finally:
        book.release_resources()


def _xls_value(cell, is_formula):
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        value = None
    else:
        value = cell.value
    return xlsx.Formula("", value) if is_formula else value


FORMULA_RECORD, BOF_RECORDS, EOF_RECORD = 0x0006, (0x0809, 0x0409, 0x0209, 0x0009), 0x000A


def _xls_formula_cells(book, index):
    """(row, column) of the formula cells of a sheet. xlrd reads only a formula's cached
    result, so the sheet's BIFF records are walked for FORMULA records."""
    data, position = book.mem, book._sh_abs_posn[index]
    cells, depth = set(), 0
    while position + 4 <= len(data):
        code, length = struct.unpack_from("<HH", data, position)
        body = position + 4
        if code in BOF_RECORDS:
            depth += 1
        elif code == EOF_RECORD:
            depth -= 1
            if depth <= 0:
                break
        elif code == FORMULA_RECORD and depth == 1 and length >= 4:
            cells.add(struct.unpack_from("<HH", data, body))
        position = body + length
    return cells


def _decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data[:8192]:
        raise SheetError(gettext("文件不是文本表格（CSV），也不是 Excel 工作簿。"))
    for encoding, label in (("utf-8", "UTF-8"), ("gb18030", "GB18030")):
        try:
            return data.decode(encoding), label
        except UnicodeDecodeError:
            continue
    raise SheetError(gettext("无法识别 CSV 文件的编码（支持 UTF-8、UTF-8 BOM、GB18030/GBK）。"))


def _read_csv(data):
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError:
        raise SheetError(gettext("CSV 文件的编码与其 BOM 不符，无法读取。")) from None
    csv.field_size_limit(limit("max_bytes"))
    delimiter = _sniff_delimiter(text)

    def rows():
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for row in reader:
                yield [unescape_csv_cell(cell) for cell in row]
        except csv.Error as error:
            raise SheetError(
                gettext("CSV 第%(line_num)s行格式错误：%(error)s。")
                % {"line_num": reader.line_num, "error": error}
            ) from None

    sheet = _rows_to_sheet(
        rows(),
        gettext("csv（%(encoding)s，分隔符“%(delimiter)s”）")
        % {"encoding": encoding, "delimiter": delimiter},
    )
    return sheet


def _sniff_delimiter(text):
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    for delimiter in (",", ";", "\t"):
        try:
            rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        if any(KEY_COLUMN in {canonical(c) for c in row} for row in rows):
            return delimiter
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def _check_duplicate_columns(names):
    seen = set()
    for name in names:
        if name in seen and name in COLUMNS:
            raise SheetError(
                gettext("表头中“%(name)s”列出现了不止一次（含别名），请只保留一列。")
                % {"name": name}
            )
        seen.add(name)


def _formula_columns(header, formulas):
    """Formulas in columns whose content is stored; 序号 and the derived columns are often
    computed (=ROW()-2) and only their result is read."""
    found = {}
    for index, text in formulas.items():
        name = header[index] if index < len(header) else ""
        if name and name not in DERIVED_COLUMNS:
            found[name] = text
    return found


def is_serial(text):
    return re.fullmatch(r"[0-9]+", number_text(text)) is not None


def _rows_to_sheet(raw_rows, file_format):
    header = None
    units = {}
    rows, skipped = [], []
    seen_any = False
    max_lines = bounds().lines
    for line, raw in enumerate(raw_rows, start=1):
        if len(raw) > MAX_COLUMNS:
            raw = raw[:MAX_COLUMNS]
        if line > max_lines:
            raise SheetError(
                gettext("文件超过 %(value)s 行的上限，请按部门拆分文件。")
                % {"value": limit("max_rows")}
            )
        formulas = {i: v.text for i, v in enumerate(raw) if isinstance(v, xlsx.Formula)}
        cells = [normalise(v.cached if isinstance(v, xlsx.Formula) else v) for v in raw]
        if any(cells):
            seen_any = True
        if header is None:
            names = [canonical(c) for c in cells]
            if KEY_COLUMN in names:
                header = names
                _check_duplicate_columns(names)
                units = {n: u for n, c in zip(names, cells, strict=False) if (u := header_unit(c))}
            elif line >= HEADER_SEARCH_ROWS:
                break
            elif any(cells):
                skipped.append((line, gettext("表头前的标题行")))
            continue
        if not any(cells):
            skipped.append((line, gettext("空行")))
            continue
        values = dict(zip(header, cells, strict=False))
        if SERIAL_COLUMN in header and not is_serial(values.get(SERIAL_COLUMN, "")):
            # i18n: data
            reason = (
                gettext("说明行")
                if cells[0].startswith("注")
                else gettext("序号不是整数的非数据行")
            )
            skipped.append((line, reason))
            continue
        if SERIAL_COLUMN not in header and not values.get(KEY_COLUMN):
            skipped.append((line, gettext("没有实施编码的非数据行")))
            continue
        rows.append(SheetRow(line=line, values=values, formulas=_formula_columns(header, formulas)))
        if len(rows) > limit("max_rows"):
            raise SheetError(
                gettext("数据超过 %(value)s 行的上限，请按部门拆分文件。")
                % {"value": limit("max_rows")}
            )
    if not seen_any:
        raise SheetError(gettext("工作簿是空的，没有任何内容。"))
    if header is None:
        raise SheetError(
            gettext("在前%(header_search_rows)s行中没有找到表头：表头须包含“%(key_column)s”列。")
            % {"header_search_rows": HEADER_SEARCH_ROWS, "key_column": KEY_COLUMN}
        )
    if not rows:
        raise SheetError(gettext("文件只有表头，没有事项数据。"))
    known = set(COLUMNS)
    unknown = [name for name in dict.fromkeys(header) if name and name not in known]
    return Sheet(header=header, rows=rows, skipped=skipped, unknown_columns=unknown,
                 units=units, format=file_format)  # fmt: skip
