"""Which addresses an editor's change purges (cms/page_cache.py), recorded by a small HTTP
server standing where nginx's purge listener would be. The purge through the real nginx is in
test_page_cache.py."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import translation

from home.models import StandardPage

pytestmark = pytest.mark.django_db


class _Recorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.paths.append(self.path)
        self.send_response(404 if self.path.endswith(".xml") else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purged(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "nginx1": {
            "BACKEND": "cms.page_cache.NginxPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server.paths
    server.shutdown()
    server.server_close()


@pytest.fixture
def section(home_page):
    page = StandardPage(title="O projekcie", slug="o-projekcie")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_publishing_purges_the_page_its_parents_and_the_listings(
    section, purged, django_capture_on_commit_callbacks
):
    child = StandardPage(title="Partnerzy", slug="partnerzy")
    section.add_child(instance=child)
    with django_capture_on_commit_callbacks(execute=True):
        child.save_revision().publish()
    assert {"/o-projekcie/partnerzy/", "/o-projekcie/", "/"} <= set(purged)
    with translation.override("en"):
        english_feed = reverse("events:feed")
    assert english_feed.startswith("/en/")
    assert {"/sitemap.xml", "/wydarzenia/kalendarz.ics", english_feed} <= set(purged)


def test_nothing_is_purged_before_the_commit(section, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        section.save_revision().publish()
    assert purged == []
    assert callbacks


def test_unpublishing_purges_the_page(section, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        section.unpublish()
    assert {"/o-projekcie/", "/"} <= set(purged)


def test_moving_purges_the_old_and_the_new_addresses(
    home_page, section, purged, django_capture_on_commit_callbacks
):
    other = StandardPage(title="Pomoc", slug="pomoc")
    home_page.add_child(instance=other)
    other.save_revision().publish()
    child = StandardPage(title="Partnerzy", slug="partnerzy")
    section.add_child(instance=child)
    child.save_revision().publish()
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        child.move(other, pos="last-child")
    assert {"/o-projekcie/partnerzy/", "/pomoc/partnerzy/", "/o-projekcie/", "/pomoc/"} <= set(
        purged
    )
