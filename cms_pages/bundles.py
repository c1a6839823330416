"""A 一件事 bundle as one plan: ordered stages of matters, one checklist, one flowchart.

Members with the same stage number are applied for together and handled in parallel; a later
stage starts when the earlier one has its result. The figures follow from that: the promised
days add up along the critical path (each stage takes as long as its slowest matter), and
visits are those of the most demanding matter, because one joint application covers all.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

from django.utils.translation import gettext as _

from .flowchart import Branch, Days, Flow, Stage, Step
from .flowchart_svg import Flowchart
from .page_cache import remembered
from .taxonomy import NECESSITIES

REQUIRED, NOT_REQUIRED, DEFERRABLE = NECESSITIES
# Which necessity wins when several matters ask for the same material.
NECESSITY_RANK = {REQUIRED: 0, DEFERRABLE: 1, NOT_REQUIRED: 2}
# i18n: data
FROM_LIBRARY = "调取电子证照库"

# Names departments write differently for the same document.
# i18n: data
MATERIAL_ALIASES = {
    "身份证": "居民身份证",
    "户口本": "居民户口簿",
    "户口簿": "居民户口簿",
    "代理人身份证明": "委托代理人身份证明",
    "营业执照副本": "营业执照",
}
# i18n: data
PARTS = re.compile(r"及|和|与")
# i18n: data
ALTERNATIVES = re.compile(r"或者|或")
# i18n: data
NOISE = re.compile(r"[\s·・()（）]|(?:原件|复印件)$")


def material_key(name):
    """Same document, same key: width, spacing, aliases and the order of 'A及B' ignored."""
    text = NOISE.sub("", unicodedata.normalize("NFKC", name))
    parts = (MATERIAL_ALIASES.get(part, part) for part in PARTS.split(text) if part)
    # i18n: data
    return "及".join(sorted(parts))


def _alternatives(name):
    """'营业执照或者其他主体资格证明' is satisfied by either document."""
    return [material_key(part) for part in ALTERNATIVES.split(name) if part.strip()]


@dataclass
class MaterialNeed:
    matter: object
    material: object

    @property
    def deferrable(self):
        return self.material.necessity == DEFERRABLE


@dataclass
class MergedMaterial:
    """One line of the merged checklist and every matter that asks for it."""

    name: str
    needs: list = field(default_factory=list)
    provided_by: object = None  # an earlier member matter whose result is this document

    @property
    def matters(self):
        return [need.matter for need in self.needs]

    @property
    def originals(self):
        # An original is shown once at the joint window, checked and handed back.
        return max(need.material.originals for need in self.needs)

    @property
    def copies(self):
        # Each department keeps its own copies in its file.
        return sum(need.material.copies for need in self.needs)

    @property
    def necessity(self):
        return min((n.material.necessity for n in self.needs), key=NECESSITY_RANK.get)

    @property
    def deferrable_for(self):
        """Matters that accept it later (容缺后补), kept even when another needs it now."""
        return [need.matter for need in self.needs if need.deferrable]

    @property
    def from_library(self):
        return all(need.material.source == FROM_LIBRARY for need in self.needs)

    @property
    def submit(self):
        return self.provided_by is None and not self.from_library

    @property
    def form_label(self):
        parts = []
        if self.originals:
            parts.append(_("原件%(n)s份") % {"n": self.originals})
        if self.copies:
            parts.append(_("复印件%(n)s份") % {"n": self.copies})
        if not parts:
            forms = {need.material.form for need in self.needs if need.material.form}
            parts = sorted(forms) or ["—"]
        return "，".join(parts)


def merge_checklist(stages):
    """Merge the materials of [(stage number, [matters])] into one checklist, in order."""
    merged, by_key = [], {}
    for _number, matters in stages:
        for matter in matters:
            for material in matter.materials.all():
                key = material_key(material.name)
                if key not in by_key:
                    by_key[key] = MergedMaterial(name=material.name)
                    merged.append(by_key[key])
                by_key[key].needs.append(MaterialNeed(matter, material))
    stage_of = {id(matter): number for number, matters in stages for matter in matters}
    for item in merged:
        first_need = min(stage_of[id(m)] for m in item.matters)
        item.provided_by = _provider(item.name, stages, before=first_need)
    return merged


def _provider(name, stages, before):
    alternatives = [key for key in _alternatives(name) if len(key) >= 3]
    for number, matters in stages:
        if number >= before:
            break
        for matter in matters:
            result = material_key(matter.result_name or "")
            if result and any(result.endswith(key) for key in alternatives):
                return matter
    return None


class BundlePlan:
    """Everything a bundle page and its printed notice show, computed from live members."""

    def __init__(self, bundle, stages=None):
        """`stages`, [(number, [matters])], defaults to the bundle's live members in order."""
        self.bundle = bundle
        self.stages = live_stages(bundle) if stages is None else stages

    @property
    def matters(self):
        return [matter for _number, matters in self.stages for matter in matters]

    @cached_property
    def checklist(self):
        return merge_checklist(self.stages)

    @property
    def to_submit(self):
        return [item for item in self.checklist if item.submit]

    @property
    def not_to_submit(self):
        return [item for item in self.checklist if not item.submit]

    @property
    def separate_material_count(self):
        return sum(len(item.needs) for item in self.checklist)

    @cached_property
    def flow(self):
        stages = []
        for number, matters in self.stages:
            steps = [
                Step(
                    name=m.title, days=m.promised_days, unit=m.time_unit,
                    actor=(m.department.short_name or m.department.title) if m.department else "",
                )
                for m in matters
            ]  # fmt: skip
            if len(steps) == 1:
                stages.append(Stage(step=steps[0]))
            else:
                stages.append(
                    Stage(name=_("第%(n)s步") % {"n": number},
                          branches=tuple(Branch(office=s.name, steps=(s,)) for s in steps))
                )  # fmt: skip
        return Flow(stages=tuple(stages))

    @cached_property
    def critical(self):
        return self.flow.critical_path()

    @property
    def total_days(self):
        return self.critical.total

    @property
    def separate_days(self):
        return Days.sum(Days.of(m.promised_days, m.time_unit) for m in self.matters)

    @property
    def visits(self):
        return max((m.visits for m in self.matters), default=0)

    @property
    def separate_visits(self):
        return sum(m.visits for m in self.matters)

    @cached_property
    def flowchart(self):
        steps = []
        for number, matters in self.stages:
            names = "、".join(m.title for m in matters)
            together = _("（同时办理）") if len(matters) > 1 else ""
            steps.append(_("第%(n)s步：%(names)s%(together)s") % {
                "n": number, "names": names, "together": together
            })  # fmt: skip
        description = _("%(title)s共%(n)s个事项，分%(stages)s步办理。%(steps)s。"
                        "按关键路径承诺办结时限合计%(days)s，到现场最多%(visits)s次。") % {
            "title": self.bundle.title, "n": len(self.matters), "stages": len(self.stages),
            "steps": "；".join(steps), "days": self.total_days.label(), "visits": self.visits,
        }  # fmt: skip
        return Flowchart(
            title=_("%(title)s联办流程图") % {"title": self.bundle.title},
            flow=self.flow,
            description=description,
        )


def _public_matters():
    from .models import MatterPage

    return MatterPage.objects.live().public()


def live_stages(bundle):
    """The bundle's members that citizens may see, by stage; a private matter is left out."""
    members = (
        bundle.members.filter(matter__in=_public_matters())
        .select_related("matter", "matter__department")
        .prefetch_related("matter__materials")
        .order_by("stage", "sort_order", "pk")
    )
    # Stage numbers are renumbered 1, 2, … so gaps left by editors don't show.
    return [
        (number, [member.matter for member in group])
        for number, (_stage, group) in enumerate(groupby(members, key=lambda m: m.stage), start=1)
    ]


def bundles_for_matter(matter):
    from .models import BundleMember, BundlePage

    # Most matters belong to no bundle: the members, which change only when a bundle is
    # published, spare them the privacy check and the page query.
    bundled = remembered(
        "bundled-matters", lambda: set(BundleMember.objects.values_list("matter_id", flat=True))
    )
    if matter.pk not in bundled:
        return []
    return list(BundlePage.objects.live().public().filter(members__matter=matter).distinct())


def bundles_for_theme(theme):
    from .models import BundlePage

    return list(
        BundlePage.objects.live()
        .public()
        .filter(members__matter__themes=theme, members__matter__in=_public_matters())
        .distinct()
        .order_by("path")
    )
