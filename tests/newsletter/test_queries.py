"""Query budgets of the public newsletter pages (an issue's web version and the archive), warm
(each page visited twice first, so the site chrome and this app's in-memory data settle), at
two data sizes: the bare fixture issue, and an issue whose "latest content" blocks list
trainings, practices and courses, with more issues in the archive."""

import sys

import pytest

from newsletter.models import NewsletterPage
from tests.query_budget import BUDGET, warm_query_count

pytestmark = pytest.mark.django_db


def warm_count(client, url):
    queries, response = warm_query_count(client, url)
    return queries, response.content.decode()


def add_content(home_page, index_page):
    """Three trainings, three practices, three courses and six more issues."""
    from events.models import EventIndexPage
    from practices.models import PracticeIndexPage
    from tests.courses.factories import course
    from tests.events.conftest import make_event
    from tests.practices.conftest import _publish_child
    from tests.practices.factories import make_practice

    events = _publish_child(home_page, EventIndexPage(title="Szkolenia", slug="szkolenia"))
    for i in range(3):
        make_event(events, title=f"Szkolenie {i}", slug=f"szkolenie-{i}")
    practices = _publish_child(home_page, PracticeIndexPage(title="Praktyki", slug="praktyki"))
    for i in range(3):
        make_practice(practices, [], title=f"Praktyka nr {i}", slug=f"praktyka-nr-{i}")
    for i in range(3):
        course(home_page, title=f"Kurs {i}", slug=f"kurs-{i}", modules=0, lessons_per_module=1)
    for i in range(6):
        page = NewsletterPage(title=f"Wydanie {i}", slug=f"wydanie-{i}", body=[("heading", "X")])
        index_page.add_child(instance=page)
        page.save_revision().publish()


@pytest.mark.parametrize("size", ["small", "large"])
def test_public_newsletter_pages_stay_within_the_query_budget(
    client, home_page, index_page, issue, size
):
    if size == "large":
        add_content(home_page, index_page)
    issue_queries, html = warm_count(client, issue.url)
    if size == "large":  # the blocks really list the content
        for title in ("Szkolenie 2", "Praktyka nr 2", "Kurs 2"):
            assert title in html
    assert 'name="consent"' in html  # the signup form is there
    index_queries, html = warm_count(client, index_page.url)
    if size == "large":
        assert "Wydanie 5" in html
    sys.stdout.write(
        f"{size}: NewsletterPage {issue_queries}, NewsletterIndexPage {index_queries} queries\n"
    )
    assert issue_queries <= BUDGET, f"NewsletterPage: {issue_queries} queries"
    assert index_queries <= BUDGET, f"NewsletterIndexPage: {index_queries} queries"


def test_a_new_consent_text_shows_at_once(client, index_page, consent_text):
    from newsletter.models import ConsentText

    warm_count(client, index_page.url)
    ConsentText.objects.create(text="Nowe brzmienie zgody na newsletter.")
    assert "Nowe brzmienie zgody na newsletter." in client.get(index_page.url).content.decode()
