"""Which language each piece of text on a page is read in, by the nearest lang attribute."""

import re
from html.parser import HTMLParser

HAN = re.compile(r"[\u3400-\u9fff]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# A <title> has one language for all of it (the page's name and the centre's); an image
# (role="img": the flowchart, the charts) is read by its name and description, and the page
# says the same in text beside it.
NOT_READ = {"script", "style", "title"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, lang or None, read aloud)
        self.texts = []  # (text, lang in force)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        read = tag not in NOT_READ and attrs.get("role") != "img"
        self.open.append((tag, attrs.get("lang"), read))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        if not data.strip() or not all(read for _, _, read in self.open):
            return
        lang = next((lang for _, lang, _ in reversed(self.open) if lang is not None), None)
        self.texts.append((data.strip(), lang))


def texts(html):
    """(text, language) for every piece of text a reader hears."""
    reader = _Reader()
    reader.feed(html)
    return reader.texts


def unmarked_chinese(html):
    """Chinese text that a screen reader would read in the page's language (not zh-Hans)."""
    return [text for text, lang in texts(html) if HAN.search(text) and lang != "zh-Hans"]


def language_of(html, text):
    """The language of each piece of text containing `text`."""
    return [lang for found, lang in texts(html) if text in found]
