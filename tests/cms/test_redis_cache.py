"""Running the tests (or clearing the cache) never wipes a Redis database someone else uses.

Django's own ``RedisCache.clear()`` runs FLUSHDB; ``cms.redis_cache.PrefixedRedisCache`` deletes
only the keys under its own ``KEY_PREFIX``, and the test settings give every run its own prefix.
"""

import os
import uuid

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL)")


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    yield client
    client.close()


@pytest.fixture
def prefixed_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "scoped": {
            "BACKEND": "cms.redis_cache.PrefixedRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": f"binjai-test-scoped-{uuid.uuid4().hex}",
        },
    }
    yield caches["scoped"]
    caches["scoped"].clear()


def test_clear_deletes_only_its_own_keys(prefixed_cache, redis_client):
    someone_elses = f"someone-else:{uuid.uuid4().hex}"
    redis_client.set(someone_elses, "keep me", ex=60)
    try:
        for number in range(2500):  # more than one SCAN/DELETE batch
            prefixed_cache.set(f"k{number}", number)
        prefixed_cache.clear()
        assert prefixed_cache.get("k0") is None and prefixed_cache.get("k2499") is None
        assert redis_client.get(someone_elses) == b"keep me"
    finally:
        redis_client.delete(someone_elses)


def test_the_test_run_uses_its_own_prefix(settings):
    default = settings.CACHES["default"]
    assert default["BACKEND"] == "cms.redis_cache.PrefixedRedisCache"
    assert default["KEY_PREFIX"].startswith("binjai-test-")
    assert default["KEY_PREFIX"] != "binjai"
