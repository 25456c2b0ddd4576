"""Personal data held by accounts (`export_for` / `erase_for`, called by
dashboard/data_rights.py)."""

from accounts.models import AgeGroup, Gender, OrganisationType, Profile
from cms.teryt import VOIVODESHIPS, JstType

PROFILE_FIELDS = [
    "organisation_type",
    "organisation_name",
    "jst_type",
    "jst_teryt",
    "voivodeship",
    "position",
    "gender",
    "age_group",
    "language",
]


def export_for(user):
    profile = Profile.objects.filter(user=user).first()
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "profile": None,
    }
    if profile is not None:
        data["profile"] = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    return data


def erase_for(user):
    """Anonymise the person: names and identifying profile fields go; what counts toward the
    programme's anonymous totals (organisation type, województwo, gender, age group) stays.
    The login e-mail is replaced so the account can no longer be used."""
    Profile.objects.filter(user=user).update(organisation_name="", jst_teryt="", position="")
    user.first_name = ""
    user.last_name = ""
    user.email = f"usuniety-{user.pk}@invalid.example"
    user.username = f"usuniety-{user.pk}"
    user.is_active = False
    user.set_unusable_password()
    user.save()
    try:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.filter(user=user).delete()
    except ImportError:  # pragma: no cover - allauth is installed
        pass


# How "Moje dane" shows the stored codes (dashboard/presenting.py reads VALUES of every app).
VALUES = {
    "organisation_type": dict(OrganisationType.choices),
    "gender": dict(Gender.choices),
    "age_group": dict(AgeGroup.choices),
    "jst_type": dict(JstType.choices),
    "voivodeship": VOIVODESHIPS,
}
