"""Versioned caching of the knowledge base: values computed from the database are cached under a
key that carries a version, and a change that could alter them renews the version (signal
handlers in practices.handlers), so a cached value is never served after the change.

`versioned(version_key, parts, compute)` reads the current version and the entry in one cache
round trip; an entry is used only when it was computed under the current version. The version
is read before the value is computed, so a value computed while a change commits is stored under
the old version and never served afterwards."""

import hashlib
import uuid

from django.core.cache import cache

TIMEOUT = 6 * 3600


def bump(version_key):
    """Renew a version: every entry cached under the old one becomes stale at once."""
    cache.set(version_key, uuid.uuid4().hex, None)


def _key(version_key, parts):
    return f"{version_key}:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


class Lookup:
    """Several entries under one version, read with a single cache round trip; `get(name,
    compute)` returns an entry computed under the current version, or computes and stores it."""

    def __init__(self, version_key, parts_by_name, timeout=TIMEOUT):
        self.version_key = version_key
        self.timeout = timeout
        self.keys = {name: _key(version_key, parts) for name, parts in parts_by_name.items()}
        self.found = cache.get_many([version_key, *self.keys.values()])
        self.version = self.found.get(version_key)

    def get(self, name, compute):
        entry = self.found.get(self.keys[name])
        if self.version is not None and entry is not None and entry[0] == self.version:
            return entry[1]
        if self.version is None:
            # First use (or the version was evicted): start a new one. A fresh random value
            # never matches an entry computed under an older version.
            version = uuid.uuid4().hex
            self.version = version if cache.add(self.version_key, version, None) else None
            if self.version is None:
                self.version = cache.get(self.version_key)
        value = compute()
        if self.version is not None:
            cache.set(self.keys[name], (self.version, value), self.timeout)
        return value


def versioned(version_key, parts, compute, timeout=TIMEOUT):
    return Lookup(version_key, {"value": parts}, timeout).get("value", compute)
