"""The demo content loads, is idempotent and meets the issue's spread."""

import io

import pytest

from demo.content import practices as demo
from practices.models import Instrument, InstrumentPage, PracticePage, PublicationPage

pytestmark = pytest.mark.django_db


def test_demo_content_loads_twice_without_duplicates(
    client, catalogue_page, guide_index, publication_index, home_page
):
    sections = {
        "instrumenty": guide_index,
        "dobre-praktyki": catalogue_page,
        "publikacje": publication_index,
    }
    demo.load(home_page, sections, io.StringIO())
    demo.load(home_page, sections, io.StringIO())
    assert Instrument.objects.count() == 10
    assert InstrumentPage.objects.live().count() == 10
    practices = PracticePage.objects.live()
    assert practices.count() >= 24
    assert len({p.voivodeship for p in practices}) >= 8
    used = {i.pk for p in practices for i in p.instruments.all()}
    assert used == set(Instrument.objects.values_list("pk", flat=True))
    assert all(p.editor_note for p in practices)
    publication = PublicationPage.objects.live().first()
    with publication.document.file.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    # Searching the demo catalogue without diacritics.
    response = client.get(catalogue_page.url, {"q": "lodzkie"})
    assert response.context["result"].total >= 1
    response = client.get(catalogue_page.url, {"q": "inicjatywa lokalna"})
    assert response.context["result"].total >= 4
    for page in [InstrumentPage.objects.first(), practices.first(), publication]:
        assert client.get(page.url).status_code == 200
