"""Context for the live lists and the batch comparison (routes of the batch index)."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cms_pages.figures import share
from cms_pages.filters import MatterFilter

from .compare import SHOWN, compare, release_snapshot, today_snapshot
from .lists import BY_SLUG, LIVE_LISTS, department_counts, live_matters, matters_table
from .public import released_batches


def _live_list(slug):
    live_list = BY_SLUG.get(slug)
    if live_list is None:
        raise Http404(_("没有这个清单。"))
    return live_list


def _themes_in(matters):
    from cms_pages.models import MatterPage, Theme

    through = MatterPage.themes.through.objects.filter(matterpage_id__in=matters.values("id"))
    return Theme.objects.filter(id__in=through.values("theme_id"))


def list_context(index, request, slug):
    live_list = _live_list(slug)
    base = live_list.matters()
    matter_filter = MatterFilter(request.GET, base, with_department=True)
    catalogue = live_matters().count()
    page_obj = matter_filter.page(request.GET.get("page"))
    count = page_obj.paginator.count
    query = matter_filter.querystring_without_page()
    return {
        "live_list": live_list,
        "other_lists": [other for other in LIVE_LISTS if other is not live_list],
        "filter": matter_filter,
        "themes": _themes_in(base),
        "page_obj": page_obj,
        "count": count,
        "share": share(count, catalogue),
        "catalogue": catalogue,
        "by_department": department_counts(matter_filter.queryset),
        "download_query": f"?{query}" if query else "",
        "show_department": True,
    }


def list_download(index, request, slug, fmt):
    live_list = _live_list(slug)
    matter_filter = MatterFilter(request.GET, live_list.matters())
    stamp = timezone.localdate().isoformat()
    table = matters_table(
        matter_filter.queryset,
        title=f"{index.get_site().site_name} {live_list.title}（{stamp}）",
        filename=f"{slug}-{stamp}",
        meta={"list": slug, "filters": {k: v for k, v in matter_filter.selected.items() if v}},
    )
    return table.response(fmt)


def compare_context(index, request):
    batches = released_batches(index)
    if not batches:
        return None
    by_id = {str(item["page"].pk): item for item in batches}
    old = by_id.get(request.GET.get("from", ""), batches[0])
    new = by_id.get(request.GET.get("to", ""))
    if new is None:
        new_snapshot = today_snapshot(old["page"], old["release"])
        new_label = _("今天")
    else:
        new_snapshot = release_snapshot(new["release"])
        new_label = new["page"].title
    comparison = compare(release_snapshot(old["release"]), new_snapshot)
    return {
        "batches": batches,
        "old": old,
        "new": new,
        "new_label": new_label,
        "comparison": comparison,
        "shown": SHOWN,
    }
