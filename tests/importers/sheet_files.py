"""Spreadsheets built on the fly from the sample files, edited the way departments edit them."""

import csv
import io
import zipfile

from openpyxl import Workbook, load_workbook

from tests.support.imports import DEPARTMENTS


def sample_rows(stem="gongan"):
    """(header, rows) of a sample department file, as plain strings."""
    sheet = load_workbook(DEPARTMENTS / f"{stem}.xlsx").active
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(rows) if "实施编码" in row)
    header = rows[start]
    data = [r for r in rows[start + 1 :] if r[0].isdigit()]
    return header, data


def edit(rows, header, line, column, value):
    rows[line][header.index(column)] = value


def xlsx_bytes(header, rows, title=None):
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(header, rows, encoding="utf-8", delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def with_shared_strings(data):
    """The workbook as Excel saves it: text in xl/sharedStrings.xml, the first of each
    multi-line text split into rich-text runs, plus a phonetic run that must be ignored."""
    from xml.etree import ElementTree as ET

    ET.register_namespace("", MAIN)
    source = zipfile.ZipFile(io.BytesIO(data))
    sheet = ET.fromstring(source.read("xl/worksheets/sheet1.xml"))
    strings = []
    for cell in sheet.iter(f"{{{MAIN}}}c"):
        if cell.get("t") != "inlineStr":
            continue
        inline = cell.find(f"{{{MAIN}}}is")
        if inline is None:  # an empty string
            strings.append("")
        else:
            strings.append("".join(t.text or "" for t in inline.iter(f"{{{MAIN}}}t")))
            cell.remove(inline)
        cell.set("t", "s")
        ET.SubElement(cell, f"{{{MAIN}}}v").text = str(len(strings) - 1)
    table = ET.Element(f"{{{MAIN}}}sst", count=str(len(strings)), uniqueCount=str(len(strings)))
    for text in strings:
        item = ET.SubElement(table, f"{{{MAIN}}}si")
        head, sep, tail = text.partition("\n")
        for part in [head + sep, tail] if sep else [text]:
            run = ET.SubElement(item, f"{{{MAIN}}}r")
            ET.SubElement(run, f"{{{MAIN}}}t", {"xml:space": "preserve"}).text = part
        ET.SubElement(
            ET.SubElement(item, f"{{{MAIN}}}rPh", sb="0", eb="1"), f"{{{MAIN}}}t"
        ).text = "ふりがな"
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                content = ET.tostring(sheet, xml_declaration=True, encoding="UTF-8")
            elif name == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif name == "xl/_rels/workbook.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"'
                    b"/></Relationships>",
                )
            target.writestr(name, content)
        target.writestr("xl/sharedStrings.xml", ET.tostring(table, xml_declaration=True,
                                                             encoding="UTF-8"))  # fmt: skip
    return output.getvalue()
