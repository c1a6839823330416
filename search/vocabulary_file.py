"""The base vocabulary shipped with the site (data/vocabulary.tsv), as synonym rows.

Each line is a concept: every colloquial phrase gets a row listing all official phrasings,
so 狗证 reaches 养犬登记 and 犬类准养证 alike; or a group of interchangeable words (补办,
补领, 遗失补发), each of which gets a row listing the others. Loading only adds: rows and
official terms editors already have are kept, nothing they removed or changed is undone
except that a term the file lists is added back to its row.
"""

from collections import OrderedDict
from pathlib import Path

from django.utils.translation import gettext as _

from .chinese import normalise

PATH = Path(__file__).resolve().parent / "data" / "vocabulary.tsv"
# i18n: data
CONCEPT, SAME = "概念", "同义"
# i18n: data
NOTE = "基础词库·{theme}"
MAX_COLLOQUIAL = 50
MAX_OFFICIAL = 200


def read(path=PATH):
    """[(theme, colloquial, official terms)] in file order, one entry per colloquial phrase."""
    entries = OrderedDict()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, theme, official, colloquial = (line.split("\t") + ["", "", "", ""])[:4]
        official = [normalise(t).replace(" ", "") for t in official.split()]
        if kind == CONCEPT:
            pairs = [(normalise(c).replace(" ", ""), official) for c in colloquial.split()]
        elif kind == SAME:
            pairs = [(word, [t for t in official if t != word]) for word in official]
        else:
            raise ValueError(
                _("%(name)s 第 %(number)s 行：未知类型“%(kind)s”")
                % {"name": path.name, "number": number, "kind": kind}
            )
        for phrase, terms in pairs:
            known = entries.setdefault(phrase, (theme, []))[1]
            known.extend(t for t in terms if t not in known and t != phrase)
    return [(theme, phrase, terms) for phrase, (theme, terms) in entries.items() if terms]


def _fit(terms):
    kept = []
    for term in terms:
        if len(" ".join([*kept, term])) > MAX_OFFICIAL:
            break
        kept.append(term)
    return kept


def load(synonym_model, path=PATH):
    """Add the file's pairs to the synonym list; returns (rows created, rows extended)."""
    existing = {s.colloquial: s for s in synonym_model.objects.all()}
    created, extended = [], []
    for theme, phrase, terms in read(path):
        if len(phrase) > MAX_COLLOQUIAL:
            continue
        row = existing.get(phrase)
        if row is None:
            row = synonym_model(colloquial=phrase, official=" ".join(_fit(terms)),
                                note=NOTE.format(theme=theme))  # fmt: skip
            existing[phrase] = row
            created.append(row)
            continue
        have = row.official.split()
        missing = [t for t in terms if t not in have]
        if missing:
            row.official = " ".join(_fit(have + missing))
            extended.append(row)
    synonym_model.objects.bulk_create(created, batch_size=500)
    for row in extended:
        row.save(update_fields=["official", "updated_at"])
    return len(created), len(extended)
