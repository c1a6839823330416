from django import template

from ..rendering import render_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def statistics_sections(context):
    """Every section of the statistics page, rendered once per publish (see statistics.py)."""
    return render_sections()


@register.inclusion_tag("opendata/catalogue_downloads.html")
def catalogue_downloads():
    from ..models import CatalogueFile

    return {"files": {f.format: f for f in CatalogueFile.objects.all()}}


@register.simple_tag
def statistics_section_links():
    """(anchor, title) of every registered section, for the page's table of contents."""
    from ..sections import sections

    return [(section.key, section.title) for section in sections()]
