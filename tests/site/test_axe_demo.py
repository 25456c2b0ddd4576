"""axe-core on one page of every page type of the demo content, in both languages.

The page types are discovered from the database, so page types that other apps add to the demo
are covered without changing this test."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from tests.conftest import assert_no_axe_violations, ensure_tree_roots

# serialized_rollback: the demo needs the rows data migrations made (tree roots, vocabularies),
# which an earlier live-server test may have flushed.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Views that are not pages but every visitor meets.
EXTRA_URLS = ["/szukaj/?q=program", "/nie-ma-takiej-strony/", "/en/szukaj/?q=programme"]


def one_page_per_type_and_language():
    """For each language and each specific page class: the first live page (tree order)."""
    urls = []
    for locale in Locale.objects.order_by("language_code"):
        seen = set()
        for page in Page.objects.live().filter(locale=locale, depth__gt=1).order_by("path"):
            if page.content_type_id in seen:
                continue
            seen.add(page.content_type_id)
            url = page.get_url()
            if url:
                urls.append((locale.language_code, page.specific_class.__name__, url))
    return urls


def test_axe_finds_nothing_on_any_page_type_of_the_demo(live_server, page, locales):
    # An earlier live-server test flushes the rows Wagtail's migrations made.
    ensure_tree_roots(locales["pl"])
    call_command("load_demo_content", stdout=io.StringIO())
    targets = one_page_per_type_and_language()
    languages = {language for language, _, _ in targets}
    assert languages == {"pl", "en"}
    assert len(targets) >= 2 * 5
    failures = []
    for language, page_type, url in [*targets, *(("-", "view", url) for url in EXTRA_URLS)]:
        page.goto(live_server.url + url)
        if language != "-":
            assert page.locator("html").get_attribute("lang") == language, url
        try:
            assert_no_axe_violations(page)
        except AssertionError as error:
            failures.append(f"{page_type} {url}: {error}")
    assert not failures, "\n\n".join(failures)
