"""Fixtures every app's tests share: a site with its home page, a published course, media in a
temporary folder, and headless Chromium (Debian's, never downloaded) with axe-core for browser tests."""

import functools
import gc
import json
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage
from tests.courses import factories as course_factories
from tests.mail_sink import MailSink

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.H5P_FILES_ROOT = str(tmp_path / "h5p")
    settings.STORAGES = {
        **settings.STORAGES,
        "h5p": {**settings.STORAGES["h5p"], "OPTIONS": {"location": settings.H5P_FILES_ROOT}},
    }


@pytest.fixture(autouse=True)
def _fresh_shared_cache(settings):
    """Every test starts with an empty cache. The database cache (SQLite runs) is rolled back
    with each test's transaction; Redis (PostgreSQL + Redis runs) is not, so a page one test
    cached (the sitemap, the site chrome) would otherwise be served to the next."""
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        cache.clear()


@pytest.fixture
def locales(db):
    pl, _ = Locale.objects.get_or_create(language_code="pl")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return {"pl": pl, "en": en}


def ensure_tree_roots(locale):
    """The page tree root and the root collection come from Wagtail's migrations; a
    transactional test (live_server) flushes them, so recreate them when missing."""
    root = Page.get_first_root_node()
    if root is None:
        # The flush recreated the content types under new ids: forget the cached ones.
        ContentType.objects.clear_cache()
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return root


@pytest.fixture
def home_page(locales):
    """A published home page as the root of the default site (no demo content)."""
    root = ensure_tree_roots(locales["pl"])
    home = HomePage(title="Strona główna", slug="start", locale=locales["pl"])
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def make_course(home_page):
    """`make_course(title=..., modules=2, lessons_per_module=3, **page fields)`: a published
    course under the home page's course index (tests/courses/factories.py)."""
    return functools.partial(course_factories.course, home_page)


@pytest.fixture
def course_shape():
    """The arguments of `make_course` for the `course` fixture; a test module that needs another
    shape of course overrides this fixture."""
    return {}


@pytest.fixture
def course(make_course, course_shape):
    """A published course "Małe granty" (by default two modules of three lessons)."""
    return make_course(**course_shape)


# --- browser tests ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: apt-get install -y chromium (see README).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every `securitypolicyviolation` event becomes a console line, so that the one console listener
# below sees the violations of every document the tab opens (frames included).
CSP_VIOLATION_JS = """document.addEventListener('securitypolicyviolation', (event) => {
  console.error('CSP violation: ' + event.effectiveDirective + ' blocked '
    + (event.blockedURI || 'inline code') + ' in ' + event.documentURI
    + (event.sourceFile ? ' (' + event.sourceFile + ':' + event.lineNumber + ')' : ''));
});"""


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="pl-PL", timezone_id="Europe/Warsaw")
    context.set_default_timeout(15_000)
    context.add_init_script(CSP_VIOLATION_JS)
    tab = context.new_page()
    # What the Content-Security-Policy refused on any page this tab showed (see csp_violations).
    tab.csp_violations = []
    tab.on(
        "console",
        lambda message: (
            tab.csp_violations.append(message.text)
            if "Content Security Policy" in message.text or "CSP violation" in message.text
            else None
        ),
    )
    yield tab
    context.close()


def assert_no_axe_violations(tab):
    """Run axe-core's WCAG 2.0/2.1 A and AA rules on the page shown in `tab`."""
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing: run `npm install --ignore-scripts` (make install).")
    # Evaluated through the DevTools protocol, not as a <script> element: the site's CSP refuses
    # inline scripts, and a test must not need a hole in it.
    tab.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result = tab.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    violations = [
        {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert not violations, f"axe-core found on {tab.url}:\n" + json.dumps(
        violations, indent=2, ensure_ascii=False
    )


# --- real SMTP --------------------------------------------------------------------------------


@pytest.fixture
def smtp_inbox(settings):
    """Django's SMTP backend pointed at a real SMTP server on loopback; the fixture is the
    server's inbox (tests/mail_sink.py). Tasks run inline in tests, so what a task sends arrives
    here before the call returns."""
    sink = MailSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def moto_s3():
    """moto's S3 server on a loopback port, for the whole session (tests/s3.py)."""
    from tests.s3 import MotoServer  # boto3 loads only in sessions that use object storage

    server = MotoServer()
    yield server
    server.stop()


@pytest.fixture
def s3_storage(settings, monkeypatch, moto_s3, _media_in_tmp):
    """The storages switched to S3 exactly as MWF_S3_BUCKET does in config/settings/base.py,
    with a media and an H5P bucket of the test's own. Yields tests.s3.Buckets."""
    # boto3 and the settings helper load only in sessions that use object storage
    from config.settings.base import s3_options
    from tests import s3

    for name, value in {
        "AWS_S3_ENDPOINT_URL": moto_s3.endpoint,
        "AWS_S3_REGION_NAME": s3.REGION,
        "AWS_ACCESS_KEY_ID": s3.ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": s3.SECRET_KEY,
        "AWS_S3_ADDRESSING_STYLE": "path",
    }.items():
        monkeypatch.setenv(name, value)
    buckets = s3.new_buckets(moto_s3)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "cms.storage.MediaS3Storage",
            "OPTIONS": s3_options(buckets.media, "media"),
        },
        "h5p": {"BACKEND": "cms.storage.PrivateS3Storage", "OPTIONS": s3_options(buckets.h5p)},
    }
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    yield buckets
    # Wagtail leaves the spooled temporary file of an S3 object it read (an upload's hash, an
    # image's size) to the garbage collector: collect it in this test's teardown, not in a
    # later test that has nothing to do with it.
    gc.collect()
