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


def versioned(version_key, parts, compute, timeout=TIMEOUT):
    key = f"{version_key}:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    found = cache.get_many([version_key, key])
    version = found.get(version_key)
    entry = found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return entry[1]
    if version is None:
        # First use (or the version was evicted): start a new one. A fresh random value never
        # matches an entry computed under an older version.
        version = uuid.uuid4().hex
        if not cache.add(version_key, version, None):
            version = cache.get(version_key)
    value = compute()
    if version is not None:
        cache.set(key, (version, value), timeout)
    return value
