"""The shared cache as one module sees it, with the keys it reads through `get` noted: proves
that a copy kept in process memory answered instead of the shared cache."""


class CountingReads:
    def __init__(self, inner):
        self.inner, self.keys = inner, []

    def get(self, key, *args, **kwargs):
        self.keys.append(key)
        return self.inner.get(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def shared_cache_reads(monkeypatch, module):
    """The keys `module` reads from the shared cache from now on (a list that fills up)."""
    counting = CountingReads(module.cache)
    monkeypatch.setattr(module, "cache", counting)
    return counting.keys
