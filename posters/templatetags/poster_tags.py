from django import template

from ..scans import is_outdated, parse_revision, scan_figures

register = template.Library()


@register.inclusion_tag("posters/outdated_notice.html", takes_context=True)
def outdated_poster_notice(context, matter):
    """On a matter page reached from a poster scan: tell staff when that poster is outdated."""
    request = context.get("request")
    revision = parse_revision(request.GET.get("poster")) if request else None
    return {"outdated": is_outdated(revision, matter)}


@register.inclusion_tag("posters/scan_figures.html")
def poster_scan_figures():
    return {"scans": scan_figures()}
