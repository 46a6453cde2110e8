"""A real local-memory cache that records the keys read from it, for tests that pin how much a hit reads."""

from django.core.cache.backends.locmem import LocMemCache


class CountingLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self.reads: list[str] = []

    def get(self, key, default=None, version=None):
        self.reads.append(key)
        return super().get(key, default, version)

    def get_many(self, keys, version=None):
        keys = list(keys)
        self.reads.extend(keys)
        found = {}
        for key in keys:
            value = LocMemCache.get(self, key, version=version)
            if value is not None:
                found[key] = value
        return found
