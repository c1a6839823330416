"""Comparing two batches, or a batch with today: which matters were added, removed, changed.

"Today" for a batch of a listed kind (最多跑一次, 全程网办, 即办件) is that live list now, so
the comparison shows what joined or left the list since the batch; for other kinds it is the
batch's own matters as they are live now.
"""

from dataclasses import dataclass, field

from .figures import FIGURE_FIELDS, live_figures
from .lists import BY_KIND, live_matters

SHOWN = 500


@dataclass
class Entry:
    code: str
    title: str
    department: str
    matter_id: int | None
    figures: dict
    time_unit: str = ""


@dataclass
class Comparison:
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    common: int = 0

    @property
    def unchanged_count(self):
        return self.common - len(self.changed)


def release_snapshot(release):
    return {
        m.code: Entry(m.code, m.title, m.department_title, m.matter_id,
                      {name: m.after(name) for name, _l, _u in FIGURE_FIELDS}, m.time_unit)
        for m in release.matters.all()
    }  # fmt: skip


def today_snapshot(batch, release):
    live_list = BY_KIND.get(batch.kind)
    if live_list is not None:
        matters = live_list.matters()
    else:
        matters = live_matters().filter(id__in=release.matters.values("matter_id"))
    rows = list(matters.values_list("id", "code", "title", "department__title", "time_unit"))
    figures = live_figures(row[0] for row in rows)
    return {
        code: Entry(code, title, department or "", matter_id, figures[matter_id], unit)
        for matter_id, code, title, department, unit in rows
    }


def compare(old, new):
    result = Comparison()
    for code, entry in new.items():
        before = old.get(code)
        if before is None:
            result.added.append(entry)
            continue
        result.common += 1
        diffs = [
            (label, before.figures[name], entry.figures[name], unit or entry.time_unit)
            for name, label, unit in FIGURE_FIELDS
            if before.figures[name] != entry.figures[name]
        ]
        if diffs or before.title != entry.title:
            result.changed.append((before, entry, diffs))
    result.removed = [entry for code, entry in old.items() if code not in new]
    return result
