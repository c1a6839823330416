"""Public views of the open data: the matters behind a figure, a figure table in full or as
a download, a chart alone."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms_pages.compression import accepts_gzip
from reform.lists import matters_table

from .catalogue_files import current_file
from .charts import render_svg, table_chart
from .matters import MatterQuery
from .rendering import table_context
from .statistics import find_table

PAGE_SIZE = 50


def statistics_url():
    from cms_pages.models import StatisticsPage

    page = StatisticsPage.objects.live().first()
    return page.url if page else "/"


class ListLinks:
    """What includes/matter_list.html needs to link to other pages of the same list."""

    def __init__(self, query):
        self.query = query

    def querystring_without_page(self):
        return self.query.querystring()


def _query(request):
    query, invalid = MatterQuery.from_params(request.GET)
    if not invalid:
        return query, []
    return query, [_("有筛选条件无法识别，已忽略：%(names)s。") % {"names": "、".join(invalid)}]


@require_GET
def matter_list(request):
    query, notices = _query(request)
    matters = query.matters().select_related("department").order_by("path")
    page_obj = Paginator(matters, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = query.querystring()
    return render(request, "opendata/matter_list.html", {
        "query": query, "conditions": query.describe(), "notices": notices,
        "page_obj": page_obj, "filter": ListLinks(query), "show_department": True,
        "download_query": f"?{querystring}" if querystring else "",
        "statistics_url": statistics_url(),
    })  # fmt: skip


@require_GET
def matter_list_download(request, fmt):
    query, _notices = _query(request)
    stamp = timezone.localdate().isoformat()
    conditions = "；".join(query.describe()) or _("全部公开事项")
    table = matters_table(
        query.matters(), title=_("事项清单：%(c)s（%(d)s）") % {"c": conditions, "d": stamp},
        filename=f"matters-{stamp}", meta={"filters": query.querystring()},
    )  # fmt: skip
    return table.response(fmt)


def _table(key):
    table = find_table(key)
    if table is None:
        raise Http404(_("没有这张统计表。"))
    return table


@require_GET
def figure_table(request, key):
    context = {**table_context(_table(key), full=True), "statistics_url": statistics_url()}
    return render(request, "opendata/table_page.html", context)


@require_GET
def figure_table_download(request, key, fmt):
    return _table(key).download(fmt)


@require_GET
def chart_svg(request, key):
    chart = table_chart(_table(key))
    if chart is None:
        raise Http404(_("这张统计表没有图表。"))
    return HttpResponse(render_svg(chart, standalone=True), content_type="image/svg+xml")


CATALOGUE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


@require_GET
def catalogue_download(request, fmt):
    """The whole public catalogue, as last built after a publish."""
    if fmt not in CATALOGUE_TYPES:
        raise Http404(_("没有这种格式，可下载 csv、xlsx 或 json。"))
    stored = current_file(fmt)
    stamp = timezone.localtime(stored.built_at)
    body, encoding = _catalogue_body(request, stored)
    response = FileResponse(
        body, as_attachment=True, content_type=CATALOGUE_TYPES[fmt],
        filename=f"catalogue-{stamp:%Y%m%d-%H%M}.{fmt}",
    )  # fmt: skip
    if encoding:
        # Also keeps the GZipMiddleware from compressing it again.
        response["Content-Encoding"] = encoding
    patch_vary_headers(response, ("Accept-Encoding",))
    response["Last-Modified"] = http_date(stored.built_at.timestamp())
    return response


def _catalogue_body(request, stored):
    """The gzip companion written at build time for a client that accepts gzip, else the plain
    file (which the GZipMiddleware still compresses for a file built before companions)."""
    if stored.gzip_file and accepts_gzip(request.headers.get("Accept-Encoding")):
        try:
            return stored.gzip_file.open("rb"), "gzip"
        except FileNotFoundError:
            pass  # removed by hand: the plain file is still the same catalogue
    return stored.file.open("rb"), None
