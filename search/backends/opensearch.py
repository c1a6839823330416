"""The OpenSearch backend: the same matching rules as the database backend (query.py),
expressed as engine queries over the MatterDocument index, behind an alias so a rebuild
can swap in a new index atomically."""

import time

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from opensearchpy import Q, Search
from opensearchpy.helpers import bulk, streaming_bulk
from tqdm import tqdm

from .. import results_cache, timing
from ..chinese import cjk_terms, is_pinyin_query
from ..client import EngineUnavailable, alias_name, engine_call
from ..documents import (
    FIELD_WEIGHTS,
    WORDS_WEIGHT,
    department_map,
    live_matters,
    matter_index,
    prepare,
)
from .base import (
    ACT_BOOST,
    CODE_WEIGHT,
    DOCUMENT_BOOST,
    FACET_LIMIT,
    HOMOPHONE_WEIGHT,
    PINYIN_WEIGHT,
    RULE_FACETS,
    RawResults,
    SearchBackend,
)

BATCH = 500
# Index maintenance waits for the cluster to agree (a new index, an alias swap, replicas
# written), which on a busy cluster takes longer than a citizen's search may wait; and a
# create that timed out and was retried on another node would find its own index there.
MAINTENANCE_TIMEOUT = 60
HIT_FIELDS = ["page_id", "title", "url", "code", "department", "matter_type", "visits",
              "online_depth", "promised_days", "time_unit", "fee_charged"]  # fmt: skip
HIGHLIGHT_FIELDS = {
    "title": {"number_of_fragments": 0},
    "aliases": {"number_of_fragments": 0},
    "result_name": {"number_of_fragments": 0},
    "memberships": {"number_of_fragments": 0},
    "materials": {"number_of_fragments": 0},
    "conditions": {"fragment_size": 60, "number_of_fragments": 1},
}


def _escape_wildcard(text):
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")


def _term(term):
    """A bigram matched in whichever short field weighs most (dis_max: the best field)."""
    return Q("dis_max", queries=[Q("term", **{name: {"value": term, "boost": weight}})
                                 for name, weight in FIELD_WEIGHTS.items()])  # fmt: skip


def _flag(rule):
    return Q("term", **{rule.name: True})


def _filters(filters):
    clauses = []
    if filters.theme is not None:
        clauses.append(Q("term", theme_ids=filters.theme))
    if filters.department is not None:
        clauses.append(Q("term", department_id=filters.department))
    if filters.object is not None:
        clauses.append(Q("term", service_objects=filters.object))
    clauses.extend(_flag(rule) for rule in filters.rules())
    if filters.type is not None:
        clauses.append(Q("term", matter_type=filters.type))
    if filters.level is not None:
        clauses.append(Q("term", level=filters.level))
    if filters.care is not None:
        clauses.append(Q("term", care_tags=filters.care))
    return clauses


def _clause(clause):
    if clause.long:
        matches = [Q("term", words=w) for w in clause.terms]
        boost = clause.boost * WORDS_WEIGHT
    else:
        matches, boost = [_term(t) for t in clause.terms], clause.boost
    return Q("bool", should=matches, minimum_should_match=max(clause.required, 1), boost=boost)


def matching_query(parsed, rung):
    """One rung of query.py's ladder as one query: the clauses that match (any one will do),
    those that only score, then the act and document multipliers (backends.base)."""
    if rung is None:
        return Q("match_all")
    should = [_clause(c) for c in rung.clauses if c.required and c.terms]
    if rung.letters:
        for name in ("pinyin", "initials"):
            should.append(Q("wildcard", **{name: {"value": f"*{rung.letters}*",
                                                  "boost": PINYIN_WEIGHT}}))  # fmt: skip
    for homophone in rung.homophones:
        should.append(Q("wildcard", pinyin={"value": f"*{homophone}*",
                                            "boost": HOMOPHONE_WEIGHT}))  # fmt: skip
    if rung.code:
        should.append(Q("term", code={"value": rung.code, "boost": CODE_WEIGHT}))
    scoring = [_clause(c) for c in rung.clauses if not c.required and c.terms]
    query = Q("bool", must=[Q("bool", should=should, minimum_should_match=1)], should=scoring)
    functions = []
    if parsed.act:
        functions.append({"filter": Q("term", variant=parsed.act).to_dict(), "weight": ACT_BOOST})
    if parsed.documents:
        named = Q("bool", should=[Q("match_phrase", result_name=p) for p in parsed.documents])
        functions.append({"filter": named.to_dict(), "weight": DOCUMENT_BOOST})
    if not functions:
        return query
    return Q("function_score", query=query, functions=functions, score_mode="multiply",
             boost_mode="multiply")  # fmt: skip


def _highlight_query(parsed):
    terms = {t for phrase in parsed.highlight_terms for t in cjk_terms(phrase)}
    return Q("bool", should=[Q("term", **{name: t}) for name in HIGHLIGHT_FIELDS for t in terms])


# What every results request asks besides its query, built once: the sort orders, the facet
# counts (every facet the page shows) and the highlighting options.
SORT_ORDERS = {
    "days": [{"promised_days": "asc"}, "_score", {"page_id": "asc"}],
    "relevance": ["_score", {"title_length": "asc"}, {"page_id": "asc"}],
}
TERM_FACETS = {"theme": ("theme_ids", FACET_LIMIT), "department": ("department_id", FACET_LIMIT),
               "object": ("service_objects", 5), "type": ("matter_type", 20),
               "level": ("level", 5), "care": ("care_tags", 10)}  # fmt: skip
AGGREGATIONS = {
    **{name: {"terms": {"field": field, "size": size}}
       for name, (field, size) in TERM_FACETS.items()},
    **{facet: {"filters": {"filters": {value: _flag(rule).to_dict()
                                       for value, rule in options.items()}}}
       for facet, options in RULE_FACETS.items()},
}  # fmt: skip
HIGHLIGHT = {"fields": HIGHLIGHT_FIELDS, "encoder": "html", "pre_tags": ["<mark>"],
             "post_tags": ["</mark>"]}  # fmt: skip


def request_body(parsed, rung, filters, sort, offset, limit):
    """The engine request for one rung (None: every document the filters let through)."""
    query = Q("bool", must=[matching_query(parsed, rung)], filter=_filters(filters))
    body = {"query": query.to_dict(), "aggs": AGGREGATIONS, "sort": SORT_ORDERS[sort],
            "track_total_hits": True, "track_scores": True, "from": offset, "size": limit,
            "_source": HIT_FIELDS}  # fmt: skip
    if rung is not None:
        body["highlight"] = {**HIGHLIGHT, "highlight_query": _highlight_query(parsed).to_dict()}
    return body


def _raw_results(answer):
    rows = [_row(hit) for hit in answer["hits"]["hits"]]
    found = answer["aggregations"]
    counts = {name: {b["key"]: b["doc_count"] for b in found[name]["buckets"]}
              for name in TERM_FACETS}  # fmt: skip
    for name in RULE_FACETS:
        counts[name] = {key: b["doc_count"] for key, b in found[name]["buckets"].items()}
    return RawResults(answer["hits"]["total"]["value"], rows, counts)


def _row(hit):
    source, found = hit["_source"], hit.get("highlight", {})
    # The engine's html encoder has escaped everything but the <mark> tags.
    highlights = {name: mark_safe("、".join(found.get(name, []))) for name in HIGHLIGHT_FIELDS}
    row = {name: source[name] for name in HIT_FIELDS}
    return {**row, "score": hit.get("_score") or 0.0, "highlights": highlights}


class OpenSearchBackend(SearchBackend):
    name = "opensearch"
    label = _("OpenSearch 搜索引擎")

    def __init__(self, alias=None):
        self.alias = alias or alias_name()

    # ---- searching

    def _search(self, parsed, rung, filters, sort, offset, limit):
        with timing.span("build"):
            body = request_body(parsed, rung, filters, sort, offset, limit)
        with engine_call("search") as client, timing.span("engine"):
            answer = client.search(index=self.alias, body=body)
        timing.add("took", answer["took"])
        with timing.span("rows"):
            return _raw_results(answer)

    def _suggest(self, prefix, limit):
        escaped = _escape_wildcard(prefix)
        contains = [Q("wildcard", **{"title.raw": {"value": f"*{escaped}*",
                                                   "case_insensitive": True}})]  # fmt: skip
        starts = [Q("prefix", **{"title.raw": {"value": prefix, "case_insensitive": True}})]
        if is_pinyin_query(prefix):
            for name in ("pinyin", "initials"):
                contains.append(Q("wildcard", **{name: f"*{escaped}*"}))
                starts.append(Q("prefix", **{name: prefix}))
        query = Q("dis_max", queries=[
            Q("constant_score", filter=Q("bool", should=starts), boost=2.0),
            Q("constant_score", filter=Q("bool", should=contains), boost=1.0),
        ])  # fmt: skip
        search = (
            Search(index=self.alias)
            .query(query)
            .sort("_score", {"title_length": "asc"}, {"page_id": "asc"})
            .extra(collapse={"field": "title.raw"})
            .source(["title", "url", "department"])[:limit]
        )
        with engine_call("suggest") as client:
            hits = search.using(client).execute().hits
        return [{"title": h.title, "url": h.url, "department": h.department} for h in hits]

    # ---- keeping documents in step

    def _new_index(self, client, bulk_load=False):
        name = f"{self.alias}-{time.time_ns() // 1_000_000}"
        body = matter_index(name).to_dict()
        if bulk_load:
            body["settings"]["refresh_interval"] = "-1"
        client.indices.create(index=name, body=body, request_timeout=MAINTENANCE_TIMEOUT)
        return name

    def _ensure_alias(self, client):
        if not client.indices.exists_alias(name=self.alias):
            name = self._new_index(client)
            client.indices.put_alias(
                index=name, name=self.alias, request_timeout=MAINTENANCE_TIMEOUT
            )

    def update(self, page_ids):
        page_ids, departments = set(page_ids), department_map()
        docs = {m.pk: prepare(m, departments) for m in live_matters().filter(pk__in=page_ids)}
        actions = [{"_op_type": "index", "_index": self.alias, "_id": pk, "_source": doc}
                   for pk, doc in docs.items()]  # fmt: skip
        actions += [{"_op_type": "delete", "_index": self.alias, "_id": pk}
                    for pk in page_ids - set(docs)]  # fmt: skip
        with engine_call("update") as client:
            self._ensure_alias(client)
            _ok, errors = bulk(client, actions, refresh="wait_for", raise_on_error=False,
                              request_timeout=MAINTENANCE_TIMEOUT)  # fmt: skip
        failed = [e for e in errors if e.get("delete", {}).get("status") != 404]
        if failed:
            raise EngineUnavailable(f"update: {len(failed)} documents rejected: {failed[:3]}")

    def rebuild(self, progress=False):
        """Fill a new versioned index, then point the alias at it in one atomic step and drop
        the old index: searches never see a half-built index."""
        matters, departments = live_matters(), department_map()
        with engine_call("rebuild") as client:
            name = self._new_index(client, bulk_load=True)
            bar = tqdm(total=matters.count(), desc=_("重建搜索引擎索引"), unit=_("项"),
                       disable=not progress or None)  # fmt: skip
            actions = (
                {"_index": name, "_id": m.pk, "_source": prepare(m, departments)}
                for m in matters.iterator(chunk_size=BATCH)
            )
            loaded = streaming_bulk(client, actions, chunk_size=BATCH, raise_on_error=False,
                                    request_timeout=MAINTENANCE_TIMEOUT)  # fmt: skip
            for ok, item in loaded:
                if not ok:
                    client.indices.delete(index=name, request_timeout=MAINTENANCE_TIMEOUT)
                    raise EngineUnavailable(f"rebuild: document rejected: {item}")
                bar.update(1)
            bar.close()
            client.indices.put_settings(index=name, body={"refresh_interval": "1s"},
                                        request_timeout=MAINTENANCE_TIMEOUT)  # fmt: skip
            client.indices.refresh(index=name, request_timeout=MAINTENANCE_TIMEOUT)
            self._swap_alias(client, name)
            results_cache.advance()
            return client.count(index=self.alias)["count"]

    def _swap_alias(self, client, name):
        current = client.indices.get_alias(index=f"{self.alias}-*")
        old = set(current) - {name}
        actions = [{"remove": {"index": i, "alias": self.alias}}
                   for i in old if self.alias in current[i]["aliases"]]  # fmt: skip
        actions.append({"add": {"index": name, "alias": self.alias}})
        client.indices.update_aliases(
            body={"actions": actions}, request_timeout=MAINTENANCE_TIMEOUT
        )
        for index in old:
            client.indices.delete(index=index, request_timeout=MAINTENANCE_TIMEOUT)

    def count(self):
        with engine_call("count") as client:
            return client.count(index=self.alias)["count"]

    def current_index(self):
        with engine_call("status") as client:
            if not client.indices.exists_alias(name=self.alias):
                return None
            return next(iter(client.indices.get_alias(name=self.alias)))

    def drop(self):
        """Delete the alias and every index behind it (tests, and a fresh start)."""
        with engine_call("drop") as client:
            client.indices.delete(index=f"{self.alias}-*", params={"expand_wildcards": "all"})
