"""Editors' search vocabulary: synonyms edited in the admin take effect on the next search,
promoted results show above the results, and what people search for is logged (Wagtail's
search terms, and the queries that found nothing in their own report)."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cms.models import SearchSynonym, UnansweredSearch
from cms.search import query_keys
from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home_page):
    page = StandardPage(title="Fundusz sołecki", lead="Środki dla sołectw.", slug="fs")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def count(client, query):
    response = client.get("/szukaj/", {"q": query})
    assert response.status_code == 200
    return response


def test_a_synonym_saved_in_the_admin_applies_to_the_next_search(client, page):
    assert count(client, "kasa wiejska").context["page_obj"].paginator.count == 0
    synonym = SearchSynonym.objects.create(language="pl", phrases="kasa wiejska\nfundusz sołecki")
    found = count(client, "kasa wiejska").context["page_obj"].paginator.count
    assert found == 1
    synonym.delete()
    assert "fundusz" not in query_keys("kasa wiejska", "pl")


def test_a_synonym_needs_two_phrases():
    with pytest.raises(ValidationError):
        SearchSynonym(language="pl", phrases="tylko jedno\n \n").full_clean()


def test_promoted_results_come_first_and_queries_are_logged(client, page, home_page):
    other = StandardPage(title="Poradnik", lead="Jak zacząć.", slug="poradnik")
    home_page.add_child(instance=other)
    other.save_revision().publish()
    SearchPromotion.objects.create(
        query=Query.get("jak zacząć"), page=other, description="Od tego zacznij."
    )
    html = count(client, "Jak zacząć").content.decode()
    assert html.index("Polecamy") < html.index("Od tego zacznij.")
    assert Query.get("jak zacząć").hits == 1

    count(client, "zupełnie nic")
    count(client, "Zupełnie  nic")
    unanswered = UnansweredSearch.objects.get()
    assert (unanswered.query_string, unanswered.hits) == ("zupełnie nic", 2)


def test_unanswered_searches_report_is_for_editors(client, django_user_model, page):
    UnansweredSearch.objects.create(query_string="kasa wiejska", language="pl", hits=3)
    admin = django_user_model.objects.create_superuser("a@example.pl", "a@example.pl", "x")
    client.force_login(admin)
    response = client.get("/admin/reports/searches-without-results/")
    assert response.status_code == 200
    assert "kasa wiejska" in response.content.decode()
