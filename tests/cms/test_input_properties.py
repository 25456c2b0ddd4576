"""Property tests: every public form, filter and API parameter, and the staff filters, driven
with arbitrary text and numbers (NUL, lone surrogates, quotes, huge and non-finite numbers).
Whatever comes in, the answer is never a 5xx and nothing invalid is stored."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from newsletter import services as newsletter_services
from newsletter.models import ConsentText, NewsletterList, Subscriber
from practices.forms import ProposalForm
from practices.models import PracticeIndexPage
from tests.courses import factories
from tests.input_strategies import INPUT, any_number, any_value, encode, is_clean, params_of

pytestmark = pytest.mark.django_db

API_PARAMETERS = [
    "search",
    "search_operator",
    "offset",
    "limit",
    "order",
    "type",
    "fields",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "locale",
    "id",
    "slug",
    "title",
    "html_path",
]
CATALOGUE_PARAMETERS = [
    "q",
    "instrument",
    "jst",
    "woj",
    "year_from",
    "year_to",
    "budget_min",
    "budget_max",
    "sort",
    "page",
]


@pytest.fixture
def site(home_page):
    catalogue = PracticeIndexPage(title="Dobre praktyki", slug="dobre-praktyki")
    home_page.add_child(instance=catalogue)
    catalogue.save_revision().publish()
    return {"home": home_page, "course": factories.course(home_page, modules=0)}


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_superuser(
        username="admin@example.pl", email="admin@example.pl", password="Haslo-testowe-123"
    )
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def assert_answered(response):
    assert response.status_code < 500, response.content[:500]


@INPUT
@given(params=params_of(["q", "page"]))
def test_site_search(site, anonymous, params):
    assert_answered(anonymous.get("/szukaj/?" + encode(params)))


@INPUT
@given(
    endpoint=st.sampled_from(["pages/", "pages/find/", "images/", "documents/"]),
    params=params_of(API_PARAMETERS),
)
def test_public_api(site, anonymous, endpoint, params):
    assert_answered(anonymous.get(f"/api/v2/{endpoint}?" + encode(params)))


@INPUT
@given(params=params_of(API_PARAMETERS + CATALOGUE_PARAMETERS))
def test_practices_api(site, anonymous, params):
    assert_answered(anonymous.get("/api/v2/practices/?" + encode(params)))


@INPUT
@given(params=params_of(CATALOGUE_PARAMETERS))
def test_practice_catalogue_filters(site, anonymous, params):
    assert_answered(anonymous.get("/dobre-praktyki/?" + encode(params)))


@pytest.fixture
def newsletter(db, monkeypatch):
    """An open newsletter (a list, a consent text) without the per-network rate limit, so that
    every example reaches the form."""
    monkeypatch.setattr(newsletter_services, "signup_allowed", lambda ip: True)
    NewsletterList.objects.create(name="Samorządy (JST)", slug="jst", sort_order=1)
    return ConsentText.objects.create(text="Zgadzam się na newsletter.")


@INPUT
@given(
    params=params_of(
        ["email", "lists", "consent", "consent_version", "source_page", "source_url", "website"]
    )
)
def test_newsletter_signup(site, newsletter, anonymous, params):
    response = anonymous.post(
        "/subskrypcja/zapis/", encode(params), content_type="application/x-www-form-urlencoded"
    )
    assert_answered(response)
    for row in Subscriber.objects.values():
        assert is_clean({k: str(v) for k, v in row.items()})


# Every field the form has, so a field added later is driven too.
PROPOSAL_FIELDS = list(ProposalForm.base_fields)


@INPUT
@given(params=params_of(PROPOSAL_FIELDS))
def test_practice_proposal_form(site, staff, params):
    response = staff.post(
        "/dobre-praktyki/zglos/", encode(params), content_type="application/x-www-form-urlencoded"
    )
    assert_answered(response)


STAFF_FILTERS = [
    ("/admin/wskazniki/", ["b", "format"]),
    ("/admin/wskazniki/jst/", ["milestone", "format"]),
    ("/admin/wskazniki/osoby/", ["indicator", "status", "dim", "value", "until", "missing", "p"]),
    ("/admin/wskazniki/dziennik/", ["p"]),
    ("/admin/wskazniki/dane-osobowe/", ["email"]),
    ("/admin/certificates/", ["q", "p"]),
    ("/admin/szkolenia/", ["status", "p", "q"]),
    ("/admin/course-reports/{course}/", ["organisation_type", "voivodeship", "p", "export"]),
    ("/admin/quiz-results/kurs/{course}/", ["organisation_type", "export"]),
]


@INPUT
@given(target=st.sampled_from(STAFF_FILTERS), data=st.data())
def test_staff_filters(site, staff, target, data):
    url, names = target
    params = data.draw(params_of(names))
    response = staff.get(url.format(course=site["course"].pk) + "?" + encode(params))
    assert_answered(response)


ID_URLS = [
    ("post", "/kurs/{id}/zapisz/"),
    ("post", "/lekcja/{id}/ukoncz/"),
    ("get", "/quizy/kurs/{id}/{id}/"),
    ("get", "/wydarzenia/termin/{id}.ics"),
    ("get", "/api/v2/pages/{id}/"),
    ("get", "/admin/course-reports/{id}/"),
    ("get", "/admin/wskazniki/jst/{id}/"),
    ("get", "/admin/szkolenia/termin/{id}/"),
]


@INPUT
@given(target=st.sampled_from(ID_URLS), number=any_number | any_value)
def test_object_ids_in_urls(site, staff, target, number):
    method, url = target
    path = url.format(id=encode({"": number})[1:])
    assert_answered(getattr(staff, method)(path))
