"""A streaming reader for the first worksheet of an .xlsx workbook: cell values only.

openpyxl's read-only mode builds an object per cell and per rich-text run, which makes a
12,000-row catalogue take many seconds to read. Imports need only what a cell shows: shared
and inline strings (phonetic runs left out), numbers, booleans and the cached result of a
formula (never the formula). Rows come out as lists indexed by column, with empty lists for
rows the file leaves out, so list positions match spreadsheet line numbers.
"""

import posixpath
import re
from xml.parsers import expat

CHUNK = 1 << 20
MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
RELATIONSHIP_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships id"


class WorkbookError(ValueError):
    pass


def _local(name):
    return name.rsplit(" ", 1)[-1]


def _parse(stream, start=None, end=None, text=None):
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    return parser


def column_index(letters):
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index


def first_sheet_path(archive):
    sheets, targets = [], {}

    def workbook_start(name, attrs):
        if _local(name) == "sheet":
            sheets.append(attrs.get(RELATIONSHIP_ID))

    def rels_start(name, attrs):
        if _local(name) == "Relationship":
            targets[attrs.get("Id")] = attrs.get("Target", "")

    _parse(None, start=workbook_start).Parse(archive.read("xl/workbook.xml"), True)
    rels = "xl/_rels/workbook.xml.rels"
    if rels in archive.namelist():
        _parse(None, start=rels_start).Parse(archive.read(rels), True)
    if not sheets or sheets[0] not in targets:
        raise WorkbookError("工作簿中没有工作表。")
    target = targets[sheets[0]]
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


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
            strings.append("".join(parts))

    def text(data):
        if depth["t"] and not depth["rPh"]:
            parts.append(data)

    parser = _parse(None, start, end, text)
    with archive.open(path) as stream:
        parser.ParseFile(stream)
    return strings


def merged_ranges(archive, path):
    """(first row, first column, last row, last column) of merged ranges, 1-based."""
    merges, tail = set(), b""
    with archive.open(path) as stream:
        while chunk := stream.read(CHUNK):
            buffer = tail + chunk
            merges.update(MERGE.findall(buffer))
            cut = buffer.rfind(b"<")
            tail = buffer[cut:] if cut >= 0 else b""
    return [
        (int(r1), column_index(c1.decode()), int(r2 or r1), column_index((c2 or c1).decode()))
        for c1, r1, c2, r2 in merges
    ]


def iter_rows(archive, path, strings):
    """Yield each row (a list of values) from line 1 on."""
    rows = []
    state = {"row": 0, "col": 0, "type": "n", "cells": {}, "capture": False, "phonetic": 0}
    parts = []
    emitted = [0]

    def start(name, attrs):
        name = _local(name)
        if name == "c":
            ref = attrs.get("r")
            letters = ref.rstrip("0123456789") if ref else ""
            state["col"] = column_index(letters) if letters else state["col"] + 1
            state["type"] = attrs.get("t", "n")
            parts.clear()
        elif name == "v" or (name == "t" and not state["phonetic"]):
            state["capture"] = True
        elif name == "rPh":
            state["phonetic"] += 1
        elif name == "row":
            number = attrs.get("r")
            state["row"] = int(number) if number else state["row"] + 1
            state["cells"] = {}
            state["col"] = 0

    def end(name):
        name = _local(name)
        if name in ("v", "t"):
            state["capture"] = False
        elif name == "rPh":
            state["phonetic"] -= 1
        elif name == "c":
            state["cells"][state["col"]] = _value(state["type"], "".join(parts), strings)
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
        if state["capture"]:
            parts.append(data)

    parser = _parse(None, start, end, text)
    with archive.open(path) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
            yield from rows
            rows.clear()
        parser.Parse(b"", True)
    yield from rows


def _value(kind, raw, strings):
    if kind == "s":
        return strings[int(raw)] if raw.isdigit() and int(raw) < len(strings) else None
    if kind in ("inlineStr", "str", "d"):
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
