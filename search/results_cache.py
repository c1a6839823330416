"""Search results kept per process, keyed by what decides them.

Citizens type the same few hundred queries over and over. A results page depends on the
parsed query, the filters, the sort and page, the synonym list and what is indexed; the
last two are versions: the synonym list's own (synonyms.vocabulary) and the index
generation, which advances once an index update that changed a document has committed (and
the engine has taken it), and after every rebuild. Advancing it when the publish happens
would be too early: a search between the publish and the engine's update would be kept under
the new generation with the old results. A republish that leaves every document as it was
(outbox.py compares their fingerprints) cannot change an answer, so it keeps them all: an
editor publishing every few seconds no longer sends the popular queries back to the engine.

Rendered pages and suggestions are also kept in Django's cache, shared by every worker of a
host (every host with Redis): a query one worker answered is not computed again by the
others, which halves the uncached requests of a portal's mix on four workers.
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from cms_pages import versions

GENERATION_KEY = "search-index-generation"
# A safety net only: results are also dropped whenever the index or the synonyms change.
MAX_AGE = 600
versions.register(GENERATION_KEY)


def generation():
    return versions.current(GENERATION_KEY)


def advance():
    versions.changed({GENERATION_KEY: time.time_ns()})


def advance_after_commit():
    transaction.on_commit(advance, robust=True)


def enabled():
    return getattr(settings, "SEARCH_RESULTS_CACHE", True)


class Kept:
    """A least-recently-used store of one process, dropped entries past MAX_AGE; with a
    `shared` name, backed by Django's cache (keys that repr() the same in every process)."""

    def __init__(self, size, shared=None):
        self.size = size
        self.shared = shared
        self.lock = threading.Lock()
        self.entries = OrderedDict()

    def _shared_key(self, key):
        return f"search:{self.shared}:{hashlib.sha256(repr(key).encode()).hexdigest()}"

    def get(self, key):
        if not enabled():
            return None
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                stored, value = entry
                if time.monotonic() - stored <= MAX_AGE:
                    self.entries.move_to_end(key)
                    return value
                del self.entries[key]
        if self.shared is None:
            return None
        value = cache.get(self._shared_key(key))
        if value is not None:
            self._keep(key, value)
        return value

    def put(self, key, value):
        if not enabled():
            return
        self._keep(key, value)
        if self.shared is not None:
            cache.set(self._shared_key(key), value, MAX_AGE)

    def _keep(self, key, value):
        with self.lock:
            self.entries[key] = (time.monotonic(), value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


# Parsed queries and results are small; a rendered page is some 30 KB.
answers = Kept(4000)
pages = Kept(600, shared="page")
suggestions = Kept(2000, shared="suggest")


def clear():
    """Forget everything kept: this process's entries, and (a new generation) the shared."""
    for kept in (answers, pages, suggestions):
        kept.clear()
    advance()
