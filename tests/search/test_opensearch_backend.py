"""The search contract on a real OpenSearch node. Changes reach the engine the production
way: an outbox row written with the publish, delivered after commit."""

import pytest

from search.backends import OpenSearchBackend
from search.models import OutboxEntry
from tests.search.contract import SearchContract


@pytest.mark.opensearch
class TestOpenSearchBackend(SearchContract):
    scores_favour_short_fields = True

    @pytest.fixture
    def backend(self, demo_index, settings, opensearch_node):
        settings.OPENSEARCH_URL = opensearch_node.url
        settings.OPENSEARCH_INDEX = demo_index
        return OpenSearchBackend()

    @pytest.fixture
    def live_backend(self, engine_settings):
        backend = OpenSearchBackend()
        backend.rebuild()
        yield backend
        assert not OutboxEntry.objects.filter(delivered_at__isnull=True).exists(), (
            "every change should have reached the engine"
        )
