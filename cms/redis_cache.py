"""Django's Redis cache, except that ``clear()`` deletes only this cache's own keys.

Django's ``RedisCache.clear()`` runs FLUSHDB, which wipes every key in the Redis database,
including other applications' and other test runs'. A shared Redis database is common (a
developer's machine, a CI server running two pipelines), so clearing here walks the keys under
``KEY_PREFIX`` with SCAN and deletes them in batches.
"""

from __future__ import annotations

import re

from django.core.cache.backends.redis import RedisCache

DELETE_BATCH = 1000


class PrefixedRedisCache(RedisCache):
    """A ``RedisCache`` whose ``clear()`` is scoped to its ``KEY_PREFIX``."""

    def clear(self) -> bool:
        client = self._cache.get_client(None, write=True)
        # Keys are "<prefix>:<version>:<key>" (Django's default key function).
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
        batch = []
        for key in client.scan_iter(match=pattern, count=DELETE_BATCH):
            batch.append(key)
            if len(batch) >= DELETE_BATCH:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        return True
