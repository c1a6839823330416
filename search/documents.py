"""The matter document: what is indexed for one published matter, on either backend.

`prepare` turns a live MatterPage into plain data; the OpenSearch backend stores it as a
MatterDocument, the database backend as a SearchDocument row plus postings. `fingerprint`
tells whether a republish changed the document: one that did not cannot change an answer.
"""

import hashlib
import json

from django.db.models import Prefetch
from opensearchpy import Boolean, Document, Index, Integer, Keyword, Text

from . import analyzers
from .chinese import index_words, pinyin_full, pinyin_initials
from .models import split_terms
from .wording import title_act

# Fields matched term by term (cjk bigrams), with the weight of a match in each.
FIELD_WEIGHTS = {
    "title": 10.0,
    "aliases": 8.0,
    "result_name": 6.0,
    "memberships": 3.0,
    "themes": 3.0,
    "department": 2.0,
    "labels": 1.0,
}
WORDS_WEIGHT = 1.0
CONDITIONS_SUMMARY_LENGTH = 300
# Relations through which a page lists matters, so the matter's document carries that
# page's title: (related name on MatterPage, attribute of the relation row that is the page).
MEMBERSHIP_RELATIONS = (("bundle_memberships", "bundle"), ("batch_memberships", "batch"))


class MatterDocument(Document):
    page_id = Integer()
    url = Keyword(index=False)
    code = Keyword(normalizer=analyzers.lowercase)
    title = Text(analyzer=analyzers.CJK, fields={"raw": Keyword()})
    aliases = Text(analyzer=analyzers.CJK, multi=True)
    result_name = Text(analyzer=analyzers.CJK)
    memberships = Text(analyzer=analyzers.CJK, multi=True)
    themes = Text(analyzer=analyzers.CJK, multi=True)
    department = Text(analyzer=analyzers.CJK)
    labels = Text(analyzer=analyzers.CJK, multi=True)
    words = Text(analyzer=analyzers.words)
    # Shown (and highlighted) in results; matched through `words`.
    materials = Text(analyzer=analyzers.CJK, multi=True)
    conditions = Text(analyzer=analyzers.CJK)
    pinyin = Keyword(multi=True)
    initials = Keyword(multi=True)
    department_id = Integer()
    theme_ids = Integer(multi=True)
    service_objects = Keyword(multi=True)
    matter_type = Keyword()
    level = Keyword()
    care_tags = Keyword(multi=True)
    visits = Integer()
    online_depth = Integer()
    # The reform rules' flags (cms_pages.service_rules.RULE_NAMES), filtered and counted.
    zero_visits = Boolean()
    at_most_once = Boolean()
    fully_online = Boolean()
    immediate = Boolean()
    promised_days = Integer()
    time_unit = Keyword(index=False)
    fee_charged = Boolean()
    title_length = Integer()
    variant = Keyword()


def matter_index(name):
    index = Index(name)
    index.settings(**analyzers.INDEX_SETTINGS)
    index.document(MatterDocument)
    return index


def live_matters():
    """Live matters with everything `prepare` reads, in as few queries as possible."""
    from cms_pages.models import MatterPage

    queryset = (
        MatterPage.objects.live()
        .public()
        .prefetch_related(
            "themes", "care_tags", Prefetch("materials", to_attr="prefetched_materials")
        )
    )
    for relation, member in MEMBERSHIP_RELATIONS:
        queryset = queryset.prefetch_related(f"{relation}__{member}")
    return queryset.order_by("pk")


def department_map():
    """Department pages by tree path. A matter's department is its parent page, read from
    the path so a move is reflected even before anything else has caught up with it."""
    from cms_pages.models import DepartmentPage

    return {d.path: d for d in DepartmentPage.objects.only("id", "path", "title")}


def _service_objects(value):
    from cms_pages.taxonomy import LEGAL_PERSON, NATURAL_PERSON

    return [NATURAL_PERSON, LEGAL_PERSON] if value == "both" else [value]


def _memberships(matter):
    titles = []
    for relation, member in MEMBERSHIP_RELATIONS:
        for row in getattr(matter, relation).all():
            page = getattr(row, member)
            if page.live:
                titles.append(page.title)
    return titles


def prepare(matter, departments):
    """Plain data for one live matter; `departments` comes from department_map()."""
    aliases = split_terms(matter.common_names)
    rows = getattr(matter, "prefetched_materials", None)
    materials = [m.name for m in (matter.materials.all() if rows is None else rows)]
    conditions = " ".join(matter.condition_lines)[:CONDITIONS_SUMMARY_LENGTH]
    themes = list(matter.themes.all())
    named = [matter.title, *aliases, matter.result_name]
    department = departments.get(matter.path[: -matter.steplen])
    return {
        "page_id": matter.pk,
        "url": matter.get_url(),
        "code": matter.code,
        "title": matter.title,
        "aliases": aliases,
        "result_name": matter.result_name,
        "memberships": _memberships(matter),
        "themes": [t.name for t in themes],
        "department": department.title if department else "",
        "labels": [matter.matter_type, matter.level],
        "words": " ".join(
            dict.fromkeys(index_words(" ".join([*materials, conditions, matter.handling_office])))
        ),
        "materials": materials,
        "conditions": conditions,
        "pinyin": list(dict.fromkeys(pinyin_full(t) for t in named if t)),
        "initials": list(dict.fromkeys(pinyin_initials(t) for t in named if t)),
        "department_id": department.pk if department else None,
        "theme_ids": [t.pk for t in themes],
        "service_objects": _service_objects(matter.service_object),
        "matter_type": matter.matter_type,
        "level": matter.level,
        "care_tags": [tag.name for tag in matter.care_tags.all()],
        "visits": matter.visits,
        "online_depth": matter.online_depth,
        **matter.rule_flags,
        "promised_days": matter.promised_days,
        "time_unit": matter.time_unit,
        "fee_charged": matter.fee_charged,
        "title_length": len(matter.title),
        "variant": title_act(matter.title),
    }


def fingerprint(doc, matter):
    """A digest of what `prepare` made of this matter, equal for equal documents. `words`
    counts as the text it is cut from: jieba's cut depends on the words this process has added
    to its dictionary (lexicon.py), so the same matter would differ between processes."""
    stable = {**doc, "words": [doc["materials"], doc["conditions"], matter.handling_office]}
    canonical = json.dumps(stable, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
