import pytest

from practices.models import (
    Instrument,
    InstrumentIndexPage,
    PracticeIndexPage,
    PublicationIndexPage,
)


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def instruments(db):
    names = [
        ("male-granty", "małe granty"),
        ("regranting", "regranting"),
        ("inicjatywa-lokalna", "inicjatywa lokalna"),
        ("budzet-obywatelski", "budżet obywatelski"),
    ]
    return {
        slug: Instrument.objects.create(name=name, slug=slug, sort_order=n)
        for n, (slug, name) in enumerate(names)
    }


@pytest.fixture
def catalogue_page(home_page):
    return _publish_child(
        home_page, PracticeIndexPage(title="Dobre praktyki", slug="dobre-praktyki")
    )


@pytest.fixture
def guide_index(home_page):
    return _publish_child(home_page, InstrumentIndexPage(title="Instrumenty", slug="instrumenty"))


@pytest.fixture
def publication_index(home_page):
    return _publish_child(home_page, PublicationIndexPage(title="Publikacje", slug="publikacje"))
