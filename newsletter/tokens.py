"""Signed tokens for e-mail links. The address never appears in a link: a token names a row and
is signed with the site's secret, so it cannot be guessed or altered.

- Confirmation tokens name a consent record and expire (NEWSLETTER_CONFIRM_MAX_AGE).
- Personal tokens (unsubscribe, preferences) name a subscriber and do not expire: an unsubscribe
  link in a year-old issue must still work.
"""

from django.core import signing

from newsletter import conf

CONFIRM_SALT = "newsletter.confirm"
PERSONAL_SALT = "newsletter.personal"


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def confirm_token(record):
    return signing.dumps({"c": record.pk}, salt=CONFIRM_SALT)


def read_confirm_token(token):
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=conf.get("NEWSLETTER_CONFIRM_MAX_AGE")
        )
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        raise TokenInvalid
    return data["c"]


def personal_token(subscriber):
    """The subscriber's token; `None` gives the token of a test message (no one to unsubscribe)."""
    return signing.dumps({"s": subscriber.pk if subscriber else 0}, salt=PERSONAL_SALT)


def read_personal_token(token):
    """The subscriber id (0 for a test message), or TokenInvalid."""
    try:
        data = signing.loads(token, salt=PERSONAL_SALT)
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise TokenInvalid
    return data["s"]
