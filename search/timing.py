"""Where one search request's time goes, for benchmarks/bench_search.py.

Spans are timed with perf_counter around the real code paths, but only while a breakdown is
being taken (`recording()`, one process answering one request at a time). Otherwise a span
is one check of a module global: production pays nothing measurable for it.
"""

import time
from contextlib import contextmanager

_spans = None


@contextmanager
def recording():
    """Collect spans (name → milliseconds, summed) until the block ends."""
    global _spans
    _spans = {}
    try:
        yield _spans
    finally:
        _spans = None


class _Span:
    __slots__ = ("name", "started")

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.started = time.perf_counter()

    def __exit__(self, *exc):
        add(self.name, (time.perf_counter() - self.started) * 1000)


class _Off:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return None


_OFF = _Off()


def span(name):
    return _OFF if _spans is None else _Span(name)


def add(name, milliseconds):
    if _spans is not None:
        _spans[name] = _spans.get(name, 0.0) + milliseconds
