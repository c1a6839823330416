"""Search fixtures around the session's real OpenSearch node (`opensearch_node`, in
tests/conftest.py)."""

import contextlib
import uuid

import pytest
from django.test import override_settings

from search import results_cache
from search.backends import OpenSearchBackend
from search.client import EngineUnavailable
from tests.support.opensearch import Cluster, on_cluster, started


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Tests here read the demo site unless their module overrides `demo`."""


@pytest.fixture(scope="module")
def opensearch_cluster(request, tmp_path_factory):
    """Three nodes with one replica per shard: the session's engine when it is a cluster.
    Stopped after the module that asked for it: three idle JVMs slow the rest of the run."""
    if on_cluster():
        yield request.getfixturevalue("opensearch_node")
        return
    with started(Cluster(tmp_path_factory.mktemp("opensearch-cluster"))) as cluster:
        yield cluster


@pytest.fixture(scope="session")
def demo_index(opensearch_node, demo_site, django_db_blocker):
    """The demo catalogue in an index of its own, built once; tests only read it."""
    alias = f"test-demo-{uuid.uuid4().hex[:8]}"
    engine = override_settings(OPENSEARCH_URL=opensearch_node.url)
    with django_db_blocker.unblock(), engine:
        OpenSearchBackend(alias).rebuild()
    yield alias
    with engine, contextlib.suppress(EngineUnavailable):
        OpenSearchBackend(alias).drop()


@pytest.fixture
def engine_settings(opensearch_node, settings):
    """Point the site at the session's node, with a fresh index name for this test."""
    settings.OPENSEARCH_URL = opensearch_node.url
    settings.OPENSEARCH_INDEX = f"test-{uuid.uuid4().hex[:12]}"
    yield settings
    with contextlib.suppress(EngineUnavailable):
        OpenSearchBackend(settings.OPENSEARCH_INDEX).drop()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what the code under test defers to after commit (the engine delivery), as a
    committed transaction would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def kept(settings):
    """Search answers kept as production keeps them (the test settings turn that off)."""
    settings.SEARCH_RESULTS_CACHE = True
    results_cache.clear()
    yield
    results_cache.clear()
