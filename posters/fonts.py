"""The poster typeface: Noto Sans CJK SC from the system (fonts-noto-cjk), embedded as a subset.

Subsetting the whole 65,000-glyph CJK font for every PDF costs about 0.3 s per weight, so each
weight is first reduced once to the common set (GB 2312 and punctuation, about 7,700 glyphs)
and that copy is cached on disk; a poster then subsets it in milliseconds. Text with a
character outside the common set falls back to the full system font, so nothing goes missing.
The reduction itself takes seconds per weight: `manage.py prepare_poster_fonts` does it at
deploy time, and a lock file lets one process of many do it when none has.
"""

import fcntl
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

NOTO = Path("/usr/share/fonts/opentype/noto")
DEFAULT_FONTS = {
    "": (NOTO / "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    "B": (NOTO / "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"),
}
FAMILY = "poster"
FALLBACK_FAMILY = "posterfull"
# Part of the cached file name: change it when the common set changes.
REDUCTION = "gb2312-2"


class FontUnavailable(RuntimeError):
    """The configured poster font cannot be read; the message is for editors and admins."""


@dataclass(frozen=True)
class Face:
    path: Path
    index: int  # face number inside a .ttc collection


def configured_faces():
    """{style: Face} for regular ("") and bold ("B"), from settings.POSTERS_FONTS."""
    fonts = getattr(settings, "POSTERS_FONTS", DEFAULT_FONTS)
    try:
        return {style: _face(Path(path), family) for style, (path, family) in fonts.items()}
    except (OSError, LookupError) as error:
        message = _("海报字体不可用（%(error)s）。请安装 fonts-noto-cjk，或设置 POSTERS_FONTS。")
        raise FontUnavailable(message % {"error": error}) from error


@cache
def _face(path, family):
    if path.suffix.lower() not in (".ttc", ".otc"):
        return Face(path, 0)
    collection = TTCollection(path, lazy=True)
    for index, font in enumerate(collection.fonts):
        names = {font["name"].getDebugName(16), font["name"].getDebugName(1)}
        if family in names:
            return Face(path, index)
    raise LookupError(f"{path} has no face named {family!r}")


def in_common_set(codepoint):
    if codepoint < 0x100 or 0x2000 <= codepoint <= 0x206F or 0x2460 <= codepoint <= 0x24FF:
        return True
    if 0x3000 <= codepoint <= 0x303F or 0xFF00 <= codepoint <= 0xFFEF:
        return True
    try:
        chr(codepoint).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def cache_dir():
    return Path(
        getattr(settings, "POSTERS_FONT_CACHE", Path(settings.BASE_DIR) / "var" / "poster-fonts")
    )


def reduced(face):
    """Path of the face reduced to the common set, built on first use."""
    stat = face.path.stat()
    target = cache_dir() / (
        f"{face.path.stem}-{face.index}-{stat.st_size}-{int(stat.st_mtime)}-{REDUCTION}.otf"
    )
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Workers (threads and processes) that all start with a poster would each spend the
    # seconds; the first reduces, the others wait for its file.
    with open(target.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            _write_reduced(face, target)
    return target


def _write_reduced(face, target):
    # The full font's boxes bound every kept glyph; recomputing them draws each glyph twice.
    font = TTFont(face.path, fontNumber=face.index, recalcBBoxes=False)
    codepoints = [cp for cp in font.getBestCmap() if in_common_set(cp)]
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.desubroutinize = True
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".partial", delete=False) as out:
        font.save(out)
    os.replace(out.name, target)


@cache
def coverage(path):
    return frozenset(TTFont(path, lazy=True).getBestCmap())


def install_fonts(pdf, text):
    """Register the poster family on `pdf`; the full fonts join as fallback only when needed."""
    faces = configured_faces()
    codepoints = {ord(ch) for ch in text if not ch.isspace()}
    missing = False
    for style, face in faces.items():
        path = reduced(face)
        pdf.add_font(FAMILY, style, path)
        # The head table's box already bounds every glyph; recomputing it for each subset
        # would draw every glyph once more and double the time spent writing the PDF.
        pdf.fonts[FAMILY + style].ttfont.recalcBBoxes = False
        missing = missing or not codepoints <= coverage(path)
    if missing:
        for style, face in faces.items():
            pdf.add_font(FALLBACK_FAMILY, style, face.path, collection_font_number=face.index)
        pdf.set_fallback_fonts([FALLBACK_FAMILY], exact_match=False)
