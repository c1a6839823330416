"""How fast matters are done: statutory against promised time limits, overall, per
department and per level. Time limits are taken in the unit each matter states (工作日 or
自然日); the two are not converted into each other."""

from collections import defaultdict

from django.utils.translation import gettext as _

from cms_pages.figures import share
from cms_pages.taxonomy import LEVELS

from .matters import FAST_DAYS, link
from .numbers import mean, median, reduction
from .tables import Cell, FigureTable

SHOWN_DEPARTMENTS = 15


def speed_of(pairs):
    """Figures of [(statutory, promised)]."""
    statutory = [s for s, _p in pairs]
    promised = [p for _s, p in pairs]
    fast = sum(1 for p in promised if p <= FAST_DAYS)
    return {
        "count": len(pairs),
        "statutory_mean": mean(statutory),
        "promised_mean": mean(promised),
        "saving": reduction(sum(statutory), sum(promised)),
        "statutory_median": median(statutory),
        "promised_median": median(promised),
        "fast": fast,
        "fast_share": share(fast, len(pairs)),
    }


def _rows(matters):
    return list(
        matters.values_list(
            "department_id", "department__title", "department__path", "level",
            "statutory_days", "promised_days",
        ).order_by()
    )  # fmt: skip


def _columns(first):
    return [
        first, _("事项数"), _("平均法定时限（天）"), _("平均承诺时限（天）"), _("提速（%）"),
        _("法定时限中位数（天）"), _("承诺时限中位数（天）"),
        _("%(n)s天内办结") % {"n": FAST_DAYS}, _("%(n)s天内办结占比（%%）") % {"n": FAST_DAYS},
    ]  # fmt: skip


def _cells(figures, **filters):
    url = link(**filters)
    return [
        Cell(figures["count"], url), figures["statutory_mean"], figures["promised_mean"],
        figures["saving"], figures["statutory_median"], figures["promised_median"],
        Cell(figures["fast"], link(**filters, max_days=FAST_DAYS)), figures["fast_share"],
    ]  # fmt: skip


def speed_tables(matters):
    rows = _rows(matters)
    pairs = [(s, p) for *_group, s, p in rows]
    overall = speed_of(pairs)
    by_level, by_department, titles = defaultdict(list), defaultdict(list), {}
    for department_id, title, path, level, statutory, promised in rows:
        by_level[level].append((statutory, promised))
        by_department[department_id].append((statutory, promised))
        titles[department_id] = (title or _("（未归属部门）"), path or "")
    overall_table = FigureTable(
        "speed-overall", _("全部事项"), _columns(_("范围")),
        [[Cell(_("全部公开事项")), *_cells(overall)]],
    )  # fmt: skip
    level_table = FigureTable(
        "speed-by-level", _("按行使层级"), _columns(_("行使层级")),
        [[Cell(level), *_cells(speed_of(by_level[level]), level=level)]
         for level in LEVELS if by_level[level]],
        chart=(_("行使层级"), [_("平均法定时限（天）"), _("平均承诺时限（天）")]), unit=_("天"),
    )  # fmt: skip
    ordered = sorted(by_department, key=lambda d: (-len(by_department[d]), titles[d][1]))
    department_table = FigureTable(
        "speed-by-department", _("按实施部门"), _columns(_("实施部门")),
        [[Cell(titles[d][0]), *_cells(speed_of(by_department[d]), department=d)]
         for d in ordered],
        chart=(_("实施部门"), [_("平均法定时限（天）"), _("平均承诺时限（天）")]), unit=_("天"),
        shown_rows=SHOWN_DEPARTMENTS, note=_("按事项数从多到少排列。"),
    )  # fmt: skip
    return overall, [overall_table, level_table, department_table]
