"""Django's Redis cache backend, with one client per connection pool.

Django's backend builds a new ``redis.Redis`` (with its table of response
callbacks) for every cache call; on a badge scan, which reads the session and
the scan permission from the cache, that was a twentieth of the request's
CPU. A client is thread-safe and its pool reconnects after a fork, so one per
pool is enough.
"""

from django.core.cache.backends import redis


class _ReusedClients(redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClients
