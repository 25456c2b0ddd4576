"""Each request here answered 500 once: hostile ids, numbers, JSON and query text. Each must
now be refused with a 400/404 (or quietly ignored) and store nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cms.converters import MAX_ID
from tests.courses import factories

pytestmark = pytest.mark.django_db

# 20 digits (fails the converter's pattern) and 19 digits just above the 64-bit limit.
HUGE_IDS = [str(2**64), str(MAX_ID + 1)]


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="admin@example.pl", email="admin@example.pl", password="Haslo-testowe-123"
    )


@pytest.fixture
def participant_client(home_page):
    client = Client(raise_request_exception=False)
    client.force_login(factories.user())
    return client


@pytest.fixture
def staff_client(superuser):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


PUBLIC_ID_URLS = [
    ("post", "/kurs/{id}/zapisz/"),
    ("post", "/kurs/{id}/wypisz/"),
    ("post", "/lekcja/{id}/ukoncz/"),
    ("post", "/h5p/xapi/{id}/1/"),
    ("post", "/h5p/xapi/1/{id}/"),
    ("get", "/h5p/state/{id}/1/"),
    ("get", "/quizy/lekcja/{id}/1/"),
    ("get", "/quizy/kurs/1/{id}/"),
    ("get", "/quizy/podejscie/{id}/"),
    ("post", "/quizy/podejscie/{id}/autozapis/"),
    ("get", "/quizy/podejscie/{id}/wynik/"),
    ("get", "/wydarzenia/termin/{id}.ics"),
    ("get", "/api/v2/pages/{id}/"),
    ("get", "/api/v2/images/{id}/"),
    ("get", "/api/v2/documents/{id}/"),
    ("get", "/api/v2/practices/{id}/"),
]


@pytest.mark.parametrize("big", HUGE_IDS)
@pytest.mark.parametrize(("method", "url"), PUBLIC_ID_URLS)
def test_ids_beyond_64_bits_are_not_found(participant_client, method, url, big):
    response = getattr(participant_client, method)(url.format(id=big))
    assert response.status_code == 404


ADMIN_ID_URLS = [
    "/admin/course-reports/{id}/",
    "/admin/course-reports/1/uczestnik/{id}/",
    "/admin/course-reports/{id}/zapisy/",
    "/admin/h5p/{id}/results/",
    "/admin/h5p/{id}/statements.jsonl",
    "/admin/quiz-results/quiz/{id}/",
    "/admin/quiz-results/kurs/{id}/",
    "/admin/szkolenia/termin/{id}/",
    "/admin/szkolenia/termin/{id}/obecnosc/",
    "/admin/wskazniki/jst/{id}/",
    "/admin/wskazniki/dane-osobowe/{id}/",
    "/admin/newsletter/send/{id}/",
    "/admin/newsletter/issue/{id}/",
]


@pytest.mark.parametrize("big", HUGE_IDS)
@pytest.mark.parametrize("url", ADMIN_ID_URLS)
def test_admin_report_ids_beyond_64_bits_are_not_found(staff_client, url, big):
    response = staff_client.get(url.format(id=big), follow=True)
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "status"),
    [
        # Search text is cleaned and searched (200); what cannot be used is refused with a
        # message (400): NUL, numbers beyond 64 bits.
        ("search=%22", 200),
        ("search=a%22b", 200),
        ("search=%00", 400),
        ("search=NEAR(", 200),
        ("offset=99999999999999999999", 400),
        ("offset=9223372036854775808", 400),
        ("limit=99999999999999999999", 400),
        ("child_of=99999999999999999999", 400),
        ("descendant_of=99999999999999999999", 400),
        ("id=99999999999999999999", 400),
        ("type=home.HomePage&title=%00", 400),
        ("id=", 400),
        ("search=a&search_operator=%ED%A0%80", 400),
        ("search=a&search_operator=xor", 400),
        ("search=a&search_operator=or", 200),
        ("id=abc", 400),
    ],
)
@pytest.mark.parametrize("endpoint", ["pages", "practices"])
def test_api_parameters_are_refused_or_cleaned(home_page, query, status, endpoint):
    response = Client(raise_request_exception=False).get(f"/api/v2/{endpoint}/?{query}")
    assert response.status_code == status, response.content[:300]
    if status == 400:
        assert response.json()["message"]


def test_api_huge_offset_says_why(home_page):
    response = Client().get("/api/v2/pages/?offset=100001")
    assert response.status_code == 400
    assert response.json()["message"] == "Parametr offset nie może być większy niż 100000."
    response = Client().get("/api/v2/pages/?offset=99999999999999999999")
    assert response.status_code == 400
    assert response.json()["message"] == "Parametr 'offset' ma za dużą wartość."


def test_api_search_with_a_quote_finds_the_words(home_page):
    response = Client().get("/api/v2/pages/?search=%22Strona")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [home_page.pk]


@pytest.mark.parametrize("milestone", ["abc", "99999999999999999999", "-1", "²"])
def test_jst_tracker_filter_ignores_what_is_not_a_stage(staff_client, milestone):
    response = staff_client.get(f"/admin/wskazniki/jst/?milestone={milestone}")
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["x", "99999999999999999999", "²"])
def test_checkin_ignores_registration_ids_that_cannot_be(staff_client, value):
    response = staff_client.post("/admin/szkolenia/termin/1/obecnosc/", {"registration": value})
    assert response.status_code == 404


def test_practice_proposal_refuses_a_population_beyond_any_integer():
    from practices.forms import ProposalForm

    form = ProposalForm(data={"population": "99999999999999999999"})
    assert not form.is_valid()
    assert "population" in form.errors


@pytest.mark.parametrize("value", ["²", "99999999999999999999"])
def test_newsletter_signup_drops_damaged_hidden_numbers(value):
    from newsletter.forms import SignupForm

    form = SignupForm(
        data={"email": "a@example.pl", "source_page": value, "consent_version": value}
    )
    form.is_valid()
    assert "consent_version" in form.errors
    assert form.cleaned_data.get("source_page") is None


@pytest.mark.parametrize("value", ["", "abc", "1.5", "%00"])
def test_api_find_with_an_id_that_is_not_a_number_says_why(home_page, value):
    response = Client(raise_request_exception=False).get(f"/api/v2/pages/find/?id={value}")
    assert response.status_code == 400
    assert response.json()["message"]
