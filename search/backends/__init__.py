"""Which backend answers: OpenSearch when OPENSEARCH_URL is set, else the database. When the
engine cannot answer, the database backend does, and the caller is told (`degraded`)."""

from ..client import EngineUnavailable, engine_configured
from .base import Filters, SearchBackend, SearchResults
from .database import DatabaseBackend
from .opensearch import OpenSearchBackend

__all__ = ["DatabaseBackend", "Filters", "OpenSearchBackend", "SearchBackend", "SearchResults",
           "get_backend", "search", "suggest"]  # fmt: skip


def get_backend():
    return OpenSearchBackend() if engine_configured() else DatabaseBackend()


def _with_fallback(call):
    if engine_configured():
        try:
            return call(OpenSearchBackend()), False
        except EngineUnavailable:
            pass
    return call(DatabaseBackend()), engine_configured()


def search(query, filters=None, sort="relevance", page=1):
    """(results, degraded): degraded means the engine is down and the database answered."""
    return _with_fallback(lambda backend: backend.search(query, filters, sort, page))


def suggest(prefix):
    return _with_fallback(lambda backend: backend.suggest(prefix))
