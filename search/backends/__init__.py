"""Which backend answers: OpenSearch when OPENSEARCH_URL is set, else the database. When the
engine cannot answer, the database backend does, and the caller is told (`degraded`)."""

from dataclasses import replace

from django.conf import settings
from django.utils.translation import get_language

from .. import results_cache, timing
from ..client import EngineUnavailable, engine_configured
from ..query import ParsedQuery, parse
from .base import Filters, SearchBackend, SearchResults
from .database import DatabaseBackend
from .opensearch import OpenSearchBackend

__all__ = ["DatabaseBackend", "Filters", "OpenSearchBackend", "SearchBackend", "SearchResults",
           "get_backend", "search", "suggest"]  # fmt: skip


def get_backend():
    return OpenSearchBackend() if engine_configured() else DatabaseBackend()


def index_identity():
    return (settings.OPENSEARCH_URL, settings.OPENSEARCH_INDEX) if engine_configured() else None


def _with_fallback(call):
    if engine_configured():
        try:
            return call(OpenSearchBackend()), False
        except EngineUnavailable:
            pass
    return call(DatabaseBackend()), engine_configured()


def search(query, filters=None, sort="relevance", page=1):
    """(results, degraded): degraded means the engine is down and the database answered.
    Answers are kept per parsed query, filters, sort, page and index generation
    (results_cache.py); the database's answers for a missing engine are not kept."""
    with timing.span("parse"):
        parsed = query if isinstance(query, ParsedQuery) else parse(query)
    filters = filters or Filters()
    key = ("search", index_identity(), parsed, filters, sort, page, get_language(),
           results_cache.generation())  # fmt: skip
    results = results_cache.answers.get(key)
    if results is None:
        results, degraded = _with_fallback(lambda b: b.search(parsed, filters, sort, page))
        if degraded:
            return results, True
        results_cache.answers.put(key, results)
    # The view sets each facet option's link for its own request: options are copied, the
    # rest of what is kept is only read.
    facets = [replace(f, options=[replace(o) for o in f.options]) for f in results.facets]
    return replace(results, facets=facets), False


def suggest(prefix):
    key = ("suggest", index_identity(), prefix, get_language(), results_cache.generation())
    suggestions = results_cache.suggestions.get(key)
    if suggestions is None:
        suggestions, degraded = _with_fallback(lambda backend: backend.suggest(prefix))
        if degraded:
            return suggestions, True
        results_cache.suggestions.put(key, suggestions)
    return suggestions, False
