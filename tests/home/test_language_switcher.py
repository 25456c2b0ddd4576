"""The language switcher leads from every kind of page to its translation, from a view that is
no page to the same view in the other language, and to the other language's home page only
when a page has no translation."""

import pytest
from wagtail.models import Page

from events.models import EventIndexPage
from home.models import StandardPage
from practices.models import Instrument, InstrumentIndexPage, PracticeIndexPage
from tests.courses import factories as course_factories
from tests.events.conftest import make_event
from tests.practices.factories import make_guide, make_practice

pytestmark = pytest.mark.django_db


def english_copy(page, locales, slug, title=None):
    """The English translation of `page` (and of its untranslated ancestors), published."""
    page = page.specific
    parent = page.get_parent()
    if parent.depth > 1 and parent.get_translation_or_none(locales["en"]) is None:
        english_copy(parent, locales, parent.slug)
    english = page.copy_for_translation(locales["en"])
    english.slug = slug
    english.title = title or slug
    english.save()
    english.save_revision().publish()
    return Page.objects.get(pk=english.pk).specific


def switcher(html, code):
    marker = f'lang="{code}" hreflang="{code}"'
    line = next(line for line in html.splitlines() if marker in line and "href=" in line)
    return line.split('href="', 1)[1].split('"', 1)[0]


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def english_home(home_page, locales):
    return english_copy(home_page, locales, "start-en", "Home")


def both_ways(client, polish, english):
    assert switcher(client.get(polish.url).content.decode(), "en") == english.url
    assert switcher(client.get(english.url).content.decode(), "pl") == polish.url


def test_a_training_and_its_registration_form(client, english_home, home_page, locales):
    index = publish_child(home_page, EventIndexPage(title="Szkolenia", slug="wydarzenia"))
    english_copy(index, locales, "events")
    training = make_event(index, title="Regranting w praktyce", slug="regranting")
    english = english_copy(training, locales, "regranting-in-practice")
    assert english.url == "/en/events/regranting-in-practice/"
    both_ways(client, training, english)
    form = f"zapisy/{training.sessions.get().pk}/"
    html = client.get(training.url + form).content.decode()
    assert switcher(html, "en") == english.url + form


def test_a_course(client, english_home, home_page, locales):
    course = course_factories.course(home_page, title="Małe granty", modules=0)
    english = english_copy(course, locales, "small-grants")
    both_ways(client, course, english)


def test_a_practice_and_an_instrument_guide(client, english_home, home_page, locales):
    instrument = Instrument.objects.create(name="małe granty", slug="male-granty")
    catalogue = publish_child(
        home_page, PracticeIndexPage(title="Dobre praktyki", slug="dobre-praktyki")
    )
    practice = make_practice(catalogue, [instrument])
    both_ways(client, practice, english_copy(practice, locales, "practice-1"))
    guides = publish_child(home_page, InstrumentIndexPage(title="Instrumenty", slug="instrumenty"))
    guide = make_guide(guides, instrument)
    both_ways(client, guide, english_copy(guide, locales, "small-grants"))


def test_a_standard_page_and_the_fallback(client, english_home, home_page, locales):
    about = publish_child(home_page, StandardPage(title="O projekcie", slug="o-projekcie"))
    both_ways(client, about, english_copy(about, locales, "about"))
    only_polish = publish_child(home_page, StandardPage(title="Tylko po polsku", slug="tylko"))
    assert switcher(client.get(only_polish.url).content.decode(), "en") == "/en/"
    assert Page.objects.filter(slug="tylko").count() == 1


@pytest.mark.parametrize(
    ("polish", "english"),
    [
        ("/szukaj/?q=granty", "/en/search/?q=granty"),
        ("/konto/login/", "/en/account/login/"),
        ("/konto/signup/", "/en/account/signup/"),
    ],
)
def test_views_that_are_no_page_switch_to_their_english_url(client, english_home, polish, english):
    assert switcher(client.get(polish).content.decode(), "en") == english
    assert switcher(client.get(english).content.decode(), "pl") == polish


def test_participant_views_have_english_segments(client, english_home, django_user_model):
    user = django_user_model.objects.create_user("p@example.pl", "p@example.pl", "x")
    client.force_login(user)
    for polish, english in [("/moje-kursy/", "/en/my-courses/"), ("/moje-dane/", "/en/my-data/")]:
        assert client.get(english).status_code == 200
        assert switcher(client.get(polish).content.decode(), "en") == english


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/en/konto/login/", "/en/account/login/"),
        ("/en/szukaj/?q=grants", "/en/search/?q=grants"),
        ("/en/moje-kursy/", "/en/my-courses/"),
        ("/en/moje-dane/pobierz/", "/en/my-data/download/"),
    ],
)
def test_old_english_addresses_redirect_permanently(client, english_home, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_unknown_old_segments_are_not_found(client, english_home):
    assert client.get("/en/konto/nie-ma/").status_code == 404
    assert client.get("/konto/nie-ma/").status_code == 404
    assert client.get("/en/account/login/").status_code == 200
    assert client.get("/account/login/").status_code == 404  # Polish keeps its own segments
