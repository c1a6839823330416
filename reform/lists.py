"""Live reform lists: every live matter that needs at most one visit, is fully online, or is
done on the spot — always computed from the catalogue, never stored."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms_pages.params import is_code
from cms_pages.service_rules import (
    AT_MOST_ONCE,
    FULLY_ONLINE,
    IMMEDIATE,
    ServiceRule,
    handling_kind,
)
from cms_pages.taxonomy import ONLINE_DEPTHS

from .exports import Table


@dataclass(frozen=True)
class LiveList:
    slug: str
    title: str
    rule: ServiceRule
    description: str

    @property
    def kind(self):
        """The batch kind (ReformBatchPage.kind) whose list this is: the rule's name."""
        return self.rule.name

    def matters(self):
        return live_matters().meeting(self.rule)


LIVE_LISTS = [
    LiveList("at-most-once", _("“最多跑一次”事项"), AT_MOST_ONCE,
             _("到办事现场不超过一次的事项。")),
    LiveList("fully-online", _("全程网办事项"), FULLY_ONLINE,
             _("网办深度达到四级、全程在网上办理的事项。")),
    LiveList("immediate", _("即办件"), IMMEDIATE,
             _("承诺办结时限不超过1个工作日、当场或次日办结的事项。")),
]  # fmt: skip
BY_SLUG = {live_list.slug: live_list for live_list in LIVE_LISTS}
BY_KIND = {live_list.kind: live_list for live_list in LIVE_LISTS}


def live_matters():
    from cms_pages.models import MatterPage

    return MatterPage.objects.live().public()


def department_counts(matters):
    """[(department id, title, count)] in page-tree order."""
    return list(
        matters.values_list("department_id", "department__title")
        .annotate(n=Count("id", distinct=True))
        .order_by("department__path")
    )


def list_summaries():
    """The lists' counts are the catalogue figures the home page shows: one aggregate query."""
    from cms_pages.models import catalogue_figures

    figures = catalogue_figures()
    return [
        {"list": live_list, "count": figures[live_list.kind],
         "share": figures[f"{live_list.kind}_share"]}
        for live_list in LIVE_LISTS
    ]  # fmt: skip


# i18n: data
MATTER_COLUMNS = [
    ("序号", "number"), ("实施编码", "code"), ("事项名称", "title"), ("实施主体", "department"),
    ("事项类型", "matter_type"), ("到办事现场次数", "visits"), ("网办深度", "online_depth"),
    ("法定办结时限", "statutory_days"), ("承诺办结时限", "promised_days"),
    ("时限单位", "time_unit"), ("办件类型", "case_type"), ("是否收费", "fee_charged"),
    ("链接", "url"),
]  # fmt: skip


def short_link(code):
    """The printed short link; "" for a code saved before codes were checked, which no URL
    can carry, so one such matter cannot break a whole download."""
    if not is_code(code):
        return ""
    return settings.PUBLIC_BASE_URL + reverse("matter-short-link", args=[code])


def matters_table(matters, title, filename, meta=None):
    fields = ("code", "title", "department__title", "matter_type", "visits", "online_depth",
              "statutory_days", "promised_days", "time_unit", "fee_charged")  # fmt: skip
    # i18n: data
    rows = [
        [n, code, name, department, matter_type, visits, ONLINE_DEPTHS[depth], statutory,
         promised, unit, handling_kind(promised), "是" if fee else "否",
         short_link(code)]
        for n, (code, name, department, matter_type, visits, depth, statutory, promised, unit, fee)
        in enumerate(matters.order_by("path").values_list(*fields), start=1)
    ]  # fmt: skip
    return Table(title=title, filename=filename, columns=MATTER_COLUMNS, rows=rows,
                 meta=meta or {})  # fmt: skip
