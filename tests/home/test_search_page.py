"""The search page people use (/szukaj/): the matched passage with the query's words marked in
any of their forms, the type of each result with counts by type to narrow them, typo tolerance,
"Czy chodziło Ci o…" and the site's sections when nothing is found, reindexing on publish and
unpublish, and no error for any input."""

import pytest

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def add_page(parent, title, lead, slug, show_in_menus=False):
    page = StandardPage(title=title, lead=lead, slug=slug, show_in_menus=show_in_menus)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(home_page):
    return {
        "fund": add_page(
            home_page,
            "Fundusz sołecki w praktyce",
            "Sołectwo decyduje na zebraniu wiejskim. Z funduszu sołeckiego wyremontowano "
            "świetlice wiejskie w trzech wsiach.",
            "fundusz",
            show_in_menus=True,
        ),
        "grants": add_page(
            home_page,
            "Małe granty",
            "Tryb małych zleceń pozwala dać organizacji dotację bez konkursu.",
            "granty",
            show_in_menus=True,
        ),
    }


def get(client, **params):
    response = client.get("/szukaj/", params)
    assert response.status_code == 200
    return response


def test_passage_marks_the_query_words_in_any_form(client, pages):
    response = get(client, q="swietlic wiejskich")
    item = response.context["found"][0]
    assert item["page"].pk == pages["fund"].pk
    assert "<mark>świetlice</mark> <mark>wiejskie</mark>" in str(item["passage"])
    assert str(item["type"]) == "strona zwykła"
    html = response.content.decode()
    assert "<mark>świetlice</mark>" in html


def test_passage_is_escaped(client, home_page):
    add_page(home_page, "Skrypt", "Dotacja <script>alert(1)</script> dla świetlicy.", "skrypt")
    html = get(client, q="dotacja").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<mark>Dotacja</mark>" in html


def test_type_facets_count_and_filter(client, pages, home_page):
    response = get(client, q="fundusz")
    facets = response.context["facets"]
    assert [(f["value"], f["count"]) for f in facets] == [("home.standardpage", 1)]
    assert 'aria-label="Rodzaje wyników"' in response.content.decode()
    narrowed = get(client, q="fundusz", type="home.standardpage")
    assert narrowed.context["page_obj"].paginator.count == 1
    # A type that does not exist is ignored with a message, not an error.
    odd = get(client, q="fundusz", type="nie.istnieje'\"<>")
    assert odd.context["page_obj"].paginator.count == 1
    assert odd.context["search_messages"]


def test_one_typo_is_forgiven_in_long_words(client, pages):
    response = get(client, q="fundsz solecki")
    assert pages["fund"].pk in [p.pk for p in response.context["results"]]
    assert "fundusz" in response.context["corrections"]


def test_nothing_found_suggests_and_lists_sections(client, pages):
    # Two edits away from "fundusz": too far to be searched for, near enough to be suggested.
    response = get(client, q="fnduszz")
    assert response.context["page_obj"].paginator.count == 0
    assert response.context["suggestion"]
    html = response.content.decode()
    assert "Czy chodziło Ci o:" in html
    assert 'href="?q=' in html
    assert pages["grants"].url in html  # a section link


def test_publish_and_unpublish_update_the_index(client, pages):
    assert get(client, q="malych grantow").context["page_obj"].paginator.count == 1
    pages["grants"].unpublish()
    assert get(client, q="malych grantow").context["page_obj"].paginator.count == 0
    revision = pages["grants"].save_revision()
    revision.publish()
    assert get(client, q="malych grantow").context["page_obj"].paginator.count == 1


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": '" AND ( NEAR * ^'},
        {"q": "dotacja", "type": "x" * 3000},
        {"q": "dotacja", "page": "-1"},
        {"q": "dotacja", "page": "9" * 40},
        {"q": "\u0000dotacja"},
        {"q": "🙂 ½ ∑"},
    ],
)
def test_bad_input_is_answered(client, pages, params):
    get(client, **params)
