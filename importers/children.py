"""Materials and legal bases on re-sync: matched by name, so editors' work survives.

A sheet carries only part of a material (name, form, counts, necessity, source) and of a
legal basis (name, article). Editors add the rest in the admin: blank forms, samples, notes,
the text of an article. A changed 申请材料 or 设定依据 cell therefore updates the rows it
matches by normalised name — same pk, same blank form — adds the new ones and drops only
those the sheet no longer lists. The same matching gives the preview its diff by name.
"""

import re
import unicodedata
from collections import defaultdict, deque

MATERIAL_FIELDS = ("name", "form", "originals", "copies", "is_electronic", "necessity", "source")
BASIS_FIELDS = ("name", "article")
# i18n: data
FIELD_LABELS = {"name": "名称", "form": "份数与形式", "necessity": "必要性", "source": "来源",
                "article": "条款"}  # fmt: skip
_NOISE = re.compile(r"[\s《》〈〉“”‘’\"'.,;:!?、，。；：！？·]")


def name_key(text):
    """For matching only (nothing stored): width, brackets, spaces and punctuation aside."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def _material_keys(material):
    return [name_key(material.name)]


def _basis_keys(basis):
    return [f"{name_key(basis.name)}|{name_key(basis.article)}", name_key(basis.name)]


def match(existing, parsed, keys):
    """[(existing or None, parsed)] and the existing rows nothing matched. Each parsed row
    takes the first unmatched row with its most specific key, then with a looser one."""
    pools = defaultdict(deque)
    for row in existing:
        for key in keys(row):
            pools[key].append(row)
    taken, pairs = set(), []
    for new in parsed:
        found = None
        for key in keys(new):
            pool = pools.get(key, ())
            while pool and id(pool[0]) in taken:
                pool.popleft()
            if pool:
                found = pool.popleft()
                taken.add(id(found))
                break
        pairs.append((found, new))
    return pairs, [row for row in existing if id(row) not in taken]


KINDS = {
    "materials": (MATERIAL_FIELDS, _material_keys),
    "legal_bases": (BASIS_FIELDS, _basis_keys),
}


def keep_editors_work(matter, values):
    """Replace parsed materials / legal bases in `values` by the matter's own rows, updated
    with what the sheet says; returns {attribute: diff} for the preview."""
    diffs = {}
    for attribute, (fields, keys) in KINDS.items():
        if attribute not in values:
            continue
        existing = list(getattr(matter, attribute).all())
        pairs, removed = match(existing, values[attribute], keys)
        merged, added, changed = [], [], []
        for old, new in pairs:
            if old is None:
                merged.append(new)
                added.append(new.name)
                continue
            differences = [
                (f, getattr(old, f), getattr(new, f))
                for f in fields
                if f in FIELD_LABELS and getattr(old, f) != getattr(new, f)
            ]
            if differences:
                changed.append([new.name, [[FIELD_LABELS[f], a, b] for f, a, b in differences]])
            for f in fields:
                setattr(old, f, getattr(new, f))
            merged.append(old)
        values[attribute] = merged
        diffs[attribute] = {
            "added": added,
            "removed": [row.name for row in removed],
            "changed": changed,
        }
    return diffs
