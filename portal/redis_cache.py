"""Django's Redis cache, with one redis-py client per server instead of one per call.

Django's client builds a new `redis.Redis` around the same connection pool for every cache
operation, and redis-py 8 fills a fresh table of response callbacks each time: on a loaded
web worker that made up a tenth of its CPU, more than the round trips themselves. A client
holds no connection of its own (it borrows one from the pool per command), so one per pool
is what redis-py intends; Django's cache handler already gives each thread its own.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
