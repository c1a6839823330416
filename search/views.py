"""Public search page."""

from django.core.paginator import Paginator
from django.shortcuts import render

from cms_pages.models import MatterPage


def search(request):
    query = request.GET.get("q", "").strip()
    results = MatterPage.objects.none()
    if query:
        results = MatterPage.objects.live().filter(title__icontains=query).order_by("path")
    page_obj = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"query": query, "page_obj": page_obj})
