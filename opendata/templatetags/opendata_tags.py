from django import template

from ..rendering import render_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def statistics_sections(context):
    """Every section of the statistics page, rendered once per publish (see statistics.py)."""
    return render_sections()
