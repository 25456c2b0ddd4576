"""A recruitment call built by hand: three criteria (weights 40/35/25, 0–5 points each), two
required attachments, two instruments, and helpers for complete applications and staff."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from cms import roles
from practices.models import Instrument
from recruitment import services
from recruitment.models import CallCriterion, RecruitmentCallPage, RequiredAttachment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_teryt = itertools.count(1)


def pdf_upload(name="uchwala.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_call(parent, *, deadline=None, slug="wsparcie-jst", places=20, title=None):
    call = RecruitmentCallPage(
        title=title or "Nabór JST do wsparcia wdrożeniowego",
        slug=slug,
        intro="<p>Zapraszamy gminy i powiaty.</p>",
        rules="<p>Zgłoszenie składa gmina albo powiat; jedno na jednostkę.</p>",
        deadline=deadline or timezone.now() + datetime.timedelta(days=14),
        places=places,
    )
    call.criteria = [
        CallCriterion(name="Gotowość do zmian", weight=40, max_points=5, sort_order=0),
        CallCriterion(name="Trafność diagnozy", weight=35, max_points=5, sort_order=1),
        CallCriterion(name="Zasięg współpracy", weight=25, max_points=5, sort_order=2),
    ]
    call.required_attachments = [
        RequiredAttachment(name="Program współpracy na 2026 r.", sort_order=0),
        RequiredAttachment(name="List intencyjny wójta", sort_order=1),
    ]
    parent.add_child(instance=call)
    call.save_revision().publish()
    call.refresh_from_db()
    return call


@pytest.fixture(autouse=True)
def _polish():
    """Each test starts in Polish: a request to an English page leaves English active in the
    thread (LocaleMiddleware does not switch back), and the rules' messages follow it."""
    with translation.override("pl"):
        yield


@pytest.fixture
def instruments(db):
    return [
        Instrument.objects.get_or_create(slug="regranting", defaults={"name": "Regranting"})[0],
        Instrument.objects.get_or_create(slug="male-granty", defaults={"name": "Małe granty"})[0],
    ]


@pytest.fixture
def call(home_page, instruments):
    return make_call(home_page)


def make_user(email, role=None, **extra):
    user = get_user_model().objects.create_user(
        username=email, email=email, password="Haslo-testowe-123", **extra
    )
    if role is not None:
        roles.add_to_role(user, role)
    return user


@pytest.fixture
def applicant(db):
    return make_user("sekretarz@wieliczka.example.pl", first_name="Ewa", last_name="Kowal")


def complete_data(instruments, *, teryt="1219063", name="Gmina Wieliczka", jst_type=None):
    return {
        "jst_name": name,
        "jst_type": jst_type or "gmina_miejsko_wiejska",
        "teryt": teryt,
        "contact_name": "Ewa Kowal",
        "contact_position": "sekretarz gminy",
        "contact_email": "ewa.kowal@wieliczka.example.pl",
        "contact_phone": "+48 12 345 67 89",
        "instruments": list(instruments),
        "cooperation_programme": "yes",
        "calls_last_year": 4,
        "grants_last_year": 250000,
        "barriers": "Mało organizacji na terenach wiejskich.",
        "goals": "Uruchomić małe granty dla sołectw.",
        "authorised": True,
    }


def complete_application(call, user, instruments, **kwargs):
    """A draft with every field and attachment, ready to submit."""
    application = services.save_draft(
        user=user, call=call, data=complete_data(instruments, **kwargs)
    )
    for requirement in call.required_attachments.all():
        services.replace_attachment(application, requirement.pk, pdf_upload())
    return application


def unique_gmina_teryt():
    """A valid rural-gmina TERYT code, different at every call (12 PP GG 2)."""
    n = next(_teryt)
    return f"12{1 + n // 90 % 18:02d}{1 + n % 90:02d}2"


def points(call, *values):
    return {c.pk: v for c, v in zip(call.criteria.all(), values, strict=True)}
