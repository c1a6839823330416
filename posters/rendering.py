"""Poster layout: Posters → one vector PDF (fpdf2, Chinese font subset embedded) or a PNG preview.

The layout is drawn in millimetres on A4; A3 is the same layout scaled by √2 (a custom PDF unit),
so the QR code and every text grow together and the A3 poster scans from further away.
"""

import math
import threading
from io import BytesIO

import pypdfium2
import qrcode
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, WrapMode

from .fonts import FAMILY, install_fonts

SIZES = {"A4": 1.0, "A3": math.sqrt(2)}
# Part of every cache key: bump it when the drawing changes, so no old layout is served.
LAYOUT = "1"
PAGE_W, PAGE_H = 210, 297
MARGIN = 14
CONTENT_W = PAGE_W - 2 * MARGIN
PT = 25.4 / 72  # millimetres per point
# The QR code with its 4-module quiet zone: at version 8 a module is about 2 mm (A4), which a
# phone camera resolves from about 1 m; A3 scales it to 2.8 mm.
QR_BOX = 112
QR_TOP = 147
SEAM_OVERLAP = 0.05  # mm; a fortieth of a module
HEADER_H = 26
BADGE_H = 10
FACTS_H = 21
MAX_GAP = 9
PREVIEW_DPI = 96

INK = (26, 26, 26)
MUTED = (74, 74, 74)
WHITE = (255, 255, 255)
TINT = (242, 245, 250)
BRAND = (11, 78, 162)
BADGE_COLOURS = {"zero": (15, 107, 58), "once": (15, 107, 58), "online": BRAND,
                 "immediate": (138, 75, 0)}  # fmt: skip

# pdfium is not thread-safe; previews may be requested from several threads in one process.
_pdfium = threading.Lock()


def render_pdf(posters, size="A4", progress=None):
    """One page per poster; `progress(done)` is called after each page. In Chinese, like the
    posters' text (content._poster), whatever language the person printing them reads."""
    with translation.override(settings.LANGUAGE_CODE):
        return _render_pdf(posters, size, progress)


def _render_pdf(posters, size, progress):
    pdf = FPDF(unit=72 / 25.4 * SIZES[size], format=(PAGE_W, PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    # i18n: data
    pdf.set_creator("OneVisit 一次办好")
    pdf.set_lang("zh-CN")
    if len(posters) == 1:
        pdf.set_title(posters[0].title)
    install_fonts(pdf, "".join(p.text for p in posters) + "".join(labels().values()))
    for done, poster in enumerate(posters, 1):
        Sheet(pdf, SIZES[size]).draw(poster)
        if progress:
            progress(done)
    return bytes(pdf.output())


def render_png(posters, size="A4", dpi=PREVIEW_DPI):
    """The first poster as a PNG, rasterised from the PDF itself so preview and print agree."""
    data = render_pdf(posters[:1], size)
    with _pdfium:
        document = pypdfium2.PdfDocument(data)
        image = document[0].render(scale=dpi / 72).to_pil()
        document.close()
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def qr_modules(url):
    """Rows of dark (True) and light modules, quiet zone included; error correction H."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_H, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def labels():
    return {
        "tagline": _("一次办好 · 扫码查看办事指南"),
        "department": _("实施主体："),
        "time_limit": _("承诺时限"),
        "fee": _("收费"),
        "fee_detail": _("收费标准："),
        "materials": _("申请材料"),
        "count_materials": pgettext("poster", "%(n)s项"),
        "visits": _("到现场次数"),
        "count_visits": _("%(n)s次"),
        "window": _("办理窗口："),
        "hours": _("办理时间："),
        "scan": _("手机扫码  查看办事指南和材料清单"),
        "hotline": _("政务服务便民热线 %(hotline)s"),
        "stamp": _("版本 %(date)s · 修订 %(revision)s"),
        "more": "…",
    }


def balanced(text, count, fits):
    """`text` in `count` lines of about equal length; two lines break at a bracket or comma
    instead when both halves `fits`, so 药品零售企业经营许可 stays apart from （新办）."""
    lines = []
    for remaining in range(count, 1, -1):
        cut = math.ceil(len(text) / remaining)
        if remaining == 2:
            natural = [
                at for at in range(1, len(text))
                if (text[at] in "（(" or text[at - 1] in "、，,")
                and fits(text[:at]) and fits(text[at:])
            ]  # fmt: skip
            cut = min(natural, key=lambda at: abs(at - cut), default=cut)
        lines.append(text[:cut])
        text = text[cut:]
    return lines + [text]


class Sheet:
    """Draws one poster on a new page of `pdf`."""

    def __init__(self, pdf, scale):
        self.pdf = pdf
        self.scale = scale
        self.labels = labels()

    def draw(self, poster):
        self.pdf.add_page()
        self.header(poster)
        # The facts share the space above the QR code evenly; the QR code keeps one place on
        # every poster, so a wall of posters lines up.
        blocks = list(self.blocks(poster))
        spare = QR_TOP - HEADER_H - sum(height for height, _ in blocks)
        gap = min(MAX_GAP, spare / (len(blocks) + 1))
        y = HEADER_H + gap
        for height, draw in blocks:
            draw(y)
            y += height + gap
        self.qr(poster.scan_url, (PAGE_W - QR_BOX) / 2, QR_TOP)
        self.line(0, QR_TOP + QR_BOX + 1, self.labels["scan"], 13, "B", INK, PAGE_W, "C")
        self.line(0, QR_TOP + QR_BOX + 8, poster.short_url, 10, "", MUTED, PAGE_W, "C")
        self.footer(poster)

    def header(self, poster):
        self.pdf.set_fill_color(*BRAND)
        self.pdf.rect(0, 0, PAGE_W, HEADER_H, style="F")
        self.line(MARGIN, 5, poster.centre, 18, "B", WHITE)
        self.line(MARGIN, 15, self.labels["tagline"], 11, "", WHITE)

    def footer(self, poster):
        labels = self.labels
        self.pdf.set_draw_color(*BRAND)
        self.pdf.set_line_width(0.6)
        self.pdf.line(MARGIN, 278, PAGE_W - MARGIN, 278)
        self.line(MARGIN, 281, labels["hotline"] % {"hotline": poster.hotline}, 12, "B", BRAND)
        stamp = labels["stamp"] % {"date": poster.published or "—", "revision": poster.revision}
        self.line(MARGIN, 288, stamp, 8, "", MUTED, CONTENT_W, "R")

    def blocks(self, poster):
        """(height, draw(y)) for each part above the QR code, measured before drawing."""
        labels = self.labels
        yield self.title(poster.title)
        if poster.department:
            yield self.text(labels["department"] + poster.department, 12, "", MUTED)
        if poster.badges:
            yield BADGE_H, lambda y: self.badges(poster.badges, y)
        yield FACTS_H, lambda y: self.facts(poster, y)
        if poster.fee_detail:
            yield self.text(labels["fee_detail"] + poster.fee_detail, 11, "", MUTED)
        if poster.window:
            yield self.text(labels["window"] + poster.window, 12)
        if poster.hours:
            yield self.text(labels["hours"] + poster.hours, 12, max_lines=2)

    def font(self, size, style=""):
        self.pdf.set_font(FAMILY, style, size * self.scale)
        return size * PT * 1.3  # line height in mm

    def line(self, x, y, text, size, style="", colour=INK, width=CONTENT_W, align="L"):
        height = self.font(size, style)
        self.pdf.set_text_color(*colour)
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, height, self.fit(text, width), align=align)

    def wrap(self, text, size, style=""):
        self.font(size, style)
        return self.pdf.multi_cell(
            CONTENT_W, 10, text, dry_run=True, output=MethodReturnValue.LINES,
            wrapmode=WrapMode.CHAR,
        )  # fmt: skip

    def fit(self, text, width):
        """`text`, cut with an ellipsis if it is wider than `width`."""
        if self.pdf.get_string_width(text) <= width:
            return text
        while text and self.pdf.get_string_width(text + self.labels["more"]) > width:
            text = text[:-1]
        return text + self.labels["more"]

    def text(self, text, size, style="", colour=INK, max_lines=1):
        """A left-aligned paragraph of at most `max_lines`, the last one cut if need be."""
        lines = self.wrap(text, size, style)
        if len(lines) > max_lines:
            lines = lines[: max_lines - 1] + ["".join(lines[max_lines - 1 :])]
        return self.block(lines, size, style, colour)

    def block(self, lines, size, style, colour):
        line_height = size * PT * 1.3

        def draw(y):
            for number, text_line in enumerate(lines):
                self.line(MARGIN, y + number * line_height, text_line, size, style, colour)

        return len(lines) * line_height, draw

    def title(self, title):
        """The matter name as large as fits in two lines (three for the longest names), in
        lines of even length so that no character is left alone on the last one."""
        for size in (40, 36, 32, 28, 24):
            lines = self.wrap(title, size, "B")
            if len(lines) <= 2:
                break
        if len(lines) > 3:
            return self.text(title, size, "B", INK, 3)

        def fits(line):
            return self.pdf.get_string_width(line) <= CONTENT_W

        even = balanced(title, len(lines), fits)
        if all(fits(line) for line in even):
            lines = even
        return self.block(lines, size, "B", INK)

    def badges(self, badges, y):
        x = MARGIN
        for kind, label in badges:
            self.font(15, "B")
            width = self.pdf.get_string_width(label) + 8
            self.pdf.set_fill_color(*BADGE_COLOURS[kind])
            self.pdf.rect(x, y, width, BADGE_H, style="F", round_corners=True, corner_radius=2)
            self.line(x, y + 1.6, label, 15, "B", WHITE, width, "C")
            x += width + 4

    def facts(self, poster, y):
        labels = self.labels
        facts = [
            (labels["time_limit"], poster.time_limit),
            (labels["fee"], poster.fee),
            (labels["materials"], labels["count_materials"] % {"n": poster.materials}),
            (labels["visits"], labels["count_visits"] % {"n": poster.visits}),
        ]
        gap = 4
        width = (CONTENT_W - gap * (len(facts) - 1)) / len(facts)
        for number, (label, value) in enumerate(facts):
            x = MARGIN + number * (width + gap)
            self.pdf.set_fill_color(*TINT)
            self.pdf.rect(x, y, width, FACTS_H, style="F", round_corners=True, corner_radius=2)
            self.line(x + 3, y + 2, label, 10, "", MUTED, width - 6)
            self.line(x + 3, y + 9, value, 18, "B", INK, width - 6)

    def qr(self, url, x, y):
        """The QR code as one filled rectangle per run of dark modules. Each reaches a hair
        into the row below, so anti-aliased viewers draw no light seams between rows."""
        modules = qr_modules(url)
        step = QR_BOX / len(modules)
        self.pdf.set_fill_color(*WHITE)
        self.pdf.rect(x, y, QR_BOX, QR_BOX, style="F")
        self.pdf.set_fill_color(0)
        for row_number, row in enumerate(modules):
            column = 0
            while column < len(row):
                if not row[column]:
                    column += 1
                    continue
                start = column
                while column < len(row) and row[column]:
                    column += 1
                self.pdf.rect(x + start * step, y + row_number * step, (column - start) * step,
                              step + SEAM_OVERLAP, style="F")  # fmt: skip
