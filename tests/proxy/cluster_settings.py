"""The cluster test's settings: production's, with send slices short enough that the newsletter
passes between the two workers about ten times within the test (so the chance that one worker
takes every slice is about 1 in 500), django-q2's log of each task it processes, and the admin
open to a password session (the test uploads a document as an editor; two-factor sign-in has its
own tests in tests/accounts/)."""

from config.settings.production import *  # noqa: F403
from config.settings.production import LOGGING

NEWSLETTER_TASK_TIME_BUDGET = 1
NEWSLETTER_SEND_RATE = 200.0
MFA_REQUIRED_FOR_ADMIN = False
LOGGING = {
    **LOGGING,
    "loggers": {"django-q": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
