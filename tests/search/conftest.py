"""Search fixtures: one real OpenSearch node for the whole test session, started with
tests/support/opensearch.py in a temporary home and stopped at the end."""

import contextlib
import subprocess
import uuid

import pytest
from django.test import override_settings

from search.backends import OpenSearchBackend
from search.client import EngineUnavailable
from tests.support.opensearch import Node
from tests.support.services import missing


@pytest.fixture(autouse=True)
def demo(demo_site):
    """Tests here read the demo site unless their module overrides `demo`."""


@pytest.fixture(scope="session")
def opensearch_node(tmp_path_factory):
    node = Node(tmp_path_factory.mktemp("opensearch"))
    try:
        node.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        node.stop()
        missing(f"could not start OpenSearch: {error}")
    yield node
    node.stop()


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
