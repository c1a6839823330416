"""The single-host cache: Django's file cache, pruned now and then instead of on every write.

Django's FileBasedCache lists its whole directory on every write to decide whether to prune.
With a page cache of tens of thousands of files that listing costs more than writing the page
(1–8 ms an uncached page, measured by bench_search's breakdown). Pruning on one write in
CULL_EVERY keeps the directory within MAX_ENTRIES plus that many files per process.
"""

import itertools

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 200


class PrunedFileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = itertools.count()

    def _cull(self):
        if next(self._writes) % CULL_EVERY == 0:
            super()._cull()
