"""Stable links that printed material and other sites depend on."""

from django.shortcuts import redirect, render
from wagtail.views import serve

from .models import MatterPage
from .params import is_code


def matter_short_link(request, code):
    """`/m/<实施编码>/`: follows the matter through renames and moves to its live page."""
    matter = None
    if is_code(code):
        matter = MatterPage.objects.live().public().filter(code=code).only("id", "url_path").first()
    if matter is None:
        return render(request, "cms_pages/matter_not_found.html", {"code": code}, status=404)
    return redirect(matter.get_url(request))


def page_file(request, path, filename):
    """`<page>flowchart.svg` and the like: a page route that looks like a file.

    Wagtail routes only paths ending in a slash, so the page router gets one appended and
    the page's `@path("<filename>/")` route answers.
    """
    return serve(request, f"{path}{filename}/")
