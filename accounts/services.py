"""Accounts rules: the participant's profile and sending the account e-mails."""

from accounts.models import Profile
from cms import mail


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
    return profile


def send_email(*, subject, body, from_email, to, html=None):
    mail.send(subject=subject, text=body, from_email=from_email, to=to, html=html)
    return True
