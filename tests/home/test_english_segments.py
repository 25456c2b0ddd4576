"""Every view that is no page has English URL segments under /en/; the Polish segments that
English pages and e-mails used before (`/en/quizy/...`, `/en/wydarzenia/zgloszenie/...`) lead
there with a 301, and English pages link to the English URLs."""

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import EventIndexPage
from tests.courses import factories as course_factories
from tests.home.test_language_switcher import english_copy, publish_child

pytestmark = pytest.mark.django_db

# (URL name, arguments, Polish URL, English URL)
VIEWS = [
    ("certificates:verify", ["ABC"], "/certyfikat/ABC/", "/en/certificate/ABC/"),
    ("certificates:pdf", ["ABC"], "/certyfikat/ABC/pdf/", "/en/certificate/ABC/pdf/"),
    ("courses:enrol", [7], "/kurs/7/zapisz/", "/en/course/7/enrol/"),
    ("courses:unenrol", [7], "/kurs/7/wypisz/", "/en/course/7/leave/"),
    ("courses:complete", [7], "/lekcja/7/ukoncz/", "/en/lesson/7/complete/"),
    ("events:feed", [], "/wydarzenia/kalendarz.ics", "/en/events/calendar.ics"),
    ("events:session_ics", [7], "/wydarzenia/termin/7.ics", "/en/events/session/7.ics"),
    (
        "events:registration",
        ["tok"],
        "/wydarzenia/zgloszenie/tok/",
        "/en/events/registration/tok/",
    ),
    (
        "events:cancel",
        ["tok"],
        "/wydarzenia/zgloszenie/tok/anuluj/",
        "/en/events/registration/tok/cancel/",
    ),
    (
        "events:registration_ics",
        ["tok"],
        "/wydarzenia/zgloszenie/tok/zaproszenie.ics",
        "/en/events/registration/tok/invitation.ics",
    ),
    ("events:my_trainings", [], "/moje-szkolenia/", "/en/my-trainings/"),
    ("newsletter:signup", [], "/subskrypcja/zapis/", "/en/newsletter/sign-up/"),
    (
        "newsletter:check_mailbox",
        [],
        "/subskrypcja/sprawdz-poczte/",
        "/en/newsletter/check-your-inbox/",
    ),
    (
        "newsletter:confirm",
        ["tok"],
        "/subskrypcja/potwierdz/tok/",
        "/en/newsletter/confirm/tok/",
    ),
    (
        "newsletter:confirmed",
        ["tok"],
        "/subskrypcja/potwierdzono/tok/",
        "/en/newsletter/confirmed/tok/",
    ),
    (
        "newsletter:preferences",
        ["tok"],
        "/subskrypcja/ustawienia/tok/",
        "/en/newsletter/preferences/tok/",
    ),
    (
        "newsletter:unsubscribe",
        ["tok"],
        "/subskrypcja/wypisz/tok/",
        "/en/newsletter/unsubscribe/tok/",
    ),
    (
        "newsletter:one_click",
        ["tok"],
        "/subskrypcja/wypisz/tok/jednym-kliknieciem/",
        "/en/newsletter/unsubscribe/tok/one-click/",
    ),
    ("newsletter:unsubscribed", [], "/subskrypcja/wypisano/", "/en/newsletter/unsubscribed/"),
    (
        "quizzes:in_lesson",
        [1, 2],
        "/quizy/lekcja/1/2/",
        "/en/quizzes/lesson/1/2/",
    ),
    ("quizzes:in_course", [1, 2], "/quizy/kurs/1/2/", "/en/quizzes/course/1/2/"),
    ("quizzes:attempt", [3], "/quizy/podejscie/3/", "/en/quizzes/attempt/3/"),
    (
        "quizzes:autosave",
        [3],
        "/quizy/podejscie/3/autozapis/",
        "/en/quizzes/attempt/3/autosave/",
    ),
    ("quizzes:result", [3], "/quizy/podejscie/3/wynik/", "/en/quizzes/attempt/3/result/"),
    ("quizzes:my_attempts", [], "/quizy/moje-podejscia/", "/en/quizzes/my-attempts/"),
]


@pytest.fixture
def english_home(home_page, locales):
    return english_copy(home_page, locales, "start-en", "Home")


@pytest.mark.parametrize(("name", "args", "polish", "english"), VIEWS)
def test_each_view_has_english_segments_and_the_old_address_redirects(
    client, english_home, name, args, polish, english
):
    with translation.override("pl"):
        assert reverse(name, args=args) == polish
    with translation.override("en"):
        assert reverse(name, args=args) == english
    # The English URL reaches the view (a dummy token or id: its own answer, never a page 404
    # from Wagtail, which would mean the URL reached no view).
    response = client.get(english)
    assert response.resolver_match.view_name == name
    # /en/ with the Polish segments, as in e-mails sent before: 301 to the English URL, the
    # query string kept.
    old = client.get(f"/en{polish}", {"utm_source": "mail"})
    assert old.status_code == 301
    assert old["Location"] == f"{english}?utm_source=mail"
    # The Polish URL stays as it was.
    assert client.get(polish).resolver_match.view_name == name


def test_english_pages_link_to_english_segments(client, english_home, home_page, locales):
    participant = course_factories.user()
    client.force_login(participant)
    course = course_factories.course(english_home, title="Small grants", modules=0)
    html = client.get(course.url).content.decode()
    assert f'action="/en/course/{course.pk}/enrol/"' in html
    assert 'href="/en/my-trainings/"' in html and "/moje-szkolenia/" not in html
    index = publish_child(home_page, EventIndexPage(title="Szkolenia", slug="wydarzenia"))
    english_index = english_copy(index, locales, "events")
    html = client.get(english_index.url).content.decode()
    assert 'href="/en/events/calendar.ics"' in html and "kalendarz.ics" not in html
    html = client.get("/en/newsletter/unsubscribed/").content.decode()
    assert 'href="/en/newsletter/sign-up/"' in html and "/subskrypcja/zapis/" not in html


def test_pages_under_the_old_segments_are_still_served(client, english_home, home_page, locales):
    """A Polish page at /wydarzenia/ and an English translation that kept its Polish slug pass
    through the redirect's pattern to Wagtail."""
    index = publish_child(home_page, EventIndexPage(title="Szkolenia", slug="wydarzenia"))
    assert client.get("/wydarzenia/").status_code == 200
    english_copy(index, locales, "wydarzenia", "Trainings")
    response = client.get("/en/wydarzenia/")
    assert response.status_code == 200 and "Trainings" in response.content.decode()
    assert client.get("/en/wydarzenia/nie-ma/").status_code == 404
