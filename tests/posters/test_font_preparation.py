"""The poster fonts are reduced once, ahead of the first poster (`prepare_poster_fonts` at deploy
time) or by the first of many workers that needs them; the others wait for its file. Small
fonts built here stand in for Noto CJK, whose reduction takes seconds."""

import io
import multiprocessing

import pytest
from django.core.management import call_command
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

from posters import fonts


@pytest.fixture(autouse=True)
def demo():
    """No pages needed."""


def square_font(path, family, characters):
    """A CFF font drawing each of `characters` as a square (and ■ for any outside the set)."""
    names = [".notdef", *(f"uni{ord(ch):04X}" for ch in characters)]
    pen = T2CharStringPen(600, None)
    for x, y in ((100, 0), (500, 0), (500, 700), (100, 700)):
        (pen.lineTo if x != 100 or y else pen.moveTo)((x, y))
    pen.closePath()
    square = pen.getCharString()
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(ch): f"uni{ord(ch):04X}" for ch in characters})
    builder.setupCFF(family, {"FullName": family}, dict.fromkeys(names, square), {})
    builder.setupHorizontalMetrics(dict.fromkeys(names, (600, 100)))
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(path)
    return path


# Common characters, and two a reduction must leave out (outside GB 2312).
CHARACTERS = "一次办好事项ABC𠀾㐀"


@pytest.fixture
def poster_fonts(settings, tmp_path):
    settings.POSTERS_FONT_CACHE = tmp_path / "cache"
    settings.POSTERS_FONTS = {
        "": (square_font(tmp_path / "regular.otf", "Square", CHARACTERS), "Square"),
        "B": (square_font(tmp_path / "bold.otf", "Square Bold", CHARACTERS), "Square Bold"),
    }
    return settings.POSTERS_FONT_CACHE


def test_prepared_fonts_are_what_the_first_poster_uses(poster_fonts, monkeypatch):
    call_command("prepare_poster_fonts", stdout=io.StringIO())
    prepared = sorted(poster_fonts.glob("*.otf"))
    assert len(prepared) == 2
    for path in prepared:
        kept = {chr(cp) for cp in TTFont(path).getBestCmap()}
        assert kept == set("一次办好事项ABC")

    def reduce_again(face, target):
        raise AssertionError(f"reduced again: {face}")

    monkeypatch.setattr(fonts, "_write_reduced", reduce_again)
    assert sorted(fonts.reduced(face) for face in fonts.configured_faces().values()) == prepared


def _reduce_counted(face, log, start):
    write = fonts._write_reduced

    def counted(face, target):
        with open(log, "a") as out:
            out.write("reduced\n")
        write(face, target)

    fonts._write_reduced = counted
    start.wait()
    return fonts.reduced(face)


def test_workers_starting_together_reduce_a_font_once(poster_fonts, tmp_path):
    face = fonts.configured_faces()[""]
    log = tmp_path / "reductions.log"
    context = multiprocessing.get_context("fork")
    start = context.Barrier(4)
    workers = [context.Process(target=_reduce_counted, args=(face, log, start)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    assert log.read_text() == "reduced\n"
    assert fonts.reduced(face).exists()


def test_prepare_says_which_font_is_missing(settings, tmp_path):
    settings.POSTERS_FONTS = {"": (tmp_path / "absent.ttc", "Noto Sans CJK SC")}
    with pytest.raises(Exception, match="fonts-noto-cjk"):
        call_command("prepare_poster_fonts")
