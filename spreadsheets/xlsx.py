"""A streaming reader for the worksheets of an .xlsx workbook: cell values only.

openpyxl's read-only mode builds an object per cell and per rich-text run, which makes a
12,000-row catalogue take many seconds to read. Imports need only what a cell shows: shared
and inline strings (phonetic runs left out), numbers and booleans. A formula cell comes out
as a `Formula` (its text and cached result), so the importer can refuse it by name instead
of storing what it happened to compute. Rows come out as lists indexed by column, with empty
lists for rows the file leaves out, so list positions match spreadsheet line numbers.

A tiny file can claim a huge sheet (`<row r="5000000">`, a cell in column ZZZZZZZ, merges
over a million cells), so row and column numbers and the merged area are checked against
`Bounds` while streaming, before anything is padded; a DOCTYPE (entity expansion) and
deeply nested XML are refused outright.
"""

import posixpath
import re
from dataclasses import dataclass
from xml.parsers import expat

from django.utils.translation import gettext as _

CHUNK = 1 << 20
MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"')
RELATIONSHIP_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships id"
# Excel's own sheet size; a reference beyond it did not come from a spreadsheet program.
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
MAX_DEPTH = 32  # a worksheet nests about six deep
ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


class WorkbookError(ValueError):
    pass


@dataclass(frozen=True)
class Bounds:
    """How much of a sheet is read: lines, columns (cells further right are dropped),
    merged ranges and the cells they cover together."""

    lines: int
    columns: int
    merges: int
    merged_cells: int


@dataclass(frozen=True)
class Formula:
    text: str  # "" when the format does not keep it (.xls)
    cached: object = None


def _local(name):
    return name.rsplit(" ", 1)[-1]


def _refuse_doctype(*args):
    raise WorkbookError(_("工作簿中含有 DOCTYPE 声明（Excel 不会写入），已拒绝"))


def _parse(start=None, end=None, text=None):
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    depth = [0]

    def started(name, attrs):
        depth[0] += 1
        if depth[0] > MAX_DEPTH:
            raise WorkbookError(
                _("工作簿的 XML 嵌套超过%(max_depth)s层，不是正常的 Excel 文件")
                % {"max_depth": MAX_DEPTH}
            )
        if start:
            start(name, attrs)

    def ended(name):
        depth[0] -= 1
        if end:
            end(name)

    parser.StartElementHandler = started
    parser.EndElementHandler = ended
    if text:
        parser.CharacterDataHandler = text
    return parser


def column_index(letters):
    if len(letters) > 3:
        raise WorkbookError(
            _("单元格列号“%(letters)s”超出 Excel 的范围") % {"letters": letters[:10]}
        )
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    if index > EXCEL_COLUMNS:
        raise WorkbookError(_("单元格列号“%(letters)s”超出 Excel 的范围") % {"letters": letters})
    return index


def row_number(text, bounds):
    if not text.isascii() or not text.isdigit() or int(text) > EXCEL_ROWS:
        raise WorkbookError(_("行号“%(text)s”超出 Excel 的范围") % {"text": text[:12]})
    number = int(text)
    if number > bounds.lines:
        raise WorkbookError(
            _("工作表写到了第%(number)s行，超过%(lines)s行的上限")
            % {"number": format(number, ","), "lines": format(bounds.lines, ",")}
        )
    return number


def sheet_paths(archive):
    """[(sheet name, part path)] in workbook order."""
    sheets, targets = [], {}

    def workbook_start(name, attrs):
        if _local(name) == "sheet":
            sheets.append((attrs.get("name", ""), attrs.get(RELATIONSHIP_ID)))

    def rels_start(name, attrs):
        if _local(name) == "Relationship":
            targets[attrs.get("Id")] = attrs.get("Target", "")

    _parse(start=workbook_start).Parse(archive.read("xl/workbook.xml"), True)
    rels = "xl/_rels/workbook.xml.rels"
    if rels in archive.namelist():
        _parse(start=rels_start).Parse(archive.read(rels), True)
    paths = []
    for name, rid in sheets:
        target = targets.get(rid)
        if target is not None:
            path = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            )
            paths.append((name, path))
    if not paths:
        raise WorkbookError(_("工作簿中没有工作表"))
    return paths


def unescape(text):
    """Excel writes characters XML cannot hold (a carriage return) as `_x000D_`."""
    if "_x" not in text:
        return text
    return ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def shared_strings(archive):
    path = "xl/sharedStrings.xml"
    if path not in archive.namelist():
        return []
    strings, parts = [], []
    depth = {"rPh": 0, "t": 0}

    def start(name, attrs):
        name = _local(name)
        if name in depth:
            depth[name] += 1
        elif name == "si":
            parts.clear()

    def end(name):
        name = _local(name)
        if name in depth:
            depth[name] -= 1
        elif name == "si":
            strings.append(unescape("".join(parts)))

    def text(data):
        if depth["t"] and not depth["rPh"]:
            parts.append(data)

    parser = _parse(start, end, text)
    with archive.open(path) as stream:
        parser.ParseFile(stream)
    return strings


def merged_ranges(archive, path, bounds):
    """(first row, first column, last row, last column) of merged ranges, 1-based, cut to
    the bounds; too many ranges, or too many cells under them, is an error."""
    merges, tail, area = set(), b"", 0
    with archive.open(path) as stream:
        while chunk := stream.read(CHUNK):
            buffer = tail + chunk
            for c1, r1, c2, r2 in MERGE.findall(buffer):
                first_row, first_column = int(r1), column_index(c1.decode())
                last_row = int(r2 or r1)
                last_column = column_index((c2 or c1).decode())
                if first_row > min(last_row, bounds.lines):
                    continue
                if first_column > min(last_column, bounds.columns):
                    continue
                merge = (first_row, first_column, min(last_row, bounds.lines),
                         min(last_column, bounds.columns))  # fmt: skip
                if merge in merges:
                    continue
                merges.add(merge)
                area += (merge[2] - merge[0] + 1) * (merge[3] - merge[1] + 1)
                if len(merges) > bounds.merges:
                    raise WorkbookError(
                        _("工作表中合并单元格超过%(merges)s处")
                        % {"merges": format(bounds.merges, ",")}
                    )
                if area > bounds.merged_cells:
                    raise WorkbookError(
                        _("工作表中合并单元格共覆盖超过%(merged_cells)s个单元格")
                        % {"merged_cells": format(bounds.merged_cells, ",")}
                    )
            cut = buffer.rfind(b"<")
            tail = buffer[cut:] if cut >= 0 else b""
    return sorted(merges)


def iter_rows(archive, path, strings, bounds):
    """Yield each row (a list of values) from line 1 on."""
    rows = []
    state = {"row": 0, "col": 0, "type": "n", "cells": {}, "capture": None, "phonetic": 0}
    parts, formula = [], []
    emitted = [0]

    def start(name, attrs):
        name = _local(name)
        if name == "c":
            ref = attrs.get("r")
            letters = ref.rstrip("0123456789") if ref else ""
            state["col"] = column_index(letters) if letters else state["col"] + 1
            if state["col"] > EXCEL_COLUMNS:
                raise WorkbookError(_("单元格超出 Excel 的最大列数"))
            state["type"] = attrs.get("t", "n")
            parts.clear()
            formula.clear()
        elif name == "v" or (name == "t" and not state["phonetic"]):
            state["capture"] = parts
        elif name == "f":
            state["capture"] = formula
            formula.append("=")
        elif name == "rPh":
            state["phonetic"] += 1
        elif name == "row":
            number = attrs.get("r")
            state["row"] = row_number(number, bounds) if number else state["row"] + 1
            if state["row"] > bounds.lines:
                raise WorkbookError(
                    _("工作表超过%(lines)s行的上限") % {"lines": format(bounds.lines, ",")}
                )  # rows without r=
            state["cells"] = {}
            state["col"] = 0

    def end(name):
        name = _local(name)
        if name in ("v", "t", "f"):
            state["capture"] = None
        elif name == "rPh":
            state["phonetic"] -= 1
        elif name == "c":
            if state["col"] <= bounds.columns:
                value = _value(state["type"], "".join(parts), strings)
                if formula:
                    value = Formula("".join(formula), value)
                state["cells"][state["col"]] = value
        elif name == "row":
            while emitted[0] < state["row"] - 1:
                rows.append([])
                emitted[0] += 1
            cells = state["cells"]
            row = [None] * (max(cells) if cells else 0)
            for col, value in cells.items():
                row[col - 1] = value
            rows.append(row)
            emitted[0] += 1

    def text(data):
        if state["capture"] is not None:
            state["capture"].append(data)

    parser = _parse(start, end, text)
    with archive.open(path) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
            yield from rows
            rows.clear()
        parser.Parse(b"", True)
    yield from rows


def _value(kind, raw, strings):
    if kind == "s":
        index = int(raw) if raw.isascii() and raw.isdigit() else len(strings)
        return strings[index] if index < len(strings) else None
    if kind in ("inlineStr", "str"):
        return unescape(raw)
    if kind == "d":
        return raw
    if kind == "b":
        return "TRUE" if raw == "1" else "FALSE"
    if kind == "e" or raw == "":
        return None
    try:
        number = float(raw)
    except ValueError:
        return raw
    return int(number) if number.is_integer() else number
