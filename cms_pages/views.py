"""Stable links that printed material and other sites depend on."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from wagtail.views import serve

from .main_items import compare
from .models import MainItem, public_matter_by_code
from .params import is_code
from .sites import links_to_pages

MAX_ID = 2**31 - 1  # larger ids cannot exist; PostgreSQL would refuse the lookup


@links_to_pages
def matter_short_link(request, code):
    """`/m/<实施编码>/`: follows the matter through renames and moves to its live page."""
    matter = None
    if is_code(code):
        matter = public_matter_by_code(code)
    if matter is None:
        return render(request, "cms_pages/matter_not_found.html", {"code": code}, status=404)
    response = redirect(matter.get_url(request))
    # Where a code leads changes only with what advances the broad generation (a move, a
    # rename, an unpublish: the card), so the fast path may keep the redirect like a page.
    response.shared_page = True
    return response


def page_file(request, path, filename):
    """`<page>flowchart.svg` and the like: a page route that looks like a file.

    Wagtail routes only paths ending in a slash, so the page router gets one appended and
    the page's `@path("<filename>/")` route answers.
    """
    return serve(request, f"{path}{filename}/")


def main_item(request, pk):
    """`/items/<id>/`: a main item's variants side by side (what differs between them)."""
    if pk > MAX_ID:
        raise Http404
    item = get_object_or_404(MainItem, pk=pk)
    comparison = compare(item)
    if not comparison.variants:
        raise Http404
    return render(request, "cms_pages/main_item.html", {"item": item, "comparison": comparison})
