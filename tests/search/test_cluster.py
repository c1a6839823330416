"""A 3-node cluster under search traffic: losing a node or swapping in a rebuilt index loses
no query. Searches run in threads through the site's engine client (every node listed,
retries on); each must bring the same answer as before the fault."""

import contextlib
import threading
import uuid

import pytest
from django.core.management import call_command

from search.backends import Filters, OpenSearchBackend
from search.client import EngineUnavailable, get_client
from search.query import parse

# The cluster's behaviour, whatever database the catalogue is read from.
pytestmark = [pytest.mark.django_db, pytest.mark.opensearch, pytest.mark.db_independent]

QUERIES = ["出生登记", "个体户", "生孩子", "养犬登记", "营业执照"]
PREFIXES = ["csdj", "出生", "养犬"]
SEARCHERS = 4


@pytest.fixture
def cluster_engine(opensearch_cluster, settings):
    """The demo catalogue indexed on the cluster, every shard with its replica in place."""
    settings.OPENSEARCH_URL = opensearch_cluster.url
    settings.OPENSEARCH_INDEX = f"test-cluster-{uuid.uuid4().hex[:8]}"
    backend = OpenSearchBackend()
    backend.rebuild()
    wait_until_green(backend.alias)
    yield backend
    with contextlib.suppress(EngineUnavailable):
        backend.drop()


def wait_until_green(index):
    health = get_client().cluster.health(
        index=index, wait_for_status="green", params={"timeout": "120s"}, request_timeout=130
    )
    assert health["status"] == "green", health


class Searchers:
    """Threads asking the engine the same questions over and over; each answer is compared
    with the one the healthy cluster gave. Parsing (which reads the database) happens here,
    in the test's thread: the threads only talk to the engine."""

    def __init__(self, backend):
        self.backend = backend
        self.asks = []
        for text in QUERIES:
            parsed = parse(text)
            rung = next(iter(parsed.ladder()))
            self.asks.append(
                (
                    text,
                    lambda p=parsed, r=rung: backend._search(p, r, Filters(), "relevance", 0, 10),
                )
            )
        for prefix in PREFIXES:
            self.asks.append((prefix, lambda p=prefix: backend._suggest(p, 8)))
        self.expected = {name: self._answer(ask) for name, ask in self.asks}
        assert all(self.expected.values()), self.expected
        self.answered = 0
        self.failures = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,)) for i in range(SEARCHERS)]

    @staticmethod
    def _answer(ask):
        found = ask()
        if isinstance(found, list):
            return [hit["title"] for hit in found]
        return (found.total, [row["title"] for row in found.rows])

    def _run(self, offset):
        turn = offset
        while not self._stop.is_set():
            name, ask = self.asks[turn % len(self.asks)]
            turn += 1
            try:
                answer = self._answer(ask)
            except Exception as error:  # noqa: BLE001 - any failure is a lost query
                answer = error
            with self._lock:
                self.answered += 1
                if answer != self.expected[name]:
                    self.failures.append((name, answer))

    def wait_for(self, count):
        """Until `count` more answers came in (the threads are really asking)."""
        with self._lock:
            target = self.answered + count
        while not self._stop.wait(0.05):
            with self._lock:
                if self.answered >= target:
                    return

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        self.wait_for(20)
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join()


def node_holding_primary(index):
    shards = get_client().cat.shards(index=index, format="json", h="prirep,node")
    name = next(s["node"] for s in shards if s["prirep"] == "p")
    return int(name.rsplit("-", 1)[1])


def test_stopping_a_node_during_searches_loses_no_query(opensearch_cluster, cluster_engine):
    number = node_holding_primary(cluster_engine.alias)
    try:
        with Searchers(cluster_engine) as searchers:
            opensearch_cluster.stop_node(number)
            # Long enough for the client to meet the gone node and the cluster to promote
            # the replica; every answer so far and from now on must be complete.
            searchers.wait_for(200)
        assert searchers.failures == []
        assert searchers.answered > 200
    finally:
        opensearch_cluster.start_node(number)
    wait_until_green(cluster_engine.alias)


def test_rebuild_with_alias_swap_during_searches_fails_no_search(cluster_engine):
    first = cluster_engine.current_index()
    with Searchers(cluster_engine) as searchers:
        call_command("search_index", "rebuild", "--backend", "opensearch", verbosity=0)
        searchers.wait_for(50)
        call_command("search_index", "rebuild", "--backend", "opensearch", verbosity=0)
        searchers.wait_for(50)
    assert searchers.failures == []
    assert cluster_engine.current_index() not in (first, None)
