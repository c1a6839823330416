"""Public search: `/search/?q=…&theme=…&department=…` and `/search/suggest/?q=…` (JSON)."""

from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms_pages import params as read
from cms_pages.page_cache import display_variant
from cms_pages.page_cache import generation as page_generation

from . import backends, english, results_cache, timing
from .backends.base import FACETS, SORTS
from .models import ZeroResultQuery
from .query import MAX_QUERY_LENGTH
from .synonyms import vocabulary

# i18n: data
EXAMPLES = ["营业执照", "开饭店", "生孩子", "身份证丢了", "yyzz", "退休"]


def _url(params, **changes):
    """This page's query string with some parameters changed (None removes one); any
    change starts again at page 1. Encoded as QueryDict.urlencode does, without copying the
    QueryDict for each of a page's hundred-odd links."""
    query = {name: values for name, values in params.lists() if name != "page"}
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = [str(value)]
    return "?" + "&".join(
        urlencode({name.encode(): str(value).encode()})
        for name, values in query.items()
        for value in values
    )


def _page_key(request):
    """What a results page shown to an anonymous visitor depends on besides the code: the
    query string, the language and mode, which index answers and its generation, the synonym
    list and the site's settings."""
    if request.user.is_authenticated:
        return None
    return ("page", request.get_full_path(), display_variant(request), backends.index_identity(),
            results_cache.generation(), page_generation(), vocabulary().version)  # fmt: skip


@require_GET
def search(request):
    with timing.span("cache"):
        key = _page_key(request)
        kept = results_cache.pages.get(key) if key else None
    if kept is not None:
        content, zero_query = kept
        if zero_query:
            ZeroResultQuery.record(zero_query)
        return HttpResponse(content)
    with timing.span("view"):
        response, zero_query = _search(request)
    if key and not response.degraded:
        with timing.span("cache"):
            results_cache.pages.put(key, (response.content, zero_query))
    return response


def _search(request):
    params = request.GET
    raw = params.get("q", "").strip()
    filters, invalid = backends.Filters.from_params(params)
    notices = []
    if len(raw) > MAX_QUERY_LENGTH:
        notices.append(_("搜索词太长，只按前 %(n)s 个字搜索。") % {"n": MAX_QUERY_LENGTH})
    if invalid:
        notices.append(_("有筛选条件无法识别，已忽略。"))
    sort = read.choice(params.get("sort"), SORTS) or "relevance"
    page = read.page_number(params.get("page"))
    with timing.span("english"):
        searched = english.as_searched(raw)
    results, degraded = backends.search(searched, filters, sort, page)
    zero_query = None
    if raw and not results.hits and not filters.is_active and not results.query.is_empty:
        zero_query = results.query.raw
        with timing.span("zero"):
            ZeroResultQuery.record(zero_query)
    clean = params.copy()
    for name in invalid:
        clean.pop(name)
    for facet in results.facets:
        for option in facet.options:
            option.url = _url(clean, **{facet.name: None if option.selected else option.value})
    context = {
        "query": raw,
        "results": results,
        "searched": bool(raw) or filters.is_active,
        "degraded": degraded,
        "notices": notices,
        "sorts": [(key, label, _url(clean, sort=key), key == sort) for key, label in SORTS.items()],
        "active_filters": [
            (facet.label, option.label, option.url)
            for facet in results.facets
            for option in facet.options
            if option.selected
        ],
        "clear_url": _url(clean, **dict.fromkeys(FACETS)),
        "previous_url": _url(clean, page=results.page - 1) if results.has_previous else "",
        "next_url": _url(clean, page=results.page + 1) if results.has_next else "",
        "first_number": (results.page - 1) * results.page_size + 1,
        "examples": EXAMPLES,
    }
    with timing.span("template"):
        response = render(request, "search/search.html", context)
    response.degraded = degraded
    return response, zero_query


@require_GET
def suggest(request):
    prefix = request.GET.get("q", "")
    suggestions, degraded = backends.suggest(prefix)
    response = JsonResponse(
        {"query": prefix, "suggestions": suggestions, "degraded": degraded},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
