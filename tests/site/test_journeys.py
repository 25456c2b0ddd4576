"""New visitors' journeys on the demo site, counted in actions (each click, fill or choice is
one), in Polish and English: from the home page to one instrument's practices in one
voivodeship (≤ 3), a newsletter sign-up (≤ 2, then the link from the e-mail), and a logged-in
participant's registration for the next training (≤ 4). One module loads the demo once."""

import io
import re

import pytest
from django.core.management import call_command

from events.models import Registration
from newsletter.models import Subscriber
from practices.models import PracticePage
from tests.conftest import ensure_tree_roots

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PARTICIPANT = ("uczestnik@mwf.example.pl", "Uczestnik-MWF-2026")
HOME = {"pl": "/", "en": "/en/"}


class Actions:
    """The person's actions on `tab`, counted."""

    def __init__(self, tab):
        self.tab = tab
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def fill(self, locator, value):
        self.count += 1
        locator.fill(value)

    def choose(self, locator, value):
        self.count += 1
        locator.select_option(value)


@pytest.fixture
def demo(live_server, locales, settings):
    settings.NEWSLETTER_SIGNUP_RATE = (1000, 60)  # both languages sign up from one address
    ensure_tree_roots(locales["pl"])
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url


def test_journeys_in_both_languages(demo, page, mailoutbox):
    for language, home in HOME.items():
        practice_by_finder(page, demo, home, language)
        newsletter_in_two_actions(page, demo, home, language, mailoutbox)
    log_in(page, demo)
    counts = {
        language: registration_for_the_next_training(page, demo, home, language)
        for language, home in HOME.items()
    }
    assert counts["pl"] is not None
    # The home page's "Najbliższe szkolenie" button, the organisers' consent (and a required
    # question where the training has one), "Zapisz się".
    assert max(n for n in counts.values() if n is not None) <= 4, counts


def practice_by_finder(page, base, home, language):
    # The demo's practices are Polish only; the English catalogue is reached the same way.
    in_language = PracticePage.objects.live().filter(locale__language_code=language).first()
    practice = in_language or PracticePage.objects.live().first()
    instrument = practice.instruments.first()
    woj = practice.teryt[:2]

    page.goto(base + home)
    act = Actions(page)
    finder = page.locator("form.finder-form")
    act.choose(finder.locator("select[name=instrument]"), instrument.slug)
    act.choose(finder.locator("select[name=woj]"), woj)
    with page.expect_navigation():
        act.click(finder.locator("button[type=submit]"))
    assert act.count <= 3
    assert f"instrument={instrument.slug}" in page.url and f"woj={woj}" in page.url
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("#f-instrument-0").count(), "the catalogue with its filters"
    checked = page.locator("form.filters input:checked").evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert sorted(checked) == sorted([instrument.slug, woj])
    if in_language:
        titles = page.locator(".practice-list h3").all_inner_texts()
        assert practice.title in titles, (language, titles)


def newsletter_in_two_actions(page, base, home, language, mailoutbox):
    email = f"nowa.czytelniczka.{language}@example.pl"
    sent_before = len(mailoutbox)
    page.goto(base + home)
    act = Actions(page)
    form = page.locator("main form[action$='/zapis/'], main form[action*='newsletter']").last
    act.fill(form.locator("input[type=email]"), email)
    with page.expect_navigation():
        act.click(form.locator("button[name=consent]"))
    assert act.count <= 2
    assert page.locator("html").get_attribute("lang") == language

    message = mailoutbox[sent_before:][-1]
    assert message.to == [email]
    link = re.search(r"https?://[^/\s]+(/\S*/[^\s/]+/)\s", message.body + "\n").group(1)
    page.goto(base + link)
    page.locator("main form button[type=submit]").click()  # the lists, all ticked: confirm
    page.wait_for_load_state()
    assert Subscriber.objects.get(email=email).status == Subscriber.Status.CONFIRMED


def log_in(page, base):
    page.goto(base + "/konto/login/")
    page.fill("input[name=login]", PARTICIPANT[0])
    page.fill("input[name=password]", PARTICIPANT[1])
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_url("**/moje-kursy/")


def registration_for_the_next_training(page, base, home, language):
    before = Registration.objects.count()
    page.goto(base + home)
    act = Actions(page)
    button = page.locator(".next-training a.button[href*='/zapisy/']")
    if not button.count():
        return None  # no training open in this language
    act.click(button)
    page.wait_for_load_state()
    form = page.locator("main form").last
    assert form.locator("#id_email, input[name=first_name]").first.input_value(), "prefilled"
    # What the profile cannot prefill: the organisers' required questions and consents.
    for field in form.locator("[required]").all():
        kind = field.get_attribute("type")
        if kind == "checkbox" and not field.is_checked():
            act.click(field)
        elif field.evaluate("e => e.tagName") == "SELECT" and not field.input_value():
            act.choose(field, index_value(field))
        elif kind not in ("checkbox", "hidden") and not field.input_value():
            act.fill(field, "Brak")
    act.click(form.locator("button[type=submit]"))
    page.wait_for_load_state()
    errors = page.locator("[aria-invalid=true]").evaluate_all("els => els.map(e => e.name)")
    assert Registration.objects.count() == before + 1, (language, page.url, errors)
    # Both languages register into the same seats: take this one back so the same person can
    # walk the path again in the other language.
    Registration.objects.order_by("-pk").first().delete()
    return act.count


def index_value(select):
    return select.locator("option:not([value=''])").first.get_attribute("value")
