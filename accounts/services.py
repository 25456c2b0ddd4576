"""Accounts rules: the participant's profile and sending the account e-mails."""

from accounts import signals
from accounts.models import Profile
from cms import mail
from cms.domain_events import announce


def profile_for(user):
    """The participant's profile, created empty on first use."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def save_profile(user, profile, names):
    """Save the profile with the names kept on the user."""
    user.first_name = names["first_name"].strip()
    user.last_name = names["last_name"].strip()
    user.save(update_fields=["first_name", "last_name"])
    profile.save()
    if has_name(user):
        announce(signals.names_given, sender=Profile, user_id=user.pk)
    return profile


def has_name(user):
    """Certificates are made out to a name, never to an e-mail address: both parts are needed."""
    return bool(user.first_name.strip() and user.last_name.strip())


def send_email(*, subject, body, from_email, to, html=None):
    mail.send(subject=subject, text=body, from_email=from_email, to=to, html=html)
    return True
