"""Poster scans (posters.ScanCount) per month and per department, for the last year."""

import datetime

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from posters.models import ScanCount

from .matters import link
from .tables import Cell, FigureTable

MONTHS = 12
SHOWN_DEPARTMENTS = 15


def recent_months(today=None, count=MONTHS):
    """The first days of the last `count` months, oldest first, this month last."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    months = []
    for _i in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _month_label(month):
    return f"{month:%Y-%m}"


def scan_tables(today=None):
    months = recent_months(today)
    recent = ScanCount.objects.filter(day__gte=months[0])
    by_month = {
        row["month"]: row
        for row in recent.annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(scans=Sum("scans"), outdated=Sum("outdated_scans"))
        .order_by()
    }
    month_rows = [
        [Cell(_month_label(m)), by_month.get(m, {}).get("scans") or 0,
         by_month.get(m, {}).get("outdated") or 0]
        for m in months
    ]  # fmt: skip
    month_table = FigureTable(
        "scans-by-month", _("海报扫码：按月"), [_("月份"), _("扫码次数"), _("其中扫到过期海报")],
        month_rows, chart=(_("月份"), [_("扫码次数")]), chart_kind="columns",
    )  # fmt: skip
    cross = {}
    for department_id, title, path, month, scans in (
        recent.annotate(month=TruncMonth("day"))
        .values_list("matter__department_id", "matter__department__title",
                     "matter__department__path", "month")
        .annotate(scans=Sum("scans"))
        .order_by()
    ):  # fmt: skip
        entry = cross.setdefault(department_id, {"title": title, "path": path or "", "months": {}})
        entry["months"][month] = scans
    ordered = sorted(
        cross.items(), key=lambda item: (-sum(item[1]["months"].values()), item[1]["path"])
    )
    department_rows = [
        [Cell(entry["title"] or _("（未归属部门）"), link(department=department_id)),
         sum(entry["months"].values()), *[entry["months"].get(m, 0) for m in months]]
        for department_id, entry in ordered
    ]  # fmt: skip
    department_table = FigureTable(
        "scans-by-department", _("海报扫码：按部门、按月"),
        [_("实施部门"), _("近%(n)s个月合计") % {"n": MONTHS}, *map(_month_label, months)],
        department_rows, chart=(_("实施部门"), [_("近%(n)s个月合计") % {"n": MONTHS}]),
        shown_rows=SHOWN_DEPARTMENTS, note=_("按扫码次数从多到少排列；只统计有扫码的部门。"),
    )  # fmt: skip
    total = sum(row[1] for row in month_rows)
    return total, [month_table, department_table]
