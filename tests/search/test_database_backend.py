"""The search contract on the embedded database backend (SQLite, or PostgreSQL with
DATABASE_URL): its documents are kept in step inside the publishing transaction."""

import pytest

from search.backends import DatabaseBackend
from tests.search.contract import SearchContract


class TestDatabaseBackend(SearchContract):
    scores_favour_short_fields = False

    @pytest.fixture
    def backend(self, db):
        return DatabaseBackend()

    @pytest.fixture
    def live_backend(self, db):
        return DatabaseBackend()
