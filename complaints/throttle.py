"""Rate limits per client address and per browser session, counted in the shared cache."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _key(scope, kind, ident, window):
    # Addresses are hashed: the cache is no place to keep who complained.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{ident}".encode()).hexdigest()[:24]
    return f"complaints:limit:{scope}:{kind}:{digest}:{int(time.time() // window)}"


def _hit(key, window):
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def allow(request, scope):
    """Count this request; False when the address or the session is over its limit."""
    if not settings.COMPLAINTS_RATE_LIMIT_ENABLED:
        return True
    limits = settings.COMPLAINTS_RATE_LIMITS[scope]
    idents = {
        "address": request.META.get("REMOTE_ADDR", ""),
        "session": request.session.session_key if hasattr(request, "session") else None,
    }
    allowed = True
    for kind, (count, window) in limits.items():
        ident = idents.get(kind)
        if ident and _hit(_key(scope, kind, ident, window), window) > count:
            allowed = False
    return allowed
