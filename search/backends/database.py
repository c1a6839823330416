"""The embedded backend: an inverted index in the site's own database (SQLite or PostgreSQL).

Each live matter is a SearchDocument row; its short fields become cjk-bigram postings and its
long fields jieba-word postings (SearchPosting), so a fragment such as 营业执照 finds
个体工商户营业执照核发 without any database full-text extension. Matching follows
query.py; scores are BM25's idf times the weight of the best field a term occurs in.
"""

import math
from collections import Counter

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Max, Min, Q, Value, When
from django.utils.translation import gettext_lazy as _
from tqdm import tqdm
from wagtail.models import Page

from cms_pages.service_rules import RULE_NAMES

from .. import results_cache
from ..chinese import cjk_terms, is_pinyin_query
from ..documents import (
    FIELD_WEIGHTS,
    WORDS_WEIGHT,
    department_map,
    fingerprint,
    live_matters,
    prepare,
)
from ..highlight import highlight
from ..models import SearchDocument, SearchPosting
from . import posting_sql
from .base import (
    ACT_BOOST,
    CODE_WEIGHT,
    DOCUMENT_BOOST,
    HOMOPHONE_WEIGHT,
    PINYIN_WEIGHT,
    RULE_FACETS,
    RawResults,
    SearchBackend,
)

BATCH = 500
MAX_TERM_LENGTH = 64
FACET_COLUMNS = ("department_id", "theme_ids", "service_objects", *RULE_NAMES, "matter_type",
                 "level", "care_tags", "promised_days", "title_length", "variant")  # fmt: skip
HIT_COLUMNS = ("title", "url", "code", "department_title", "matter_type", "visits",
               "online_depth", "promised_days", "time_unit", "fee_charged", "aliases",
               "result_name", "memberships", "materials", "conditions")  # fmt: skip


def _bar(values):
    return "|" + "|".join(str(v) for v in values) + "|" if values else ""


def _split_bar(text):
    return [v for v in text.split("|") if v]


def prepared(matter, departments):
    """A matter's document and its fingerprint."""
    doc = prepare(matter, departments)
    return doc, fingerprint(doc, matter)


def document_row(doc, digest):
    """SearchDocument fields from a prepared matter document and its fingerprint."""
    return SearchDocument(
        page_id=doc["page_id"], title=doc["title"], url=doc["url"], code=doc["code"],
        aliases="、".join(doc["aliases"])[:255], result_name=doc["result_name"],
        memberships="、".join(doc["memberships"]), department_id=doc["department_id"],
        department_title=doc["department"], theme_ids=_bar(doc["theme_ids"]),
        service_objects=_bar(doc["service_objects"]), matter_type=doc["matter_type"],
        level=doc["level"], care_tags=_bar(doc["care_tags"]), visits=doc["visits"],
        online_depth=doc["online_depth"],
        **{name: doc[name] for name in RULE_NAMES},
        promised_days=doc["promised_days"], time_unit=doc["time_unit"],
        fee_charged=doc["fee_charged"], materials="、".join(doc["materials"]),
        conditions=doc["conditions"], pinyin=_bar(doc["pinyin"]),
        initials=_bar(doc["initials"]), title_length=doc["title_length"],
        variant=doc["variant"], fingerprint=digest,
    )  # fmt: skip


def postings(doc):
    """The postings of one prepared document: (term, kind, weight)."""
    weights = {}
    for name, weight in FIELD_WEIGHTS.items():
        values = doc[name] if isinstance(doc[name], list) else [doc[name]]
        for value in values:
            for term in cjk_terms(value):
                weights[term] = max(weights.get(term, 0.0), weight)
    rows = [(t, SearchPosting.CJK, w) for t, w in weights.items()]
    rows += [(w, SearchPosting.WORD, WORDS_WEIGHT) for w in dict.fromkeys(doc["words"].split())]
    return [row for row in rows if len(row[0]) <= MAX_TERM_LENGTH]


def _posting_objects(doc):
    return [
        SearchPosting(document_id=doc["page_id"], term=term, kind=kind, weight=weight)
        for term, kind, weight in postings(doc)
    ]


def _filter_q(filters, prefix=""):
    q = Q()
    if filters.theme is not None:
        q &= Q(**{f"{prefix}theme_ids__contains": f"|{filters.theme}|"})
    if filters.department is not None:
        q &= Q(**{f"{prefix}department_id": filters.department})
    if filters.object is not None:
        q &= Q(**{f"{prefix}service_objects__contains": f"|{filters.object}|"})
    for rule in filters.rules():
        q &= Q(**{f"{prefix}{rule.name}": True})
    if filters.type is not None:
        q &= Q(**{f"{prefix}matter_type": filters.type})
    if filters.level is not None:
        q &= Q(**{f"{prefix}level": filters.level})
    if filters.care is not None:
        q &= Q(**{f"{prefix}care_tags__contains": f"|{filters.care}|"})
    return q


def _facet_counts(rows):
    counts = {name: Counter() for name in ("theme", "department", "object", "visits", "online",
                                           "type", "level", "care")}  # fmt: skip
    for row in rows:
        counts["theme"].update(int(t) for t in _split_bar(row["theme_ids"]))
        if row["department_id"] is not None:
            counts["department"][row["department_id"]] += 1
        counts["object"].update(_split_bar(row["service_objects"]))
        for facet, options in RULE_FACETS.items():
            for value, rule in options.items():
                if row[rule.name]:
                    counts[facet][value] += 1
        counts["type"][row["matter_type"]] += 1
        counts["level"][row["level"]] += 1
        counts["care"].update(_split_bar(row["care_tags"]))
    return {name: dict(counter) for name, counter in counts.items()}


class DatabaseBackend(SearchBackend):
    name = "database"
    label = _("数据库检索")

    # ---- searching

    def _idf(self, cjk, words):
        total = SearchDocument.objects.count()
        sql, params = posting_sql.frequencies({SearchPosting.CJK: cjk, SearchPosting.WORD: words})
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        return {(t, k): math.log(1 + (total - df + 0.5) / (df + 0.5)) for t, k, df in found}

    def _posting_matches(self, rung, filters):
        """Documents matched through postings: {page_id: (score, facet row)}."""
        clauses = [c for c in rung.clauses if c.terms]
        if not any(c.required for c in clauses):
            return {}
        kinded = [(SearchPosting.WORD if c.long else SearchPosting.CJK, c.terms, c.required)
                  for c in clauses]  # fmt: skip
        cjk = {t for k, terms, _r in kinded if k == SearchPosting.CJK for t in terms}
        words = {t for k, terms, _r in kinded if k == SearchPosting.WORD for t in terms}
        idf = self._idf(cjk, words)
        allowed = None
        if filters.is_active:
            allowed = SearchDocument.objects.filter(_filter_q(filters)).values("page_id")
            allowed = allowed.query.sql_with_params()
        sql, params = posting_sql.matching(kinded, idf, FACET_COLUMNS, allowed)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        width = len(FACET_COLUMNS)
        matches = {}
        for row in rows:
            sums = row[1 + width :]
            score = sum(
                clause.boost * (sums[2 * i + 1] or 0.0)
                for i, clause in enumerate(clauses)
                if sums[2 * i] >= max(clause.required, 1)
            )
            facets = dict(zip(FACET_COLUMNS, row[1 : 1 + width], strict=True))
            matches[row[0]] = (score, facets)
        return matches

    def _scan_matches(self, rung, filters):
        """Documents matched by pinyin, homophones or code: {page_id: (score, facet row)}."""
        q = Q()
        if rung.letters:
            q |= Q(pinyin__contains=rung.letters) | Q(initials__contains=rung.letters)
        for homophone in rung.homophones:
            q |= Q(pinyin__contains=homophone)
        if rung.code:
            q |= Q(code__iexact=rung.code)
        if not q:
            return {}
        rows = (
            SearchDocument.objects.filter(q)
            .filter(_filter_q(filters))
            .values("page_id", "pinyin", "initials", "code", *FACET_COLUMNS)
        )
        matches = {}
        for row in rows:
            score = 0.0
            if rung.letters and rung.letters in row["pinyin"]:
                score += PINYIN_WEIGHT
            if rung.letters and rung.letters in row["initials"]:
                score += PINYIN_WEIGHT
            score += HOMOPHONE_WEIGHT * sum(1 for h in rung.homophones if h in row["pinyin"])
            if rung.code and row["code"].lower() == rung.code:
                score += CODE_WEIGHT
            matches[row["page_id"]] = (score, {c: row[c] for c in FACET_COLUMNS})
        return matches

    def _matches(self, parsed, rung, filters):
        if rung is None:
            rows = SearchDocument.objects.filter(_filter_q(filters)).values(
                "page_id", *FACET_COLUMNS
            )
            return {row.pop("page_id"): (0.0, row) for row in rows}
        matches = self._posting_matches(rung, filters)
        for page_id, (score, row) in self._scan_matches(rung, filters).items():
            matches[page_id] = (matches.get(page_id, (0.0, row))[0] + score, row)
        return self._multiplied(parsed, matches)

    @staticmethod
    def _multiplied(parsed, matches):
        """The act and document multipliers (backends.base), as the engine applies them."""
        issuing = set()
        if parsed.documents and matches:
            named = Q()
            for phrase in parsed.documents:
                named |= Q(result_name__contains=phrase)
            issuing = set(
                SearchDocument.objects.filter(named, pk__in=list(matches)).values_list(
                    "pk", flat=True
                )
            )
        for page_id, (score, row) in matches.items():
            factor = ACT_BOOST if parsed.act and row["variant"] == parsed.act else 1.0
            if page_id in issuing:
                factor *= DOCUMENT_BOOST
            matches[page_id] = (score * factor, row)
        return matches

    def _search(self, parsed, rung, filters, sort, offset, limit):
        matches = self._matches(parsed, rung, filters)
        if sort == "days":
            order = sorted(
                matches, key=lambda p: (matches[p][1]["promised_days"], -matches[p][0], p)
            )
        else:
            order = sorted(
                matches, key=lambda p: (-matches[p][0], matches[p][1]["title_length"], p)
            )
        page_ids = order[offset : offset + limit]
        stored = SearchDocument.objects.in_bulk(page_ids)
        terms = parsed.highlight_terms
        rows = [self._row(stored[p], matches[p][0], terms) for p in page_ids]
        return RawResults(len(matches), rows, _facet_counts(r for _s, r in matches.values()))

    @staticmethod
    def _row(doc, score, terms):
        highlights = {
            "title": highlight(doc.title, terms),
            "aliases": highlight(doc.aliases, terms),
            "result_name": highlight(doc.result_name, terms),
            "memberships": highlight(doc.memberships, terms),
            "materials": highlight(doc.materials, terms, whole=False),
            "conditions": highlight(doc.conditions, terms, whole=False),
        }
        return {
            "page_id": doc.page_id, "title": doc.title, "url": doc.url, "code": doc.code,
            "department": doc.department_title, "matter_type": doc.matter_type,
            "visits": doc.visits, "online_depth": doc.online_depth,
            "promised_days": doc.promised_days, "time_unit": doc.time_unit,
            "fee_charged": doc.fee_charged, "score": score, "highlights": highlights,
        }  # fmt: skip

    def _suggest(self, prefix, limit):
        contains, starts = Q(title__icontains=prefix), Q(title__istartswith=prefix)
        if is_pinyin_query(prefix):
            contains |= Q(pinyin__contains=prefix) | Q(initials__contains=prefix)
            starts |= Q(pinyin__contains="|" + prefix) | Q(initials__contains="|" + prefix)
        titles = list(
            SearchDocument.objects.filter(contains)
            .values("title")
            .annotate(
                starts=Max(Case(When(starts, then=Value(1)), default=Value(0),
                                output_field=IntegerField())),
                length=Min("title_length"),
                first=Min("page_id"),
            )
            .order_by("-starts", "length", "first")[:limit]
        )  # fmt: skip
        docs = SearchDocument.objects.in_bulk([t["first"] for t in titles])
        return [
            {"title": t["title"], "url": docs[t["first"]].url,
             "department": docs[t["first"]].department_title}
            for t in titles
        ]  # fmt: skip

    # ---- keeping documents in step

    def update(self, page_ids):
        """Bring these matters' documents in step with their pages; returns the ids whose
        document was added, changed or removed. A republish that leaves a document as it
        was rewrites nothing and can change no answer."""
        page_ids = set(page_ids)
        departments = department_map()
        with transaction.atomic():
            live = list(live_matters().filter(pk__in=page_ids))
            gone = page_ids - {m.pk for m in live}
            removed = set(SearchDocument.objects.filter(pk__in=gone).values_list("pk", flat=True))
            SearchDocument.objects.filter(pk__in=removed).delete()
            # A deleted page took its document with it (the key cascades): nothing is left to
            # compare, and the engine may still hold the document.
            existing = Page.objects.filter(pk__in=gone).values_list("pk", flat=True)
            changed = removed | (gone - set(existing))
            stored = dict(
                SearchDocument.objects.filter(pk__in=page_ids - gone).values_list(
                    "pk", "fingerprint"
                )
            )
            # A batch of documents is replaced at once (an import publishes thousands).
            for start in range(0, len(live), BATCH):
                batch = [prepared(m, departments) for m in live[start : start + BATCH]]
                batch = [(d, digest) for d, digest in batch if stored.get(d["page_id"]) != digest]
                ids = [doc["page_id"] for doc, _digest in batch]
                SearchPosting.objects.filter(document_id__in=ids).delete()
                SearchDocument.objects.filter(pk__in=ids).delete()
                self._store(batch)
                changed.update(ids)
        return changed

    def rebuild(self, progress=False):
        matters, departments = live_matters(), department_map()
        with transaction.atomic():
            SearchPosting.objects.all().delete()
            SearchDocument.objects.all().delete()
            bar = tqdm(
                total=matters.count(),
                desc=_("重建数据库索引"),
                unit=_("项"),
                disable=not progress or None,
            )
            batch = []
            for matter in matters.iterator(chunk_size=BATCH):
                batch.append(prepared(matter, departments))
                if len(batch) == BATCH:
                    self._store(batch)
                    bar.update(len(batch))
                    batch = []
            self._store(batch)
            bar.update(len(batch))
            bar.close()
            results_cache.advance_after_commit()
        return self.count()

    @staticmethod
    def _store(batch):
        """Rows for (document, fingerprint) pairs."""
        SearchDocument.objects.bulk_create([document_row(d, digest) for d, digest in batch])
        SearchPosting.objects.bulk_create(
            [p for d, _digest in batch for p in _posting_objects(d)], batch_size=5000
        )

    def count(self):
        return SearchDocument.objects.count()
