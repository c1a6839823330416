"""Pieces of HTML many pages share (the site chrome, a department's block), kept rendered.

An uncached page still repeats what hundreds of others show: the header and footer with the
centre's settings, the breadcrumb trail above a department's matters, the department's
complaint channels. Each is rendered once per publish generation, language and display
variant (长者模式 …) and then read back; whatever it shows advances the generation when it
changes (publishing, moving, CentreSettings, complaint channels: signals.py and the apps'
own signals), so a stale fragment is never read, and a process keeps the fragments it used
lately in memory (local_copies.py): a results page or a render shows several, and each was a
round trip to the shared cache. A preview renders everything afresh: its draft is nobody else's.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from .local_copies import LocalCopies
from .page_cache import PAGE_TTL, display_variant, generation

# Fragments are a few kilobytes each: a small share of the process's memory for kept copies.
_local = LocalCopies(settings.PAGE_CACHE_LOCAL_BYTES // 8)


def shared_fragment(request, name, parts, render):
    """`render()`'s HTML, stored under `name` and `parts` (what varies within the fragment)."""
    if request is None or getattr(request, "is_preview", False):
        return render()
    varying = ":".join(str(part) for part in parts)
    key = f"fragment:{name}:{generation()}:{get_language()}:{display_variant(request)}:{varying}"
    html = _local.get(key)
    if html is not None:
        return html
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, PAGE_TTL)
    _local.put(key, html, len(html))
    return html
