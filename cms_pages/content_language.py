"""The language of a piece of content on a page shown in another (WCAG 3.1.2).

Content is written in Chinese; an English page marks each Chinese piece lang="zh-Hans" so a
screen reader reads it with a Chinese voice. Templates do it with theme's language_tags
(`as_written`, `lang_of`, `catalogue`), Python-built HTML `as_written` here, and forms
whose options are content ContentSelect.
"""

import re

from django import forms
from django.utils.html import conditional_escape, format_html

from .models.english import reading_english

HAN = re.compile(r"[\u3400-\u9fff]")
CHINESE = "zh-Hans"


def content_language(value):
    """zh-Hans for Chinese text on a page in another language, else None (the text reads in
    the page's own language: English content, or anything on a Chinese page)."""
    if value is None or not reading_english():
        return None
    return CHINESE if HAN.search(str(value)) else None


def as_written(value):
    """The value escaped, in <span lang="zh-Hans"> when it is Chinese on a page in another
    language. Already safe HTML (highlighted search matches) is kept as it is."""
    if value is None or value == "":
        return value
    text = conditional_escape(value)
    if language := content_language(value):
        return format_html('<span lang="{}">{}</span>', language, text)
    return text


class ContentSelect(forms.Select):
    """A select whose options are content (categories, halls and windows)."""

    def create_option(self, name, value, label, *args, **kwargs):
        option = super().create_option(name, value, label, *args, **kwargs)
        if language := content_language(label):
            option["attrs"]["lang"] = language
        return option
