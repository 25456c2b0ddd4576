"""The newsletter's tunables, each overridable by a Django setting of the same name.

Defaults are safe for a small programme site; the platform owner can move any of them into
`config/settings/base.py` without touching this app.
"""

from django.conf import settings

DEFAULTS = {
    # Double opt-in: how long a confirmation link stays valid (seconds).
    "NEWSLETTER_CONFIRM_MAX_AGE": 7 * 24 * 3600,
    # Signup attempts accepted per client IP within the window (seconds).
    "NEWSLETTER_SIGNUP_RATE": (5, 600),
    # Confirmation e-mails sent to one address within the window: stops mail-bombing a stranger.
    "NEWSLETTER_CONFIRM_MAILS_PER_ADDRESS": (3, 24 * 3600),
    # Sending: messages per second for one dispatch, rows claimed at a time.
    "NEWSLETTER_SEND_RATE": 300.0,
    "NEWSLETTER_BATCH_SIZE": 50,
    # Parallel SMTP connections (lanes) of one dispatch, each with its own database connection
    # (PostgreSQL or an SQLite file; one lane inside a transaction, as in tests).
    "NEWSLETTER_SEND_CONNECTIONS": 4,
    # A worker holds a dispatch for this long without renewing it before another may take over.
    "NEWSLETTER_LEASE_SECONDS": 60,
    # A task sends for at most this long, then queues its own continuation (below Q timeout).
    "NEWSLETTER_TASK_TIME_BUDGET": 240,
    # A delivery that fails with an SMTP error is tried this many times in total.
    "NEWSLETTER_MAX_ATTEMPTS": 3,
    "NEWSLETTER_RETRY_DELAY": 60,
    # Per-message commits of the send loop without waiting for the disk (see sending/loop.py).
    "NEWSLETTER_QUICK_COMMITS": True,
    # Mail backend used for newsletters (None: Django's EMAIL_BACKEND).
    "NEWSLETTER_EMAIL_BACKEND": None,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
