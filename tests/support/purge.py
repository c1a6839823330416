"""A frontend-cache backend that records what would be purged, one list per batch."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    batches = []

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        RecordingBackend.batches.append(sorted(urls))
