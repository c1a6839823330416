"""Marking matched words in text for the database backend, escaping everything else (the
engine does the same with its html encoder)."""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_CONTEXT = 30


def _fold(char):
    folded = unicodedata.normalize("NFKC", char).lower()
    return folded if len(folded) == 1 else char


def _covered(text, terms):
    folded = "".join(_fold(c) for c in text)
    covered = [False] * len(text)
    for term in terms:
        start = folded.find(term)
        while start != -1:
            covered[start : start + len(term)] = [True] * len(term)
            start = folded.find(term, start + 1)
    return covered


def _render(text, covered):
    parts, start = [], 0
    for i in range(1, len(text) + 1):
        if i == len(text) or covered[i] != covered[start]:
            chunk = escape(text[start:i])
            parts.append(f"<mark>{chunk}</mark>" if covered[start] else chunk)
            start = i
    return mark_safe("".join(parts))


def highlight(text, terms, whole=True):
    """`text` escaped with matches in <mark>; "" when nothing matches. With whole=False only
    a window around the first match is returned, with ellipses where text was cut."""
    if not text:
        return ""
    covered = _covered(text, terms)
    if not any(covered):
        return ""
    if whole:
        return _render(text, covered)
    first = covered.index(True)
    start = max(0, first - SNIPPET_CONTEXT)
    end = min(len(text), first + 2 * SNIPPET_CONTEXT)
    html = _render(text[start:end], covered[start:end])
    return mark_safe(("…" if start else "") + html + ("…" if end < len(text) else ""))
