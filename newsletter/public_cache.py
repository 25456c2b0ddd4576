"""What public pages show of the newsletter, kept in process memory like the site chrome
(cms/chrome.py): the signup form's consent wording and public lists, and the items of the
"latest content" blocks of an issue's web version. Keyed by the chrome's version stamp, which
changes when any page, site or site setting is saved (and, through the receivers below, any
consent text or mailing list), so a public page costs no query for them once warm.

The e-mail itself never uses this: it is rendered from fresh queries when sending starts.
"""

import threading
import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

from cms import chrome
from newsletter.models import ConsentText, NewsletterList

# The upcoming trainings also depend on their sessions (dates, cancellations), which do not
# change the stamp: items are kept at most this long.
ITEMS_MAX_AGE = 300

_store = {}
_lock = threading.Lock()


def _remember(key, build, max_age=None):
    now = time.monotonic()
    entry = _store.get(key)
    if entry is not None and (max_age is None or now - entry[1] < max_age):
        return entry[0]
    value = build()
    with _lock:
        if len(_store) > 2048:
            _store.clear()
        _store[key] = (value, now)
    return value


def _stamp(request):
    # The chrome's per-request version stamp (one cache read per request, shared with it):
    # `content_version`, formerly the private `_version`.
    stamp = getattr(chrome, "content_version", None) or chrome._version
    return stamp(request)


def signup_data(request):
    """(current ConsentText or None, [(list id, name), ...] of the public lists)."""

    def build():
        lists = NewsletterList.objects.filter(is_public=True).values_list("pk", "name")
        return ConsentText.current(), list(lists)

    if request is None:
        return build()
    return _remember(("signup", _stamp(request)), build)


def block_items(block, value, request):
    """The items of a "latest content" block of a page's web version."""

    def build():
        return block.get_items(value, request=request)

    if request is None:
        return build()
    key = (
        "items",
        _stamp(request),
        type(block).__name__,
        value.get("limit"),
        request.get_host(),
        translation.get_language(),
    )
    return _remember(key, build, ITEMS_MAX_AGE)


@receiver(post_save, sender="newsletter.ConsentText")
@receiver(post_delete, sender="newsletter.ConsentText")
@receiver(post_save, sender="newsletter.NewsletterList")
@receiver(post_delete, sender="newsletter.NewsletterList")
def _signup_data_changed(**kwargs):
    chrome.bump_version()
