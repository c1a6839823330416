from django import template

from ..main_items import families

register = template.Library()


@register.simple_tag
def matter_families(matters):
    """Listing entries: a matter, or a main item with the variants listed under it."""
    return families(matters)
