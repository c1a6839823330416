from django import template
from wagtail.models import Page

from cms_pages.models.english import reading_english

register = template.Library()


@register.filter
def shown_title(page):
    """A page's title in the reader's language: its English title where an editor gave one.
    Generic pages (breadcrumb ancestors) are looked up as their own type only in English."""
    shown = getattr(page, "shown_title", None)
    if shown is None and reading_english() and isinstance(page, Page):
        shown = getattr(page.specific_deferred, "shown_title", None)
    return shown or page.title
