"""A procedure as a graph: the model, its critical path, and the ordered text summary.

The same `Flow` drives the SVG drawing (flowchart_svg.py), the text version
(includes/procedure_text.html) and the editors' time-limit warning, so the three never
disagree. Bundles (bundles.py) build a Flow whose steps are whole matters.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .taxonomy import TIME_UNITS

WORKING_DAY, NATURAL_DAY = TIME_UNITS
# Only used to decide which of two parallel branches in different units is longer.
NATURAL_PER_WORKING = 7 / 5

# By law (行政许可法 第三十二条) the acceptance step has two standard side exits.
CORRECTION_DAYS = 5
# i18n: data
ACCEPTANCE_WORDS = ("受理", "审核", "审查")
# i18n: data
STANDARD_STEPS = ("申请", "受理", "审查", "决定", "送达")


@dataclass(frozen=True)
class Days:
    """A duration that keeps working and natural days apart: they do not convert exactly."""

    working: int = 0
    natural: int = 0

    @classmethod
    def of(cls, days, unit):
        days = days or 0
        return cls(natural=days) if unit == NATURAL_DAY else cls(working=days)

    def __add__(self, other):
        return Days(self.working + other.working, self.natural + other.natural)

    @classmethod
    def sum(cls, durations):
        return sum(durations, cls())

    def __bool__(self):
        return bool(self.working or self.natural)

    def in_unit(self, unit):
        """Approximate length in one unit, for comparisons only."""
        if unit == NATURAL_DAY:
            return self.natural + self.working * NATURAL_PER_WORKING
        return self.working + self.natural / NATURAL_PER_WORKING

    def label(self):
        parts = []
        if self.working:
            parts.append(_("%(n)s个工作日") % {"n": self.working})
        if self.natural:
            parts.append(_("%(n)s个自然日") % {"n": self.natural})
        return " + ".join(parts) or _("0天")


@dataclass(frozen=True)
class Step:
    name: str
    days: int | None = None
    unit: str = WORKING_DAY
    actor: str = ""
    description: str = ""
    special: bool = False
    counts: bool = True  # toward the promised time limit

    @property
    def duration(self):
        return Days.of(self.days, self.unit) if self.counts else Days()

    @property
    def days_label(self):
        if self.days is None:
            return ""
        return Days.of(self.days, self.unit).label() if self.days else _("当场办结")

    @property
    def special_note(self):
        return special_note(self) if self.special else ""


@dataclass(frozen=True)
class Branch:
    office: str
    steps: tuple

    @property
    def duration(self):
        return Days.sum(step.duration for step in self.steps)

    @property
    def is_single_named_step(self):
        """Imported branches are one step named after the office; don't say it twice."""
        return len(self.steps) == 1 and self.steps[0].name == self.office


@dataclass(frozen=True)
class Stage:
    step: Step | None = None
    name: str = ""
    branches: tuple = ()
    side_exits: bool = False

    @property
    def is_parallel(self):
        return self.step is None

    def longest_branch(self, unit):
        return max(self.branches, key=lambda b: b.duration.in_unit(unit))

    def steps(self):
        if self.step is not None:
            return [self.step]
        return [step for branch in self.branches for step in branch.steps]


@dataclass(frozen=True)
class CriticalPath:
    route: tuple  # a label per stage; a parallel stage names its longest branch when one is
    steps: tuple  # along the longest route, excluded special steps included
    total: Days  # what counts toward the time limit
    excluded: tuple  # special steps that do not count
    unknown: int  # ordinary steps on the path without their own days

    @property
    def excluded_total(self):
        return Days.sum(Days.of(step.days, step.unit) for step in self.excluded)

    @property
    def has_known_days(self):
        return bool(self.total) or any(s.days is not None for s in self.steps if not s.special)


@dataclass(frozen=True)
class Flow:
    stages: tuple
    unit: str = WORKING_DAY
    standard: bool = False  # the matter publishes no procedure: the generic one is shown

    @classmethod
    def from_procedure(cls, procedure, unit):
        """Build from a matter's `procedure` StreamValue."""
        stages = []
        for block in procedure:
            kind, value = block.block_type, block.value
            if kind == "parallel":
                branches = tuple(
                    Branch(
                        office=(branch["office"] or "").strip(),
                        steps=tuple(_step(s, unit) for s in branch["steps"] if _named(s)),
                    )
                    for branch in value["branches"]
                )
                stages.append(Stage(name=(value["name"] or "").strip() or _("并联审批"),
                                    branches=tuple(b for b in branches if b.steps)))  # fmt: skip
            elif not _named(value):
                continue  # an unfinished draft; publishing requires a name
            elif kind == "special":
                stages.append(
                    Stage(
                        step=Step(
                            name=value["name"].strip(), days=value["days"],
                            unit=value["day_unit"] or unit, special=True,
                            counts=bool(value["counts_toward_limit"]),
                        )
                    )
                )  # fmt: skip
            else:
                stages.append(Stage(step=_step(value, unit)))
        stages = [s for s in stages if s.step is not None or s.branches]
        if not stages:
            return cls(stages=tuple(Stage(step=Step(_(n), unit=unit)) for n in STANDARD_STEPS),
                       unit=unit, standard=True)._with_side_exits()  # fmt: skip
        return cls(stages=tuple(stages), unit=unit)._with_side_exits()

    def _with_side_exits(self):
        index = acceptance_index(self.stages)
        if index is None:
            return self
        stages = list(self.stages)
        stages[index] = Stage(step=stages[index].step, side_exits=True)
        return Flow(stages=tuple(stages), unit=self.unit, standard=self.standard)

    def steps(self):
        return [step for stage in self.stages for step in stage.steps()]

    @property
    def correction_days(self):
        return CORRECTION_DAYS

    @property
    def step_count(self):
        return len(self.steps())

    @property
    def parallel_stages(self):
        return [stage for stage in self.stages if stage.is_parallel]

    def critical_path(self):
        route, path, total, unknown = [], [], Days(), 0
        for stage in self.stages:
            if stage.is_parallel:
                longest = stage.longest_branch(self.unit)
                steps = longest.steps
                if len({branch.duration for branch in stage.branches}) > 1:
                    route.append(f"{stage.name}（{longest.office}）")
                else:
                    route.append(stage.name)
            else:
                steps = [stage.step]
                route.append(stage.step.name)
            for step in steps:
                path.append(step)
                total += step.duration
                unknown += step.days is None and not step.special
        excluded = tuple(step for step in path if step.special and not step.counts)
        return CriticalPath(
            route=tuple(route), steps=tuple(path), total=total, excluded=excluded, unknown=unknown
        )

    def summary(self):
        """One sentence naming every stage in order: the SVG's description."""
        parts = []
        for stage in self.stages:
            if stage.is_parallel:
                offices = "、".join(b.office or b.steps[0].name for b in stage.branches)
                parts.append(_("%(stage)s（%(offices)s同时办理）")
                             % {"stage": stage.name, "offices": offices})  # fmt: skip
            elif stage.step.special:
                parts.append(f"{stage.step.name}（{special_note(stage.step)}）")
            else:
                parts.append(stage.step.name)
        return _("共%(n)s个环节，依次为：%(steps)s。") % {
            "n": self.step_count,
            "steps": " → ".join(parts),
        }


def _named(value):
    return bool((value.get("name") or "").strip())


def _step(value, unit):
    return Step(
        name=(value["name"] or "").strip(),
        days=value.get("days"),
        unit=unit,
        actor=(value.get("actor") or "").strip(),
        description=(value.get("description") or "").strip(),
    )


def acceptance_index(stages):
    """Where 补正 and 不予受理 branch off: the 受理 step, else the first review, else the first."""
    ordinary = [i for i, s in enumerate(stages) if not s.is_parallel and not s.step.special]
    for word in ACCEPTANCE_WORDS:
        for index in ordinary:
            if word in stages[index].step.name:
                return index
    return ordinary[0] if ordinary else None


def special_note(step):
    days = Days.of(step.days, step.unit).label()
    if step.counts:
        return _("%(days)s，计入办理时限") % {"days": days}
    return _("%(days)s，不计入办理时限") % {"days": days}


def critical_summary(critical):
    """The critical path in one sentence, for the SVG description."""
    parts = []
    if critical.has_known_days:
        parts.append(_("关键路径计入办理时限的环节合计%(days)s") % {"days": critical.total.label()})
    if critical.excluded:
        steps = "、".join(
            f"{s.name}（{Days.of(s.days, s.unit).label()}）" for s in critical.excluded
        )
        parts.append(_("不计入办理时限的特别程序：%(steps)s") % {"steps": steps})
    return "；".join(parts) + "。" if parts else ""


def parallel_stage_problems(value):
    """Structure errors of one parallel stage, as editors should read them.

    Returns (message about the stage, {branch index: {field: message}}).
    """
    stage = (value.get("name") or "").strip() or _("并联审批")
    branches = list(value.get("branches") or [])
    if not branches:
        return _(
            "并联审批阶段“%(stage)s”还没有分支：请添加至少两个同时办理的分支，或删除该阶段。"
        ) % {"stage": stage}, {}
    if len(branches) == 1:
        return _("并联审批阶段“%(stage)s”只有一个分支：只有一个机构办理时，请改用普通环节。") % {
            "stage": stage
        }, {}
    problems, seen = {}, set()
    for index, branch in enumerate(branches):
        office = (branch.get("office") or "").strip()
        if not office:
            problems[index] = {
                "office": _("第%(n)s个分支没有填写并联办理机构。") % {"n": index + 1}
            }
        elif office in seen:
            problems[index] = {
                "office": _("分支“%(office)s”在本阶段重复出现，请合并或改名。") % {"office": office}
            }
        elif not branch.get("steps"):
            problems[index] = {
                "steps": _("分支“%(office)s”没有环节：请至少添加一个环节。") % {"office": office}
            }
        seen.add(office)
    return None, problems


def special_step_problem(value):
    if not value.get("days"):
        return _("特别程序“%(name)s”须填写所需天数（大于0）。") % {"name": value.get("name") or ""}
    return None


def time_limit_warnings(matter):
    """What an editor is told when the critical path does not fit the promised time limit."""
    if matter.promised_days is None:
        return []
    total = Flow.from_procedure(matter.procedure, matter.time_unit).critical_path().total
    if total.in_unit(matter.time_unit) <= matter.promised_days:
        return []
    return [
        _(
            "办理流程关键路径合计%(total)s，超过承诺办结时限%(promised)s个%(unit)s。"
            "请核对各环节时限，或确认特别程序是否应计入办理时限。"
        )
        % {"total": total.label(), "promised": matter.promised_days, "unit": matter.time_unit}
    ]
