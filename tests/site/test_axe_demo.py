"""axe-core on one page of every page type of the demo content, in both languages, and the same
pages at 320 px: no horizontal scrolling (WCAG 1.4.10 Reflow). The Content-Security-Policy refuses
nothing on any of them (no inline script or style left). One test, so the demo loads once.

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
EXTRA_URLS = [
    "/szukaj/?q=program",
    # Type facets and marked passages; a suggestion and the sections when nothing is found.
    "/szukaj/?q=swietlic+wiejskich",
    "/szukaj/?q=fnduszz",
    "/nie-ma-takiej-strony/",
    "/en/search/?q=programme",
]
# The participant's own pages (the demo participant is logged in for these).
PARTICIPANT_URLS = ["/moje-kursy/", "/moje-dane/", "/en/my-data/"]

# The elements wider than the viewport, to name the culprit when a page scrolls sideways.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
      + ' right=' + Math.round(el.getBoundingClientRect().right));
}"""


def reflow_problems(page, url):
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        page.goto(url)
        too_wide = page.evaluate(OVERFLOW_JS)
    finally:
        page.set_viewport_size({"width": 1280, "height": 800})
    return f"{url} scrolls sideways at 320 px: {too_wide}" if too_wide else None


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
        failures.append(reflow_problems(page, live_server.url + url))
    page.goto(live_server.url + "/konto/login/")
    page.fill("input[name=login]", "uczestnik@mwf.example.pl")
    page.fill("input[name=password]", "Uczestnik-MWF-2026")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_url("**/moje-kursy/")
    for url in PARTICIPANT_URLS:
        page.goto(live_server.url + url)
        try:
            assert_no_axe_violations(page)
        except AssertionError as error:
            failures.append(f"participant {url}: {error}")
        failures.append(reflow_problems(page, live_server.url + url))
    failures = [failure for failure in failures if failure]
    failures += [f"CSP: {violation}" for violation in page.csp_violations]
    assert not failures, "\n\n".join(failures)
