"""With REDIS_URL set, the settings choose Django's RedisCache: its client library is
installed with Convene, so a site configured that way can use its cache."""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache


def test_the_redis_cache_backend_has_its_client_library():
    cache = RedisCache("redis://127.0.0.1:6379/15", {})

    # Building the client imports the `redis` package (no connection is made).
    client = cache._cache
    assert client._lib.__name__ == "redis"
    assert client._pool_class.__name__ == "ConnectionPool"
