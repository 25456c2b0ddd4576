import pytest
from django.core.cache import cache

from newsletter.models import ConsentText, NewsletterIndexPage, NewsletterList, NewsletterPage


def pytest_collection_modifyitems(config, items):
    """Tests marked `crash` run only when the -m expression names them (`-m crash`): they kill a
    real worker and can fail under heavy load by design (see tests/newsletter/test_crash.py)."""
    if "crash" in (config.getoption("markexpr") or ""):
        return
    opted_out = [item for item in items if item.get_closest_marker("crash")]
    if opted_out:
        config.hook.pytest_deselected(items=opted_out)
        items[:] = [item for item in items if not item.get_closest_marker("crash")]


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    """Limits high by default; the rate-limit tests lower them (and clear the cache)."""
    settings.NEWSLETTER_SIGNUP_RATE = (1000, 60)
    settings.NEWSLETTER_CONFIRM_MAILS_PER_ADDRESS = (1000, 60)


@pytest.fixture
def clean_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lists(db):
    return [
        NewsletterList.objects.create(name="Samorządy (JST)", slug="jst", sort_order=1),
        NewsletterList.objects.create(name="Organizacje (NGO)", slug="ngo", sort_order=2),
        NewsletterList.objects.create(name="Wszystkie aktualności", slug="all", sort_order=3),
    ]


@pytest.fixture
def consent_text(db):
    return ConsentText.objects.create(
        text="Zgadzam się na otrzymywanie newslettera programu MWF na podany adres e-mail."
    )


@pytest.fixture
def index_page(home_page, lists, consent_text):
    page = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def issue(index_page):
    page = NewsletterPage(
        title="Nowości z programu – listopad",
        slug="listopad",
        preheader="Szkolenia, kursy i dobre praktyki",
        body=[
            ("heading", "Co nowego"),
            ("paragraph", '<p>Zapraszamy do <a href="https://example.org/x">lektury</a>.</p>'),
            ("button", {"text": "Zobacz szkolenia", "page": None, "url": "https://example.org/s"}),
            ("upcoming_trainings", {"heading": "Najbliższe szkolenia", "limit": 3}),
            ("new_practices", {"heading": "Nowe praktyki", "limit": 3}),
            ("new_courses", {"heading": "Nowe kursy", "limit": 3}),
        ],
    )
    index_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def signup_data(lists, consent_text, email="anna@example.pl", **extra):
    data = {
        "email": email,
        "lists": [lst.pk for lst in lists],
        "consent": "on",
        "consent_version": consent_text.version,
        "source_url": "/newsletter/",
        "website": "",
    }
    data.update(extra)
    return data
