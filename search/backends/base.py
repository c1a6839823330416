"""What every search backend offers, and the parts they share.

A backend answers `search(query, filters, sort, page)` with SearchResults (hits with
highlights, facets with counts, total, whether they are approximate), `suggest(prefix)` for
autocomplete, and keeps its documents in step through `update(page_ids)` and `rebuild()`.
Subclasses implement the underscored methods.
"""

import math
import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms_pages import params as read
from cms_pages.content_language import as_written
from cms_pages.models.english import reading_english
from cms_pages.service_rules import ONLINE_OPTIONS, VISIT_OPTIONS, ServiceRulesMixin
from cms_pages.taxonomy import (
    CARE_TAG_ALIASES,
    CARE_TAGS,
    LEGAL_PERSON,
    LEVELS,
    MATTER_TYPES,
    NATURAL_PERSON,
)
from cms_pages.taxonomy import label as catalogue_label

from .. import results_cache, timing
from ..chinese import normalise
from ..english import hits_in_reading_language, suggestions_in_reading_language
from ..guides import bundle_hits
from ..query import ParsedQuery, parse

PAGE_SIZE = 10
SUGGEST_LIMIT = 8
FACET_LIMIT = 30  # options per facet, most frequent first
SORTS = {"relevance": _("相关度"), "days": _("承诺时限最短")}
# Result snippets: the first of these fields that holds a highlighted match is shown.
SNIPPET_FIELDS = {
    "aliases": _("别名"),
    "result_name": _("办理结果"),
    "memberships": _("一件事"),
    "materials": _("申请材料"),
    "conditions": _("受理条件"),
}
SERVICE_OBJECT_LABELS = {NATURAL_PERSON: _("个人"), LEGAL_PERSON: _("法人")}
# Facets whose options are reform rules: facet → {value: rule}.
RULE_FACETS = {"visits": VISIT_OPTIONS, "online": ONLINE_OPTIONS}
VISIT_LABELS = {value: rule.label for value, rule in VISIT_OPTIONS.items()}
ONLINE_LABELS = {value: rule.label for value, rule in ONLINE_OPTIONS.items()}
# Facets in display order: query-string name → label.
FACETS = {
    "theme": _("主题"),
    "department": _("实施部门"),
    "object": _("服务对象"),
    "visits": _("跑动次数"),
    "online": _("网上办理"),
    "type": _("事项类型"),
    "level": _("行使层级"),
    "care": _("特别关爱"),
}
_MARKED = re.compile(r"<mark>(.*?)</mark>")
# Searches that only score (pinyin, homophones, codes) weigh like a match in these fields.
PINYIN_WEIGHT = 10.0
HOMOPHONE_WEIGHT = 5.0
CODE_WEIGHT = 1000.0
# Multipliers: the member of a family the query asks for (办X证 → 新办, 补办 → 补领), and
# matters issuing the document a query names on its own (营业执照).
ACT_BOOST = 1.3
DOCUMENT_BOOST = 1.5


def _place_labels():
    """Theme and department names by id in the active language, read once per
    published-content generation."""
    from cms_pages.models import DepartmentPage, Theme, ThemePage
    from cms_pages.page_cache import generation

    key = ("facet-labels", get_language(), generation(), results_cache.generation())
    labels = results_cache.answers.get(key)
    if labels is None:
        english = {}
        if reading_english():
            english = dict(ThemePage.objects.exclude(title_en="").values_list("theme", "title_en"))
        departments = DepartmentPage.objects.values_list("pk", "title", "title_en")
        labels = {
            "theme": {t.pk: format_html("{}（{}）", as_written(english.get(t.pk, t.name)),
                                        SERVICE_OBJECT_LABELS[t.audience])
                      for t in Theme.objects.all()},
            "department": {pk: as_written(title_en if title_en and reading_english() else title)
                           for pk, title, title_en in departments},
        }  # fmt: skip
        results_cache.answers.put(key, labels)
    return labels


@dataclass(frozen=True)
class Filters:
    theme: int | None = None
    department: int | None = None
    object: str | None = None
    visits: str | None = None
    online: str | None = None
    type: str | None = None
    level: str | None = None
    care: str | None = None

    @classmethod
    def from_params(cls, params):
        """Valid filters from a query string, and the names of the ones that were not."""
        values, invalid = {}, []
        for name in FACETS:
            raw = (params.get(name) or "").strip()
            if not raw:
                continue
            value = cls._clean(name, raw)
            if value is None:
                invalid.append(name)
            else:
                values[name] = value
        return cls(**values), invalid

    @staticmethod
    def _clean(name, raw):
        if name in ("theme", "department"):
            return read.integer(raw, minimum=1)
        allowed = {
            "object": SERVICE_OBJECT_LABELS,
            "visits": VISIT_LABELS,
            "online": ONLINE_LABELS,
            "type": MATTER_TYPES,
            "level": LEVELS,
            "care": CARE_TAGS,
        }[name]
        raw = CARE_TAG_ALIASES.get(raw, raw) if name == "care" else raw
        return read.choice(raw, allowed)

    @property
    def is_active(self):
        return any(getattr(self, name) is not None for name in FACETS)

    def selected(self, name):
        value = getattr(self, name)
        return None if value is None else str(value)

    def rules(self):
        """The reform rules a matter must meet to pass the visits and online filters."""
        return [
            options[value]
            for name, options in RULE_FACETS.items()
            if (value := getattr(self, name)) is not None
        ]


@dataclass
class Hit(ServiceRulesMixin):
    page_id: int
    title: str
    url: str
    code: str
    department: str
    matter_type: str
    visits: int
    online_depth: int
    promised_days: int
    time_unit: str
    fee_charged: bool
    title_html: str
    snippet_label: str = ""
    snippet_html: str = ""
    score: float = 0.0
    summary: str = ""  # the English summary, for readers of English (english.py)
    kind: str = "matter"  # or "bundle": a 一件事 shown above the matters it takes


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""  # set by the view: this page with the option toggled


@dataclass
class Facet:
    name: str
    label: str
    options: list


@dataclass
class SearchResults:
    query: ParsedQuery
    filters: Filters
    sort: str
    page: int
    total: int = 0
    hits: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    backend: str = ""
    page_size: int = PAGE_SIZE
    approximate: bool = False  # nothing matched strictly; these share some of the words

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    def facet(self, name):
        return next((f for f in self.facets if f.name == name), None)


@dataclass
class RawResults:
    """What a backend's `_search` returns: hits as document rows plus highlights."""

    total: int
    rows: list  # dicts with the Hit fields except the html ones, plus "highlights"
    facet_counts: dict  # facet name → {value: count}


class SearchBackend:
    name = ""
    label = ""

    # ---- searching

    def search(self, query, filters=None, sort="relevance", page=1):
        parsed = query if isinstance(query, ParsedQuery) else parse(query)
        filters = filters or Filters()
        sort = sort if sort in SORTS else "relevance"
        results = SearchResults(parsed, filters, sort, max(1, page), backend=self.name)
        if parsed.is_empty and not filters.is_active:
            return results
        offset = (results.page - 1) * PAGE_SIZE
        if parsed.is_empty:
            rung, raw = None, self._search(parsed, None, filters, sort, offset, PAGE_SIZE)
        else:
            # Down the ladder (query.py) until a rung finds something.
            for rung in parsed.ladder():
                timing.add("rungs", 1)
                raw = self._search(parsed, rung, filters, sort, offset, PAGE_SIZE)
                if raw.total:
                    break
            else:
                rung, raw = None, RawResults(0, [], {})
        if offset and offset >= raw.total > 0:
            # A page past the end (an old link): show the last page instead.
            results.page = math.ceil(raw.total / PAGE_SIZE)
            return self.search(parsed, filters, sort, results.page)
        results.total = raw.total
        results.approximate = bool(rung and rung.approximate)
        with timing.span("hits"):
            results.hits = [self._hit(row) for row in raw.rows]
            results.facets = self._facets(raw.facet_counts, filters)
            if results.page == 1 and sort == "relevance" and not filters.is_active:
                results.hits[:0] = bundle_hits(parsed)
            results.hits = hits_in_reading_language(results.hits)
        return results

    def suggest(self, prefix, limit=SUGGEST_LIMIT):
        """Titles for autocomplete: containing what was typed, in Han characters, full pinyin
        or initials; titles that start with it first, then shorter ones."""
        prefix = normalise(prefix).replace(" ", "")[:50]
        if not prefix:
            return []
        return suggestions_in_reading_language(self._suggest(prefix, limit))

    def _search(self, parsed, rung, filters, sort, offset, limit):
        """One rung of the ladder (None: every document the filters let through)."""
        raise NotImplementedError

    def _suggest(self, prefix, limit):
        raise NotImplementedError

    # ---- keeping documents in step

    def update(self, page_ids):
        """Bring these pages' documents up to date: index live matters, drop the rest."""
        raise NotImplementedError

    def rebuild(self, progress=False):
        raise NotImplementedError

    def count(self):
        raise NotImplementedError

    # ---- shared helpers

    def _hit(self, row):
        """A Hit from a row; the snippet is the field with the most marked text (the first
        of SNIPPET_FIELDS on a tie)."""
        highlights = row.pop("highlights", {})
        marked = {name: len("".join(_MARKED.findall(highlights.get(name) or "")))
                  for name in SNIPPET_FIELDS}  # fmt: skip
        best = max(SNIPPET_FIELDS, key=lambda name: marked[name])
        label, snippet = (str(SNIPPET_FIELDS[best]), highlights[best]) if marked[best] else ("", "")
        title_html = highlights.get("title") or escape(row["title"])
        return Hit(**row, title_html=title_html, snippet_label=label, snippet_html=snippet)

    def _facets(self, counts, filters):
        labels = {
            "object": SERVICE_OBJECT_LABELS,
            "visits": VISIT_LABELS,
            "online": ONLINE_LABELS,
            "type": {t: catalogue_label(t) for t in MATTER_TYPES},
            "level": {level: catalogue_label(level) for level in LEVELS},
            "care": {tag: catalogue_label(tag) for tag in CARE_TAGS},
        }
        labels.update(_place_labels())
        facets = []
        for name, facet_label in FACETS.items():
            found = counts.get(name, {})
            selected = getattr(filters, name)
            options = [
                FacetOption(
                    str(value), str(labels[name].get(value, value)), count, selected == value
                )  # fmt: skip
                for value, count in found.items()
                if count and value in labels[name]
            ]
            if selected is not None and not any(o.selected for o in options):
                options.append(FacetOption(str(selected), str(labels[name].get(selected, selected)),
                                           0, True))  # fmt: skip
            if name in ("theme", "department", "type"):
                options.sort(key=lambda o: (not o.selected, -o.count, o.label))
            facets.append(Facet(name, str(facet_label), options[:FACET_LIMIT]))
        return facets
