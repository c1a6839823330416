"""What citizens see: a batch with its figures, the batch archive and the live lists."""

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone
from django.utils.http import urlencode

from cms_pages import params
from cms_pages.figures import share
from cms_pages.service_rules import count_rules
from cms_pages.taxonomy import ONLINE_DEPTHS

from .capture import preview_matters
from .exports import Table
from .lists import live_matters, short_link

PAGE_SIZE = 50

# i18n: data
BATCH_COLUMNS = [
    ("序号", "number"), ("实施编码", "code"), ("事项名称", "title"), ("实施主体", "department"),
    ("到办事现场次数", "visits"), ("公布日期", "published"), ("备注", "note"),
    ("改革前到办事现场次数", "before_visits"), ("网办深度", "online_depth"),
    ("改革前网办深度", "before_online_depth"), ("法定办结时限", "statutory_days"),
    ("改革前法定办结时限", "before_statutory_days"), ("承诺办结时限", "promised_days"),
    ("改革前承诺办结时限", "before_promised_days"), ("时限单位", "time_unit"),
    ("申请材料数", "materials"), ("改革前申请材料数", "before_materials"),
    ("办理环节数", "steps"), ("改革前办理环节数", "before_steps"), ("链接", "url"),
]  # fmt: skip


def depth_name(depth):
    return ONLINE_DEPTHS.get(depth, "") if depth is not None else None


def batch_matters(batch):
    """The released matters of a live batch, or a preview of what releasing would publish."""
    release = batch.active_release if batch.pk and batch.live else None
    if release is not None:
        return release, list(release.matters.all())
    return None, preview_matters(batch)


def batch_statistics(matters):
    """Counts shown on a batch page, computed from its matters and the live catalogue."""
    catalogue = live_matters().count()
    departments = Counter((m.department_id, m.department_title) for m in matters)

    def count(test):
        return sum(1 for m in matters if test(m))

    def fewer(name):
        return count(lambda m: m.before(name) is not None and m.after(name) < m.before(name))

    return {
        "total": len(matters),
        "catalogue": catalogue,
        "share": share(len(matters), catalogue),
        "by_department": [
            {"id": dept_id, "title": title, "count": n, "share": share(n, len(matters))}
            for (dept_id, title), n in departments.most_common()
        ],
        **count_rules(m.rule_flags for m in matters),
        "fewer_visits": fewer("visits"),
        "fewer_materials": fewer("materials"),
        "fewer_steps": fewer("steps"),
        "faster": fewer("promised_days"),
    }


def batch_context(batch, request):
    release, matters = batch_matters(batch)
    number = params.integer(request.GET.get("department"), minimum=1)
    department = "" if number is None else str(number)
    shown = [m for m in matters if m.department_id == number] if department else matters
    return {
        "release": release,
        "statistics": batch_statistics(matters),
        "selected_department": department,
        "query": urlencode({"department": department}) if department else "",
        "page_obj": Paginator(shown, PAGE_SIZE).get_page(
            params.page_number(request.GET.get("page"))
        ),
        "index": batch.get_parent().specific,
    }


def published_date(batch, release):
    moment = release.released_at if release else batch.go_live_at
    return timezone.localtime(moment).date().isoformat() if moment else ""


def batch_table(batch):
    release, matters = batch_matters(batch)
    published = published_date(batch, release)
    rows = [
        [n, m.code, m.title, m.department_title, m.after_visits, published, m.note,
         m.before_visits, depth_name(m.after_online_depth), depth_name(m.before_online_depth),
         m.after_statutory_days, m.before_statutory_days, m.after_promised_days,
         m.before_promised_days, m.time_unit, m.after_materials, m.before_materials,
         m.after_steps, m.before_steps, short_link(m.code)]
        for n, m in enumerate(matters, start=1)
    ]  # fmt: skip
    meta = {"number": batch.number, "kind": batch.get_kind_display(), "published": published,
            "url": batch.full_url}  # fmt: skip
    return Table(title=batch.title, filename=f"batch-{batch.number:02d}", columns=BATCH_COLUMNS,
                 rows=rows, meta=meta)  # fmt: skip


def batch_download(batch, fmt):
    return batch_table(batch).response(fmt)


def released_batches(index):
    """Live batches under the index with their active release, newest release first."""
    from .models import BatchRelease, ReformBatchPage

    pages = {p.pk: p for p in ReformBatchPage.objects.child_of(index).live().public()}
    releases = (
        BatchRelease.objects.filter(batch_id__in=pages, rolled_back_at__isnull=True)
        .annotate(count=Count("matters"))
        .order_by("-released_at", "-id")
    )
    seen, result = set(), []
    for release in releases:
        if release.batch_id not in seen:
            seen.add(release.batch_id)
            result.append({"page": pages[release.batch_id], "release": release})
    return result
