"""Search results kept per process, keyed by what decides them.

Citizens type the same few hundred queries over and over. A results page depends on the
parsed query, the filters, the sort and page, the synonym list and what is indexed; the
last two are versions: the synonym list's own (synonyms.vocabulary) and the index
generation, which advances once an index update has committed (and the engine has taken it).
Advancing it when the publish happens would be too early: a search between the publish and
the engine's update would be kept under the new generation with the old results.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "search-index-generation"
MAX_ENTRIES = 2000
# A safety net only: results are also dropped whenever the index or the synonyms change.
MAX_AGE = 600

_lock = threading.Lock()
_entries = OrderedDict()


def generation():
    return cache.get_or_set(GENERATION_KEY, time.time_ns, None)


def advance():
    cache.set(GENERATION_KEY, time.time_ns(), None)


def advance_after_commit():
    transaction.on_commit(advance, robust=True)


def enabled():
    return getattr(settings, "SEARCH_RESULTS_CACHE", True)


def get(key):
    if not enabled():
        return None
    with _lock:
        entry = _entries.get(key)
        if entry is None:
            return None
        stored, value = entry
        if time.monotonic() - stored > MAX_AGE:
            del _entries[key]
            return None
        _entries.move_to_end(key)
        return value


def put(key, value):
    if not enabled():
        return
    with _lock:
        _entries[key] = (time.monotonic(), value)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def clear():
    with _lock:
        _entries.clear()
