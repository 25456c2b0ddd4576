"""Names stored in plain models (instruments, newsletter lists, the consent wording) read in
English under /en/ and in Polish otherwise; the voivodeship filter is labelled in English while
the voivodeships keep their Polish names; the data migration fills the names of existing rows."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from events.forms import EventFilterForm
from newsletter.forms import SignupForm
from newsletter.models import ConsentRecord, ConsentText, NewsletterList
from newsletter.services import signup
from practices.models import Instrument

pytestmark = pytest.mark.django_db


@pytest.fixture
def names(db):
    instrument = Instrument.objects.create(
        name="małe granty (tryb pozakonkursowy)",
        short_name="małe granty",
        name_en="small grants (outside an open call)",
        short_name_en="small grants",
        slug="male-granty",
    )
    plain = Instrument.objects.create(name="fundusz sołecki", slug="fundusz-solecki")
    lst = NewsletterList.objects.create(
        name="Dla samorządów (JST)", name_en="For local governments (JST)", slug="jst"
    )
    consent = ConsentText.objects.create(text="Chcę otrzymywać newsletter.", text_en="I want it.")
    return instrument, plain, lst, consent


def test_instrument_names_follow_the_language(names):
    instrument, plain, _lst, _consent = names
    with translation.override("en"):
        assert str(instrument) == "small grants (outside an open call)"
        assert instrument.display_short_name == "small grants"
        assert plain.display_name == "fundusz sołecki"  # no English given: the Polish name
        form = EventFilterForm()
        assert ("male-granty", "small grants (outside an open call)") in form.fields[
            "instrument"
        ].choices
        assert form.fields["voivodeship"].label == "Voivodeship"
        assert ("12", "małopolskie") in form.fields["voivodeship"].choices
    with translation.override("pl"):
        assert str(instrument) == "małe granty (tryb pozakonkursowy)"
        assert EventFilterForm().fields["voivodeship"].label == "Województwo"


def test_newsletter_signup_in_english_records_the_english_wording(names):
    _instrument, _plain, lst, consent = names
    with translation.override("en"):
        form = SignupForm()
        assert form.fields["consent"].label == "I want it."
        assert [label for _value, label in form.fields["lists"].choices] == [
            "For local governments (JST)"
        ]
    with translation.override("pl"):
        assert SignupForm().fields["consent"].label == "Chcę otrzymywać newsletter."
    record = signup(email="a@example.pl", lists=[lst], consent_text=consent, language="en")
    assert ConsentRecord.objects.get(pk=record.pk).text_shown == "I want it."


def test_an_agreed_consent_version_may_get_english_once(names):
    *_rest, consent = names
    blank = ConsentText.objects.create(text="Druga wersja.")
    signup(email="b@example.pl", lists=[], consent_text=blank, language="pl")
    blank.text_en = "Second version."
    blank.clean()  # the first English wording changes nothing anyone saw
    blank.save()
    blank.text_en = "Another wording."
    with pytest.raises(ValidationError):
        blank.clean()


def test_data_migrations_fill_existing_rows(db):
    practices = importlib.import_module("practices.migrations.0006_english_names")
    newsletter = importlib.import_module("newsletter.migrations.0006_english_names")
    Instrument.objects.create(name="regranting", slug="regranting")
    kept = Instrument.objects.create(name="inny", slug="inny")
    NewsletterList.objects.create(name="Dla organizacji pozarządowych", slug="ngo")
    ConsentText.objects.create(text=newsletter.CONSENT_V1_PL_START + " …")
    practices.fill_english(apps, None)
    newsletter.fill_english(apps, None)
    assert Instrument.objects.get(slug="regranting").name_en == "regranting"
    assert Instrument.objects.get(pk=kept.pk).name_en == ""
    assert NewsletterList.objects.get(slug="ngo").name_en == "For non-governmental organisations"
    assert ConsentText.objects.get().text_en.startswith("I want to receive the MWF")
