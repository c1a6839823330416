"""Content in its own language on pages shown in another (WCAG 3.1.2, language of parts).

The interface follows the reader's choice; content stays as written, in Chinese unless an
editor filled an English field. On an English page every piece of Chinese content carries
lang="zh-Hans" so a screen reader reads it with a Chinese voice; English content and
anything on a Chinese page (whose <html lang> is zh-Hans already) carries no mark. Templates
output content through these, never with a lang attribute of their own:

- `{{ value|as_written }}`: the value, in <span lang="zh-Hans"> when it is Chinese content
  on a page in another language;
- `<option{% lang_of value %}>`: the attribute alone, for elements that hold only text;
- `{{ value|catalogue }}`: a value of the national catalogue (事项类型, 行使层级, 时限单位…)
  in the reader's language, other text as_written.
"""

from django import template
from django.utils.html import format_html
from wagtail.models import Page

from cms_pages import content_language as content
from cms_pages.models.english import reading_english
from cms_pages.taxonomy import label

register = template.Library()


register.filter("as_written", content.as_written)


@register.simple_tag
def lang_of(value):
    language = content.content_language(value)
    return format_html(' lang="{}"', language) if language else ""


@register.filter
def catalogue(value):
    try:
        shown = label(value)
    except TypeError:  # not a catalogue value (a list, a page)
        shown = value
    return content.as_written(shown)


@register.filter
def shown_title(page):
    """A page's title in the reader's language: its English title where an editor gave one.
    Generic pages (breadcrumb ancestors) are looked up as their own type only in English."""
    shown = getattr(page, "shown_title", None)
    if shown is None and reading_english() and isinstance(page, Page):
        shown = getattr(page.specific_deferred, "shown_title", None)
    return shown or page.title
