"""Search fixtures: one real OpenSearch node for the whole test session, started with
search/engine/engine.sh on a free port in a temporary home and stopped at the end."""

import contextlib
import os
import subprocess
import uuid
from pathlib import Path

import pytest
from django.test import override_settings

from cms_pages.models import DepartmentPage, MatterPage
from search.backends import OpenSearchBackend
from search.client import EngineUnavailable
from tests.e2e.conftest import free_port, missing

ENGINE = Path(__file__).resolve().parents[2] / "search" / "engine" / "engine.sh"


class Node:
    """A node this session started; tests may stop and start it again (same port, same data)."""

    def __init__(self, home):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "OPENSEARCH_PORT": str(self.port),
                    "OPENSEARCH_HOME_DIR": str(home)}  # fmt: skip

    def _run(self, action):
        return subprocess.run([str(ENGINE), action], env=self.env, capture_output=True, text=True,
                              timeout=300)  # fmt: skip

    def start(self):
        result = self._run("start")
        if result.returncode != 0:
            raise RuntimeError(f"engine.sh start failed:\n{result.stdout}\n{result.stderr}")

    def stop(self):
        self._run("stop")


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
def demo_index(opensearch_node, django_db_setup, django_db_blocker):
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


MATTER_DEFAULTS = {
    "matter_type": "行政许可", "service_object": "natural", "level": "县级",
    "handling_office": "办公室", "conditions": "符合规定条件", "statutory_days": 20,
    "promised_days": 5,
}  # fmt: skip


def publish_matter(title, department="xingzheng-shenpi", **fields):
    """A new live matter under a demo department, published the way editors publish."""
    parent = DepartmentPage.objects.get(slug=department)
    code = fields.pop("code", f"TEST-{uuid.uuid4().hex[:16]}")
    matter = MatterPage(title=title, slug=f"m-{uuid.uuid4().hex[:10]}", code=code,
                        **{**MATTER_DEFAULTS, **fields})  # fmt: skip
    parent.add_child(instance=matter)
    matter.save_revision().publish()
    return MatterPage.objects.get(pk=matter.pk)
