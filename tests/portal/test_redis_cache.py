"""The shared cache's backend (portal/redis_cache.py) against a real Redis: Django's cache API
unchanged, one redis-py client per server however many calls, safe from several threads."""

import threading

import pytest

from portal.redis_cache import RedisCache
from tests.support.redis import redis_server

pytestmark = pytest.mark.db_independent


@pytest.fixture
def shared_cache(tmp_path):
    with redis_server(tmp_path) as url:
        yield RedisCache(url, {})


def test_the_cache_api_round_trips_through_redis(shared_cache):
    shared_cache.set("generation", 7, None)
    shared_cache.set_many({"page:a": (["h"], b"<html>a</html>", 200), "page:b": b"b"}, 60)
    assert shared_cache.add("generation", 8) is False
    assert shared_cache.get("generation") == 7
    assert shared_cache.get_many(["page:a", "page:b", "missing"]) == {
        "page:a": (["h"], b"<html>a</html>", 200),
        "page:b": b"b",
    }
    assert shared_cache.incr("generation") == 8
    shared_cache.delete("page:b")
    assert shared_cache.get("page:b", "gone") == "gone"


def test_every_call_uses_the_same_client(shared_cache):
    client = shared_cache._cache.get_client()
    for number in range(50):
        shared_cache.set(f"k{number}", number)
        shared_cache.get(f"k{number}")
    assert shared_cache._cache.get_client(write=True) is client
    assert client.client_list() and len(client.client_list()) == 1


def test_threads_sharing_the_client_lose_no_update(shared_cache):
    shared_cache.set("scans", 0, None)

    def count():
        for _ in range(300):
            shared_cache.incr("scans")

    threads = [threading.Thread(target=count) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert shared_cache.get("scans") == 1200
