"""The dashboard's ledger of training records, kept from the domain events of courses and events.

One rule per function: who the person is (`person_for`), whether they are countable
(`refresh_person`), how a completion or an attendance becomes a record. Receivers in
`dashboard.handlers` only call these.
"""

import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Profile

from .models import Person, RecordInstrument, TrainingRecord

COURSE_FORMAT = "e-learning"


def _profile_of(user):
    if user is None:
        return None
    return Profile.objects.filter(user=user).select_related("user").first()


def person_for(*, email, user=None):
    """The ledger's person for a verified e-mail, linked to the account when there is one.
    A guest registration and an account with the same address are the same person."""
    email = (email or "").strip().lower()
    person = None
    if user is not None:
        person = Person.objects.filter(user=user).first()
    if person is None and email:
        person = Person.objects.filter(key=email).first()
    if person is None:
        person = Person.objects.create(key=email or f"user:{user.pk}", email=email, user=user)
    elif user is not None and person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    return person


def missing_fields(person, profile=None):
    """What the person still has to provide before they count toward the targets.

    With an account the rule is the profile's own (`Profile.missing_monitoring_fields`). A guest
    gave what the registration form asks; we can only tell whether the name and the organisation
    type came with it."""
    if person.user_id is not None:
        profile = profile or _profile_of(person.user) or Profile(user=person.user)
        return profile.missing_monitoring_fields()
    missing = []
    if not (person.first_name and person.last_name):
        missing.append("name")
    if not person.records.exclude(organisation_type="").exists():
        missing.append("organisation_type")
    return missing


def refresh_person(person, profile=None):
    """Bring the person's identity, gender, age group and countability up to date (from the
    account's profile when there is one). An anonymised person stays frozen."""
    if person.anonymised_at is not None:
        return person
    if person.user_id is not None:
        user = person.user
        profile = profile or _profile_of(user)
        person.first_name = user.first_name or person.first_name
        person.last_name = user.last_name or person.last_name
        if profile is not None:
            person.gender = profile.gender
            person.age_group = profile.age_group
            # Trainings recorded before the profile said where the person works take the first
            # organisation type and województwo the person gave.
            person.records.filter(organisation_type="").update(
                organisation_type=profile.organisation_type
            )
            person.records.filter(voivodeship="").update(voivodeship=profile.voivodeship)
    missing = missing_fields(person, profile)
    person.missing = ",".join(missing)
    person.countable = not missing
    person.save()
    return person


def _set_instruments(record, slugs):
    RecordInstrument.objects.filter(record=record).exclude(slug__in=slugs).delete()
    existing = set(record.instruments.values_list("slug", flat=True))
    RecordInstrument.objects.bulk_create(
        [RecordInstrument(record=record, slug=s) for s in dict.fromkeys(slugs) if s not in existing]
    )


@transaction.atomic
def record_course_completion(
    *,
    user_id,
    course_id,
    course_title="",
    hours=None,
    instrument_slugs=(),
    completed_at=None,
    **_ignored,
):
    """A completed course becomes one record (idempotent per user and course)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    person = person_for(email=user.email, user=user)
    profile = _profile_of(user)
    completed_at = completed_at or timezone.now()
    record, _created = TrainingRecord.objects.update_or_create(
        source_key=f"course:{course_id}:user:{user_id}",
        defaults={
            "person": person,
            "source": TrainingRecord.Source.COURSE,
            "object_id": course_id,
            "title": (course_title or "")[:255],
            "format": COURSE_FORMAT,
            "hours": hours,
            "date": timezone.localdate(completed_at),
        },
        create_defaults={
            "person": person,
            "source": TrainingRecord.Source.COURSE,
            "object_id": course_id,
            "title": (course_title or "")[:255],
            "format": COURSE_FORMAT,
            "hours": hours,
            "date": timezone.localdate(completed_at),
            "organisation_type": profile.organisation_type if profile else "",
            "voivodeship": profile.voivodeship if profile else "",
        },
    )
    _set_instruments(record, list(instrument_slugs or ()))
    refresh_person(person, profile)
    return record


@transaction.atomic
def record_attendance(
    *,
    registration_id,
    email,
    attended=True,
    user_id=None,
    session_id=None,
    event_id=None,
    event_title="",
    first_name="",
    last_name="",
    organisation_type="",
    voivodeship="",
    format="",
    instrument_slugs=(),
    session_date=None,
    marked_at=None,
    **_ignored,
):
    """An attendance mark becomes one record per registration; un-marking removes it."""
    key = f"attendance:{registration_id}"
    if not attended:
        record = TrainingRecord.objects.filter(source_key=key).select_related("person").first()
        if record is not None:
            person = record.person
            record.delete()
            refresh_person(person)
        return None
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None and email:
        # A guest whose address has (since) an account is the account's person.
        user = get_user_model().objects.filter(email__iexact=email).first()
    person = person_for(email=email, user=user)
    if person.anonymised_at is None:
        person.first_name = first_name or person.first_name
        person.last_name = last_name or person.last_name
    profile = _profile_of(user)
    if not organisation_type and profile is not None:
        organisation_type = profile.organisation_type
    if not voivodeship and profile is not None:
        voivodeship = profile.voivodeship
    day = session_date or timezone.localdate(marked_at or timezone.now())
    record, _created = TrainingRecord.objects.update_or_create(
        source_key=key,
        defaults={
            "person": person,
            "source": TrainingRecord.Source.ATTENDANCE,
            "object_id": event_id,
            "title": (event_title or "")[:255],
            "organisation_type": organisation_type or "",
            "voivodeship": voivodeship or "",
            "format": format or "",
            "date": day,
        },
    )
    _set_instruments(record, list(instrument_slugs or ()))
    refresh_person(person, profile)
    return record


def refresh_for_user(user):
    """After a change of the account or its profile."""
    person = Person.objects.filter(user=user).first()
    if person is None and user.email:
        person = Person.objects.filter(key=user.email.lower()).first()
        if person is not None and person.user_id is None:
            person.user = user
    if person is not None:
        refresh_person(person)


def export_person(user):
    person = Person.objects.filter(user=user).first()
    if person is None:
        return {}
    records = person.records.prefetch_related("instruments").order_by("date", "pk")
    return {
        "person": {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "gender": person.gender,
            "age_group": person.age_group,
            "countable": person.countable,
            "missing_monitoring_fields": person.missing_list,
        },
        "training_records": [
            {
                "source": r.source,
                "title": r.title,
                "date": r.date.isoformat(),
                "organisation_type": r.organisation_type,
                "voivodeship": r.voivodeship,
                "format": r.format,
                "hours": str(r.hours) if r.hours is not None else None,
                "instruments": [i.slug for i in r.instruments.all()],
            }
            for r in records
        ],
    }


def anonymise_person(user):
    """Erase the identity; the records stay as an anonymous person so the indicators hold."""
    persons = Person.objects.filter(user=user)
    if user.email:
        persons = persons | Person.objects.filter(key=user.email.lower())
    for person in persons.distinct():
        person.key = f"anon:{uuid.uuid4().hex}"
        person.email = ""
        person.first_name = ""
        person.last_name = ""
        person.user = None
        person.anonymised_at = timezone.now()
        person.save()
