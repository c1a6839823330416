"""Server-drawn SVG charts of a FigureTable: the geometry is computed here, the markup is the
template opendata/chart.svg. Every bar carries its number as text, so the chart reads (and
prints) without colour, and a data table sits beside it for screen readers.

Kinds: "bars" (horizontal bars on one scale), "pairs" (horizontal before/after bars, each
row on its own scale, for figures of different units) and "columns" (vertical, e.g. months).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from cms_pages.taxonomy import label as catalogue_label

WIDTH = 640
FONT = 13
BAR = 14
GAP = 4
ROW_GAP = 12
VALUE_ROOM = 56
LABEL_MAX = 190
COLUMN_HEIGHT = 180
# Dark, light and mid blue: told apart in greyscale print as well.
SERIES_FILLS = ("#1d4f91", "#8fb4dc", "#4a7fc1")


@dataclass
class Chart:
    title: str
    width: int = WIDTH
    height: int = 0
    rects: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    legend: list = field(default_factory=list)


def text_width(text, size=FONT):
    """Width of text in px: CJK characters and punctuation (“”、…) are square, others about
    half as wide."""
    return sum(size if ord(ch) >= 0x2000 else size * 0.6 for ch in str(text))


def fit(text, width, size=FONT):
    text = str(text)
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def number(value):
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def shown(value):
    return "—" if value is None else str(value)


def _legend(chart, names, top):
    x = 0
    for i, name in enumerate(names):
        chart.legend.append({"x": x, "y": top, "size": 12, "fill": SERIES_FILLS[i],
                             "text_x": x + 16, "text_y": top + 11, "text": name})  # fmt: skip
        x += 16 + text_width(name, 12) + 16


def horizontal(title, labels, series, per_row_scale=False):
    """series: [(name, [values])] drawn as grouped horizontal bars."""
    chart = Chart(title)
    top = 0
    if len(series) > 1:
        _legend(chart, [name for name, _values in series], 0)
        top = 24
    label_width = min(LABEL_MAX, max((text_width(label) for label in labels), default=0) + 8)
    x0 = label_width
    span = WIDTH - x0 - VALUE_ROOM
    overall = max((number(v) or 0 for _name, values in series for v in values), default=0)
    row_height = len(series) * (BAR + GAP) - GAP
    y = top
    for row, label in enumerate(labels):
        values = [values[row] for _name, values in series]
        scale = max((number(v) or 0 for v in values), default=0) if per_row_scale else overall
        chart.texts.append({"x": x0 - 8, "y": y + row_height / 2 + FONT / 2 - 2,
                            "text": fit(label, label_width - 8), "anchor": "end",
                            "full": str(label)})  # fmt: skip
        for i, value in enumerate(values):
            length = span * (number(value) or 0) / scale if scale else 0
            bar_y = y + i * (BAR + GAP)
            chart.rects.append({"x": x0, "y": bar_y, "width": round(length, 1), "height": BAR,
                                "fill": SERIES_FILLS[i]})  # fmt: skip
            chart.texts.append({"x": round(x0 + length + 4, 1), "y": bar_y + BAR - 3,
                                "text": shown(value), "anchor": "start"})  # fmt: skip
        y += row_height + ROW_GAP
    chart.height = max(y, top + 20)
    return chart


def vertical(title, labels, values):
    chart = Chart(title)
    count = max(len(labels), 1)
    slot = WIDTH / count
    bar = min(36, slot * 0.7)
    top = FONT + 6
    peak = max((number(v) or 0 for v in values), default=0)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = COLUMN_HEIGHT * (number(value) or 0) / peak if peak else 0
        x = i * slot + (slot - bar) / 2
        base = top + COLUMN_HEIGHT
        chart.rects.append({"x": round(x, 1), "y": round(base - height, 1), "width": round(bar, 1),
                            "height": round(height, 1), "fill": SERIES_FILLS[0]})  # fmt: skip
        middle = round(i * slot + slot / 2, 1)
        chart.texts.append({"x": middle, "y": round(base - height - 4, 1), "text": shown(value),
                            "anchor": "middle", "cls": "value"})  # fmt: skip
        chart.texts.append({"x": middle, "y": base + 16, "text": fit(label, slot - 2, 11),
                            "anchor": "middle", "cls": "axis", "full": str(label)})  # fmt: skip
    chart.height = top + COLUMN_HEIGHT + 24
    return chart


def table_chart(table):
    """The chart a FigureTable asks for, drawn from the rows the page shows."""
    if not table.chart or not table.rows:
        return None
    label_column, value_columns = table.chart
    rows = table.values()[: table.shown_rows] if table.shown_rows else table.values()
    label_index = table.columns.index(label_column)
    # Catalogue values (事项类型, 行使层级) in the reader's language, as the table shows them.
    labels = [row[label_index] for row in rows]
    labels = [str(catalogue_label(v)) if isinstance(v, str) else v for v in labels]
    series = [(name, [row[table.columns.index(name)] for row in rows]) for name in value_columns]
    if all(value is None for _name, values in series for value in values):
        return None
    if table.chart_kind == "columns":
        return vertical(table.title, labels, series[0][1])
    return horizontal(table.title, labels, series, per_row_scale=table.chart_kind == "pairs")


def render_svg(chart, standalone=False):
    return mark_safe(
        render_to_string("opendata/chart.svg", {"chart": chart, "standalone": standalone})
    )
