"""The figures a reform changes, read off a matter: visits, steps, materials, days, online depth.

Steps are the blocks of the procedure (a parallel stage counts as one step); materials are the
rows of the checklist. Both come from the matter itself, never typed in by hand.
"""

import json

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

# (name, label, unit); an empty unit means the matter's time unit.
FIGURE_FIELDS = [
    ("visits", _("到办事现场次数"), _("次")),
    ("steps", _("办理环节"), _("个")),
    ("materials", _("申请材料"), _("项")),
    ("statutory_days", _("法定办结时限"), ""),
    ("promised_days", _("承诺办结时限"), ""),
]
FIGURE_NAMES = [name for name, _label, _unit in FIGURE_FIELDS] + ["online_depth"]

# A revision may state its pre-reform baseline explicitly (改革对比 tab); it wins over the
# previously live values.
STATED_BEFORE = {
    "visits": "before_visits",
    "steps": "before_steps",
    "materials": "before_materials",
    "statutory_days": "before_statutory_days",
    "promised_days": "before_promised_days",
}


def figures_of(matter, material_count=None):
    """Figures of a MatterPage, live row or revision object (children in memory)."""
    if material_count is None:
        material_count = len(matter.materials.all())
    return {
        "visits": matter.visits,
        "steps": len(matter.procedure),
        "materials": material_count,
        "statutory_days": matter.statutory_days,
        "promised_days": matter.promised_days,
        "online_depth": matter.online_depth,
    }


def figures_of_content(content):
    """Figures of a matter revision, read from its stored content without rebuilding it."""
    procedure = content.get("procedure") or "[]"
    if isinstance(procedure, str):
        procedure = json.loads(procedure)
    return {
        "visits": content["visits"],
        "steps": len(procedure),
        "materials": len(content.get("materials") or []),
        "statutory_days": content["statutory_days"],
        "promised_days": content["promised_days"],
        "online_depth": content["online_depth"],
    }


def stated_before(content):
    """The pre-reform figures a revision states itself, if any."""
    return {
        name: content.get(field)
        for name, field in STATED_BEFORE.items()
        if content.get(field) is not None
    }


def live_figures(matter_ids, chunk=500):
    """{matter id: figures} of the live matters among `matter_ids`, a few queries per chunk."""
    from cms_pages.models import MatterMaterial, MatterPage

    ids = list(matter_ids)
    result = {}
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        counts = dict(
            MatterMaterial.objects.filter(matter_id__in=part)
            .values_list("matter_id")
            .annotate(n=Count("id"))
            .values_list("matter_id", "n")
        )
        rows = MatterPage.objects.filter(id__in=part, live=True).only(
            "id", "visits", "procedure", "statutory_days", "promised_days", "online_depth"
        )
        for row in rows:
            result[row.id] = figures_of(row, counts.get(row.id, 0))
    return result
