"""Stable links that printed material and other sites depend on."""

from django.shortcuts import redirect, render
from wagtail.views import serve

from .models import MatterPage


def matter_short_link(request, code):
    """`/m/<实施编码>/`: follows the matter through renames and moves to its live page."""
    matter = MatterPage.objects.live().filter(code=code).only("id", "url_path").first()
    if matter is None:
        return render(request, "cms_pages/matter_not_found.html", {"code": code}, status=404)
    return redirect(matter.get_url(request))


def serve_page_file(request, path):
    """`<page>poster.pdf` and the like: Wagtail's own URL pattern only serves paths ending in
    "/", so these go to its page router with that slash added (routes are declared with it)."""
    return serve(request, path + "/")
