"""Site-wide versions (the page cache's generations, the search index's) read once per request.

A page or a search answer is kept under several versions, and one request asks for them
many times over: the fast path, the site lookup, each shared fragment, the centre's settings,
the search answer's key and its facet labels. Each ask used to be a round trip to the shared
cache (Redis on several hosts): half a dozen per uncached request, a tenth of a loaded
worker's time. Inside a request every version is read in one round trip at the first ask and
held until the response is made; an advance made by the request itself (an editor's publish)
updates what it holds. Outside a request (tasks, commands) every ask reads the cache, as a
long-running process must.

Holding them for one request changes nothing another host or worker sees: each request still
starts from the shared values, so a publish through one host shows on the next request to any.
"""

import threading
import time

from django.core.cache import cache

# Apps add the versions their kept answers depend on (search: its index generation).
VERSION_KEYS = []

_request = threading.local()


def register(key):
    if key not in VERSION_KEYS:
        VERSION_KEYS.append(key)


def current(key):
    """The version under `key`; a missing one starts now."""
    register(key)
    held = getattr(_request, "held", None)
    if held is None:
        return cache.get_or_set(key, time.time_ns, None)
    if key not in held:
        held.update(read_with(key))
    return held[key]


def read_with(*keys):
    """Every registered version and `keys` in one cache read; missing versions start now.
    Inside a request the versions are held for the rest of it."""
    wanted = [*VERSION_KEYS, *(k for k in keys if k not in VERSION_KEYS)]
    found = cache.get_many(wanted)
    for key in VERSION_KEYS:
        if key not in found:
            found[key] = cache.get_or_set(key, time.time_ns, None)
    held = getattr(_request, "held", None)
    if held is not None:
        held.update({k: found[k] for k in VERSION_KEYS})
    return found


def changed(values):
    """Store new versions; this request goes on with them."""
    cache.set_many(values, None)
    held = getattr(_request, "held", None)
    if held is not None:
        held.update(values)


class VersionsPerRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.held = {}
        try:
            return self.get_response(request)
        finally:
            _request.held = None
