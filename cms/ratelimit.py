"""Counting attempts per key in Django's cache (the database cache or Redis: shared by every web
process), for the limits on guessable or costly actions: newsletter sign-ups, confirmation
e-mails, course enrolment keys. Keys are hashed, so the cache holds no address or account id in
clear."""

import hashlib

from django.core.cache import cache


def cache_key(scope, *parts):
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(key, limit, window):
    """Count one event under `key`; True while the count stays within `limit` per `window`
    seconds (the window starts with the first event)."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def exceeded(key, limit):
    """True when `key` has already used up its `limit` (without counting a new event)."""
    return (cache.get(key) or 0) >= limit
