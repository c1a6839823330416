"""Search for readers of the English interface: the English title and summary an editor gave
a matter, and its department's English name, in results and suggestions on either backend.

Indexes hold the Chinese only (what citizens type, and what the national catalogue says);
the English is read from the pages at display time, one query per page of results. A title
picked from an English suggestion is searched as the Chinese title it stands for.
"""

from dataclasses import replace

from django.utils.html import escape

from cms_pages.models.english import reading_english

from . import results_cache


def _matters(**lookup):
    from cms_pages.models import MatterPage

    return MatterPage.objects.live().public().filter(**lookup)


def _department_names(titles):
    from cms_pages.models import DepartmentPage

    rows = DepartmentPage.objects.filter(title__in=titles).exclude(title_en="")
    return dict(rows.values_list("title", "title_en"))


def hits_in_reading_language(hits):
    """Matter hits with their English title, summary and department where filled."""
    if not reading_english() or not hits:
        return hits
    ids = [hit.page_id for hit in hits if hit.kind == "matter"]
    english = {
        row["pk"]: row for row in _matters(pk__in=ids).values("pk", "title_en", "summary_en")
    }
    departments = _department_names({hit.department for hit in hits})
    shown = []
    for hit in hits:
        row = english.get(hit.page_id) if hit.kind == "matter" else None
        if row is None:
            shown.append(hit)
            continue
        changes = {"department": departments.get(hit.department, hit.department)}
        if row["title_en"]:
            changes.update(title=row["title_en"], title_html=escape(row["title_en"]))
        if row["summary_en"]:
            changes["summary"] = row["summary_en"]
        shown.append(replace(hit, **changes))
    return shown


def suggestions_in_reading_language(suggestions):
    if not reading_english() or not suggestions:
        return suggestions
    titles = dict(
        _matters(title__in=[s["title"] for s in suggestions])
        .exclude(title_en="")
        .values_list("title", "title_en")
    )
    departments = _department_names({s["department"] for s in suggestions})
    return [
        {**s, "title": titles.get(s["title"], s["title"]),
         "department": departments.get(s["department"], s["department"])}
        for s in suggestions
    ]  # fmt: skip


def _chinese_titles():
    """Chinese titles by lowercased English title, the first page's on a tie, read once per
    published-content and index generation: a pinyin query is not a scan of every page."""
    from cms_pages.page_cache import generation

    key = ("english-titles", generation(), results_cache.generation())
    titles = results_cache.answers.get(key)
    if titles is None:
        titles = {}
        rows = _matters().exclude(title_en="").order_by("pk").values_list("title_en", "title")
        for english, chinese in rows:
            titles.setdefault(english.lower(), chinese)
        results_cache.answers.put(key, titles)
    return titles


def as_searched(query):
    """The Chinese title of the matter whose English title is the whole query, else the query
    unchanged (the engines know the Chinese only)."""
    query = (query or "").strip()
    if not query or not query.isascii():
        return query
    return _chinese_titles().get(query.lower()) or query
