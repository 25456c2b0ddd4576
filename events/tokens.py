"""Signed links in e-mails: the registration's public id, signed with the site's secret key.
A tampered or foreign token reads as None (the view answers 404)."""

from django.core import signing

SALT = "events.registration"


def make_token(registration):
    return signing.Signer(salt=SALT).sign(str(registration.public_id))


def read_token(token):
    try:
        return signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
