"""Before → after: what the reform changed, for the catalogue as a whole (matters that state
their pre-reform figures) and for each released reform batch (the figures its release
captured). Steps are the blocks of the procedure, materials the checklist rows, as in
reform.figures."""

from django.db.models import Count, F, Func, IntegerField, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .matters import BEFORE_FIELDS, active_releases, link, reformed_condition
from .numbers import mean, reduction
from .tables import Cell, FigureTable

# (name, label, unit)
FIGURES = [
    ("visits", gettext_lazy("到办事现场次数"), gettext_lazy("次")),
    ("steps", gettext_lazy("办理环节"), gettext_lazy("个")),
    ("materials", gettext_lazy("申请材料"), gettext_lazy("项")),
    ("statutory_days", gettext_lazy("法定办结时限"), gettext_lazy("天")),
    ("promised_days", gettext_lazy("承诺办结时限"), gettext_lazy("天")),
]


FIGURE_NAMES = [name for name, _label, _unit in FIGURES]


class JSONArrayLength(Func):
    """Number of blocks in a StreamField, counted by the database."""

    function = "json_array_length"
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="jsonb_array_length", **extra)


def change_of(pairs):
    """Figures of [(before, after)] where before is known."""
    known = [(b, a) for b, a in pairs if b is not None]
    return {
        "count": len(known),
        "before": mean(b for b, _a in known),
        "after": mean(a for _b, a in known),
        "reduction": reduction(sum(b for b, _a in known), sum(a for _b, a in known)),
    }


def catalogue_pairs(matters):
    """{figure name: [(before, after)]}: the figures matters state for before the reform,
    against their figures now. Only matters that state one are read, and materials are
    counted in one grouped query of their own (a join under every matter was most of a cold
    statistics page)."""
    from cms_pages.models import MatterMaterial

    stating = matters.filter(reformed_condition())
    after = {
        "visits": F("visits"),
        "steps": JSONArrayLength("procedure"),
        "statutory_days": F("statutory_days"),
        "promised_days": F("promised_days"),
    }
    annotations = {f"now_{name}": expression for name, expression in after.items()}
    for name in FIGURE_NAMES:
        field = BEFORE_FIELDS.get(name)
        annotations[f"was_{name}"] = F(field) if field else Value(None, IntegerField())
    materials = dict(
        MatterMaterial.objects.filter(matter__in=stating.values("pk"))
        .values_list("matter_id")
        .annotate(n=Count("id"))
        .values_list("matter_id", "n")
        .order_by()
    )
    pairs = {name: [] for name in FIGURE_NAMES}
    for row in stating.annotate(**annotations).values("pk", *annotations).order_by():
        row["now_materials"] = materials.get(row["pk"], 0)
        for name in FIGURE_NAMES:
            pairs[name].append((row[f"was_{name}"], row[f"now_{name}"]))
    return pairs


def catalogue_change(matters):
    pairs = catalogue_pairs(matters)
    changes = {name: change_of(pairs[name]) for name, _label, _unit in FIGURES}
    url = link(reformed="1")
    rows = [
        [Cell(str(label)), Cell(changes[name]["count"], url if changes[name]["count"] else ""),
         changes[name]["before"], changes[name]["after"], changes[name]["reduction"], str(unit)]
        for name, label, unit in FIGURES
    ]  # fmt: skip
    table = FigureTable(
        "reform-catalogue", _("全部事项：改革前后"),
        [_("指标"), _("有改革前数据的事项"), _("改革前平均"), _("现在平均"), _("减少（%）"),
         _("单位")],
        rows, chart=(_("指标"), [_("改革前平均"), _("现在平均")]), chart_kind="pairs",
        note=_("只计算填写了改革前数据的事项；“现在”是这些事项当前公开的数据。"),
    )  # fmt: skip
    return changes, table


def batch_changes():
    """[(batch, {figure: change}, matter count)] for each live batch's active release (its
    newest one not rolled back), in batch order."""
    from reform.models import ReleasedMatter

    active = active_releases()
    rows = {release.pk: [] for release in active.values()}
    for row in ReleasedMatter.objects.filter(release_id__in=rows).order_by("sort_order"):
        rows[row.release_id].append(row)
    result = []
    for release in sorted(active.values(), key=lambda r: (r.batch.number, r.batch_id)):
        members = rows[release.pk]
        changes = {
            name: change_of([(m.before(name), m.after(name)) for m in members])
            for name, _label, _unit in FIGURES
        }
        result.append((release.batch, changes, len(members)))
    return result


def batch_table():
    columns = [_("改革批次"), _("事项数")]
    for _name, label, _unit in FIGURES:
        columns += [_("%(label)s：改革前") % {"label": label},
                    _("%(label)s：改革后") % {"label": label}]  # fmt: skip
    rows = []
    for batch, changes, count in batch_changes():
        row = [Cell(batch.title, batch.url or ""), Cell(count, link(batch=batch.pk))]
        for name, _label, _unit in FIGURES:
            row += [changes[name]["before"], changes[name]["after"]]
        rows.append(row)
    return FigureTable(
        "reform-batches", _("各改革批次：改革前后（平均值）"), columns, rows,
        chart=(_("改革批次"), [_("到办事现场次数：改革前"), _("到办事现场次数：改革后")]),
        chart_kind="pairs",
        note=_("每个批次发布时记录的改革前、后数据的平均值；天数按各事项的时限单位计。"),
    )  # fmt: skip
