"""Per-address request limits on the public routes that cost the most or write.

Counts live in the shared cache in fixed windows: `RATE_LIMITS[scope] = (requests, seconds)`.
The file cache's increment is not atomic, so under a burst a few requests more than the
limit may get through; the point is to stop one address from flooding, not exact counting.
"""

import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

# (scope, path pattern, methods). Scans are limited in the view: over the limit they still
# redirect, only the count is skipped.
RULES = [
    ("search", re.compile(r"^/search/$"), {"GET"}),
    ("suggest", re.compile(r"^/search/suggest/$"), {"GET"}),
    ("poster", re.compile(r"/poster\.(?:pdf|png)/?$"), {"GET"}),
    ("password_reset", re.compile(r"^/admin/password_reset/$"), {"POST"}),
]


def client_address(request, *args, **kwargs):
    """The visitor's address: the socket's, or with TRUSTED_PROXY_COUNT proxies in front, the
    one the outermost of them put into X-Forwarded-For (entries further left are what the
    client itself sent and can be anything)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies][:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def allow(request, scope):
    """Count this request against its address's limit for `scope`; False when over it."""
    limit = getattr(settings, "RATE_LIMITS", {}).get(scope)
    if not limit:
        return True
    requests, seconds = limit
    window = int(time.time() // seconds)
    key = f"throttle:{scope}:{client_address(request)}:{window}"
    if cache.add(key, 1, seconds + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds + 1)
        return True
    return count <= requests


def too_many_requests(scope):
    seconds = getattr(settings, "RATE_LIMITS", {}).get(scope, (0, 60))[1]
    response = HttpResponse(
        _("请求过于频繁，请稍后再试。"), status=429, content_type="text/plain; charset=utf-8"
    )
    response["Retry-After"] = str(seconds)
    return response


class ThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for scope, pattern, methods in RULES:
            if request.method in methods and pattern.search(request.path_info):
                if not allow(request, scope):
                    return too_many_requests(scope)
                break
        return self.get_response(request)
