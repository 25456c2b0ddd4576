"""Accounts rules: the participant's profile and sending the account e-mails."""

from django.core.mail import EmailMultiAlternatives

from accounts.models import Profile


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
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
    return True
