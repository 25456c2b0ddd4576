"""A small programme built by hand for the dashboard tests.

People and their trainings (sent as the domain events courses and events announce):

| person | how | trainings (org type at the time, województwo, format, instruments) | profile |
|---|---|---|---|
| Agnieszka (account) | guest registration + account | course C1 2026-01-15 (jst, 12, e-learning, regranting); E1 2026-02-10 as a guest with the same e-mail (jst, 12, stacjonarne, male-granty) | complete, f, 35-44 |
| Bartosz (account) | account | E1 2026-02-10 (ngo, 14, stacjonarne, male-granty) | complete, m, 25-34 |
| Celina (account) | account | course C1 2026-03-05 (jst, 12) | position missing |
| Dorota (account) | account | E1 2026-02-10 (jst, 12, stacjonarne); then works for an NGO: course C1 2026-04-02 (ngo, 30) | complete, f, 45-54 |
| Grażyna (guest) | guest only | E2 2026-03-20 (ngo, 02, online, regranting) | names given |
| Henryk (guest) | guest only | E2 2026-03-20, no organisation type | not countable |
"""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import Profile
from courses.signals import course_completed
from dashboard.models import JstMilestone, Milestone, SupportedJst
from events.signals import attendance_marked
from practices.models import Instrument

_ids = itertools.count(1000)


def aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def complete_course(
    user, day, *, course_id=11, title="Regranting od podstaw", slugs=("regranting",)
):
    course_completed.send(
        sender=None,
        user_id=user.pk,
        course_id=course_id,
        course_title=title,
        hours=None,
        instrument_slugs=list(slugs),
        completed_at=aware(day),
    )


def attend(
    email,
    day,
    *,
    user=None,
    first="",
    last="",
    org="",
    voiv="",
    fmt="stacjonarne",
    slugs=("male-granty",),
    event_id=21,
    title="Małe granty w gminie",
    attended=True,
    registration_id=None,
):
    registration_id = registration_id or next(_ids)
    attendance_marked.send(
        sender=None,
        registration_id=registration_id,
        session_id=31,
        event_id=event_id,
        event_title=title,
        attended=attended,
        email=email,
        user_id=user.pk if user else None,
        first_name=first,
        last_name=last,
        organisation_type=org,
        voivodeship=voiv,
        format=fmt,
        instrument_slugs=list(slugs),
        session_date=day,
        marked_at=aware(day),
    )
    return registration_id


def make_user(email, first, last, **profile):
    user = get_user_model().objects.create_user(
        username=email.split("@")[0],
        email=email,
        password="Haslo-testowe-123",
        first_name=first,
        last_name=last,
    )
    if profile is not None:
        Profile.objects.create(user=user, **profile)
    return user


COMPLETE_JST = {
    "organisation_type": "jst",
    "organisation_name": "Urząd Miasta Krakowa",
    "jst_teryt": "1261011",
    "voivodeship": "12",
    "position": "inspektorka",
}


@pytest.fixture
def instruments(db):
    Instrument.objects.get_or_create(slug="regranting", defaults={"name": "Regranting"})
    Instrument.objects.get_or_create(slug="male-granty", defaults={"name": "Małe granty"})


@pytest.fixture
def programme(db, instruments):
    agnieszka = make_user(
        "agnieszka.zgrzytalska@example.pl",
        "Agnieszka",
        "Zgrzytalska",
        gender="f",
        age_group="35-44",
        **COMPLETE_JST,
    )
    bartosz = make_user(
        "bartosz@example.pl",
        "Bartosz",
        "Nowak",
        organisation_type="ngo",
        organisation_name="Fundacja Razem",
        voivodeship="14",
        position="prezes zarządu",
        gender="m",
        age_group="25-34",
    )
    celina = make_user(
        "celina@example.pl",
        "Celina",
        "Wiśniewska",
        **{**COMPLETE_JST, "position": ""},
    )
    dorota = make_user(
        "dorota@example.pl",
        "Dorota",
        "Lis",
        gender="f",
        age_group="45-54",
        **COMPLETE_JST,
    )
    jan, feb, mar, apr = (datetime.date(2026, m, d) for m, d in ((1, 15), (2, 10), (3, 5), (4, 2)))

    complete_course(agnieszka, jan)
    # The same person registered for E1 as a guest with the same (verified) e-mail.
    attend(
        "agnieszka.zgrzytalska@example.pl",
        feb,
        first="Agnieszka",
        last="Zgrzytalska",
        org="jst",
        voiv="12",
    )
    attend(
        "bartosz@example.pl", feb, user=bartosz, first="Bartosz", last="Nowak", org="ngo", voiv="14"
    )
    complete_course(celina, mar)
    attend("dorota@example.pl", feb, user=dorota, first="Dorota", last="Lis", org="jst", voiv="12")
    profile = dorota.profile
    profile.organisation_type = "ngo"
    profile.organisation_name = "Stowarzyszenie Lis"
    profile.jst_teryt = ""
    profile.voivodeship = "30"
    profile.save()
    complete_course(dorota, apr)
    attend(
        "grazyna@example.pl",
        datetime.date(2026, 3, 20),
        first="Grażyna",
        last="Guest",
        org="ngo",
        voiv="02",
        fmt="online",
        slugs=("regranting",),
        event_id=22,
        title="Regranting online",
    )
    attend(
        "henryk@example.pl",
        datetime.date(2026, 3, 20),
        first="Henryk",
        last="Gość",
        org="",
        voiv="",
        fmt="online",
        slugs=(),
        event_id=22,
        title="Regranting online",
    )

    jsts = {}
    for teryt, name, jst_type, stages in [
        ("1261011", "Kraków", "miasto_na_prawach_powiatu", [1]),
        ("1219063", "Wieliczka", "gmina_miejsko_wiejska", [1, 2, 3]),
        ("0663011", "Lublin", "miasto_na_prawach_powiatu", [1, 2, 3, 4, 5]),
    ]:
        jst = SupportedJst.objects.create(teryt=teryt, name=name, jst_type=jst_type)
        for stage in stages:
            JstMilestone.objects.create(
                jst=jst,
                stage=stage,
                date=datetime.date(2026, stage, 1)
                if teryt != "0663011"
                else datetime.date(2025, 6 + stage, 1),
            )
        jsts[name] = jst
    return {
        "agnieszka": agnieszka,
        "bartosz": bartosz,
        "celina": celina,
        "dorota": dorota,
        "jsts": jsts,
        "milestone": Milestone,
    }


@pytest.fixture
def staff_user(db):
    user = get_user_model().objects.create_user(
        username="staff",
        email="staff@mwf.example.pl",
        password="Haslo-testowe-123",
        first_name="Stefania",
        last_name="Sztab",
    )
    user.groups.add(Group.objects.get(name="Programme staff"))
    return user


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        username="editor", email="editor@mwf.example.pl", password="Haslo-testowe-123"
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user
