"""A main item (主项) and its variants (办理项): the side-by-side comparison, and listings that
show a family once with its variants under it."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import MatterMaterial, MatterPage


@dataclass
class MaterialRow:
    name: str
    needed: list  # per variant: its necessity, or "" when it does not ask for it


@dataclass
class Comparison:
    variants: list
    materials: list = field(default_factory=list)

    def differs(self, attribute):
        return len({getattr(v, attribute) for v in self.variants}) > 1


def compare(item):
    """The live, public variants of a main item, and their materials row by row."""
    variants = list(
        MatterPage.objects.live().public().filter(main_item=item).order_by("title")
        .prefetch_related(Prefetch("materials", queryset=MatterMaterial.objects.order_by(
            "sort_order")))
    )  # fmt: skip
    names = list(dict.fromkeys(m.name for v in variants for m in v.materials.all()))
    rows = []
    for name in names:
        needed = []
        for variant in variants:
            found = next((m for m in variant.materials.all() if m.name == name), None)
            needed.append(found.necessity if found else "")
        rows.append(MaterialRow(name, needed))
    return Comparison(variants=variants, materials=rows)


@dataclass
class Family:
    """One entry of a listing: a matter alone, or the variants of one main item."""

    first: object
    variants: list = field(default_factory=list)

    @property
    def main_item(self):
        return self.first.main_item if self.variants else None


def families(matters):
    """Matters in listing order, the variants of a main item gathered under its first one."""
    entries, by_item = [], {}
    for matter in matters:
        item_id = getattr(matter, "main_item_id", None)
        if item_id is None:
            entries.append(Family(matter))
        elif item_id in by_item:
            by_item[item_id].variants.append(matter)
        else:
            by_item[item_id] = Family(matter, [matter])
            entries.append(by_item[item_id])
    for entry in entries:
        if len(entry.variants) == 1:
            entry.variants = []
    return entries
