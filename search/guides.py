"""一件事 bundles among the results: shown above the matters when the query names the life
event (its title, or a synonym of it: 生孩子 → 新生儿出生).

A portal has a few dozen bundles, so they are matched here, in memory, with the strict rung
of the same parsed query, identically whichever backend finds the matters. Only a bundle's
own name counts: a query naming one of its matters finds that matter, not the bundle.
"""

import math
import threading

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import results_cache
from .chinese import cjk_terms, pinyin_full, pinyin_initials
from .highlight import highlight

MAX_BUNDLES = 3
# i18n: data
BUNDLE_SUFFIX = "一件事"
_lock = threading.Lock()
_cache = {"version": None, "entries": []}


def _load():
    from cms_pages.models import BundlePage, MatterPage

    public = set(MatterPage.objects.live().public().values_list("pk", flat=True))
    entries = []
    bundles = BundlePage.objects.live().public().prefetch_related("members__matter")
    for bundle in bundles.order_by("pk"):
        name = bundle.title.removesuffix(BUNDLE_SUFFIX)
        members = [m.matter.title for m in bundle.members.all() if m.matter_id in public]
        entries.append({
            "page_id": bundle.pk, "title": bundle.title, "url": bundle.get_url(),
            "terms": frozenset(cjk_terms(name)), "members": members,
            "pinyin": pinyin_full(name), "initials": pinyin_initials(name),
        })  # fmt: skip
    return entries


def entries():
    from cms_pages.page_cache import generation

    version = (generation(), results_cache.generation())
    if version != _cache["version"]:
        loaded = _load()
        with _lock:
            _cache.update(version=version, entries=loaded)
    return _cache["entries"]


def _score(entry, parsed):
    """Half of the query's bigrams (generic words included: 出生登记 is a matter, not
    新生儿出生; 一件事 left out, every bundle is one), or a synonym phrase whole, or the
    letters in the pinyin."""
    terms = cjk_terms(parsed.subject.replace(BUNDLE_SUFFIX, " "))
    clauses = [(terms, math.ceil(len(terms) / 2), 1.0)]
    clauses += [(e.terms, len(e.terms), e.boost) for e in parsed.expansions]
    score = 0.0
    for terms, required, boost in clauses:
        found = sum(1 for t in terms if t in entry["terms"])
        if terms and found >= required:
            score += boost * found
    if parsed.letters and parsed.letters in (entry["pinyin"] + " " + entry["initials"]):
        score += 1.0
    return score


def bundle_hits(parsed):
    """Hits for the bundles the query names, best first."""
    from .backends.base import Hit

    if parsed.is_empty:
        return []
    scored = [(s, e) for e in entries() if (s := _score(e, parsed)) > 0]
    scored.sort(key=lambda pair: (-pair[0], len(pair[1]["title"]), pair[1]["page_id"]))
    terms = parsed.highlight_terms
    return [
        Hit(
            page_id=e["page_id"],
            title=e["title"],
            url=e["url"],
            code="",
            department=_("一件事"),
            matter_type=_("一件事"),
            visits=-1,
            online_depth=0,
            promised_days=-1,
            time_unit="",
            fee_charged=False,
            title_html=highlight(e["title"], terms) or escape(e["title"]),
            snippet_label=_("包含事项"),
            snippet_html=mark_safe(escape("、".join(e["members"]))),
            score=score,
            kind="bundle",
        )  # fmt: skip
        for score, e in scored[:MAX_BUNDLES]
    ]
