"""The catalogue in figures: how many matters, of which type, department, level and theme,
and how many need at most one visit, no visit, are fully online or done on the spot."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms_pages.figures import share
from cms_pages.service_rules import AT_MOST_ONCE, FULLY_ONLINE, IMMEDIATE, ZERO_VISITS
from cms_pages.taxonomy import LEGAL_PERSON, LEVELS, MATTER_TYPES, NATURAL_PERSON

from .matters import link
from .tables import Cell, FigureTable

SHOWN_DEPARTMENTS = 15
AUDIENCES = {NATURAL_PERSON: gettext_lazy("个人"), LEGAL_PERSON: gettext_lazy("法人")}
# (rule, the filters of the link to its matters), in the order the figures are shown
REFORM_COUNTS = [
    (AT_MOST_ONCE, {"visits": "1"}),
    (ZERO_VISITS, {"visits": "0"}),
    (FULLY_ONLINE, {"online": "1"}),
    (IMMEDIATE, {"immediate": "1"}),
]


def _counts(matters, *group):
    aggregates = {"total": Count("id", distinct=True)}
    for rule, _filters in REFORM_COUNTS:
        aggregates[rule.name] = Count("id", filter=rule.q(), distinct=True)
    if not group:
        return matters.aggregate(**aggregates)
    return matters.values(*group).annotate(**aggregates).order_by()


def headline(matters):
    """{"total": n, "at_most_once": {"count", "share", "url"}, …}."""
    counts = _counts(matters)
    total = counts["total"] or 0
    result = {"total": total, "total_url": link()}
    for rule, filters in REFORM_COUNTS:
        result[rule.name] = {
            "label": str(rule.label),
            "count": counts[rule.name],
            "share": share(counts[rule.name], total),
            "url": link(**filters),
        }
    return result


def _reform_columns():
    columns = [_("事项数")]
    for rule, _filters in REFORM_COUNTS:
        columns += [str(rule.label), _("%(label)s占比（%%）") % {"label": rule.label}]
    return columns


def _reform_cells(counts, **filters):
    total = counts["total"]
    cells = [Cell(total, link(**filters))]
    for rule, extra in REFORM_COUNTS:
        count = counts[rule.name]
        cells += [Cell(count, link(**filters, **extra)), share(count, total)]
    return cells


def by_type(matters):
    found = {row["matter_type"]: row for row in _counts(matters, "matter_type")}
    rows = [[Cell(name), *_reform_cells(found[name], type=name)]
            for name in MATTER_TYPES if name in found]  # fmt: skip
    return FigureTable(
        "catalogue-by-type", _("按事项类型"), [_("事项类型"), *_reform_columns()], rows,
        chart=(_("事项类型"), [_("事项数")]),
    )  # fmt: skip


def by_level(matters):
    found = {row["level"]: row for row in _counts(matters, "level")}
    rows = [[Cell(level), *_reform_cells(found[level], level=level)]
            for level in LEVELS if level in found]  # fmt: skip
    return FigureTable(
        "catalogue-by-level", _("按行使层级"), [_("行使层级"), *_reform_columns()], rows,
        chart=(_("行使层级"), [_("事项数"), _("最多跑一次")]),
    )  # fmt: skip


def by_department(matters):
    rows = [
        [Cell(row["department__title"] or _("（未归属部门）")),
         *_reform_cells(row, department=row["department_id"])]
        for row in sorted(
            _counts(matters, "department_id", "department__title", "department__path"),
            key=lambda row: (-row["total"], row["department__path"] or ""),
        )
    ]  # fmt: skip
    return FigureTable(
        "catalogue-by-department", _("按实施部门"), [_("实施部门"), *_reform_columns()], rows,
        chart=(_("实施部门"), [_("事项数"), _("最多跑一次")]), shown_rows=SHOWN_DEPARTMENTS,
        note=_("按事项数从多到少排列。"),
    )  # fmt: skip


def by_theme(matters):
    """Every theme of the national lists, the empty ones too (0 is a finding)."""
    from cms_pages.models import Theme

    counts = dict(
        matters.filter(themes__isnull=False)
        .values_list("themes")
        .annotate(n=Count("id", distinct=True))
        .values_list("themes", "n")
        .order_by()
    )
    rows = []
    for theme in Theme.objects.order_by("audience", "sort_order"):
        n = counts.get(theme.pk, 0)
        name = f"{theme.name}（{AUDIENCES[theme.audience]}）"
        rows.append([Cell(name), Cell(n, link(theme=theme.pk) if n else "")])
    rows.sort(key=lambda row: -row[1].value)
    return FigureTable(
        "catalogue-by-theme", _("按主题"), [_("主题"), _("事项数")], rows,
        chart=(_("主题"), [_("事项数")]), shown_rows=20,
        note=_("包括国家主题目录中尚无事项的主题（事项数为 0）。"),
    )  # fmt: skip


def catalogue_tables(matters):
    return [by_type(matters), by_level(matters), by_department(matters), by_theme(matters)]
