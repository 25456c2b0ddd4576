"""The path certificate: issued through the certificates app (the same register, PDF, QR code
and verification page as course certificates) once every required step of a path is done, in
the holder's language. One per person and path, whatever the language of the path page."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.services import has_name
from certificates import services as certificate_services
from certificates.models import Certificate
from paths import progress, structure


def source_key(path_key, user_id):
    """The idempotency key of a path certificate (the path's translation group, the person)."""
    return f"path:{path_key}:user:{user_id}"


def certificate_of(path, user_id):
    return Certificate.objects.filter(source_key=source_key(path.key, user_id)).first()


def _language(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "language", "") or "pl"


def award(user_id):
    """Issue the certificate of every path whose required steps `user_id` has all done and
    that has none yet (idempotent), and queue each new one's e-mail. A person without a name
    waits (the path page says where to add it). Returns the newly issued certificates. Runs
    in a task."""
    user = get_user_model().objects.filter(pk=user_id).select_related("profile").first()
    if user is None or not user.is_active or not has_name(user):
        return []
    groups = structure.groups()
    canonical = [paths[0] for paths in groups.values() if paths[0].certificate_enabled]
    if not canonical:
        return []
    found = progress.facts(canonical, [user_id])
    issued_keys = set(
        Certificate.objects.filter(
            source_key__in=[source_key(path.key, user_id) for path in canonical]
        ).values_list("source_key", flat=True)
    )
    language = _language(user)
    issued = []
    for path in canonical:
        key = source_key(path.key, user_id)
        place = progress.state(path, found, user_id)
        if key in issued_keys or not place.finished:
            continue
        shown = structure.in_language(groups[path.key], language)
        first, last = place.dates
        certificate = certificate_services.issue_certificate(
            kind=Certificate.Kind.PATH,
            user=user,
            email=user.email,
            full_name=user.get_full_name(),
            title=shown.title,
            hours=shown.hours,
            outcomes=list(shown.outcomes),
            organiser=certificate_services.organiser_name(),
            dates_text=certificate_services.dates_text(
                timezone.localdate(first), timezone.localdate(last)
            ),
            place="",
            source_key=key,
            language=language,
        )
        certificate_services.queue_certificate_email(certificate)
        issued.append(certificate)
    return issued
