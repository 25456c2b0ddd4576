import io

import pytest
from django.core.exceptions import ValidationError

from cms.teryt import validate_teryt
from demo.content import recruitment as demo
from practices.models import Instrument
from recruitment import services
from recruitment.models import Application, Evaluation, RecruitmentCallPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_instruments(db):
    for slug in ("regranting", "male-granty", "inicjatywa-lokalna"):
        Instrument.objects.get_or_create(slug=slug, defaults={"name": slug})


def test_demo_is_idempotent_and_bilingual(home_page, locales, demo_instruments, client):
    demo.load(home=home_page, sections={}, stdout=io.StringIO())
    counts = (
        RecruitmentCallPage.objects.count(),
        Application.objects.count(),
        Evaluation.objects.count(),
    )
    demo.load(home=home_page, sections={}, stdout=io.StringIO())
    assert counts == (1, 3, 4)  # no English page: its parent home page has no translation here
    assert (
        RecruitmentCallPage.objects.count(),
        Application.objects.count(),
        Evaluation.objects.count(),
    ) == counts
    call = RecruitmentCallPage.objects.get()
    assert sum(c.weight for c in call.criteria.all()) == 100
    for application in Application.objects.all():
        try:
            validate_teryt(application.teryt, application.jst_type)
        except ValidationError as error:  # pragma: no cover - the message names the code
            pytest.fail(f"{application.teryt}: {error}")
        assert not services.submission_problems(application)
    # The demo attachments are PDFs with a cross-reference table where it says it is.
    attachment = Application.objects.first().attachments.first()
    with attachment.file.open("rb") as stored:
        data = stored.read()
    assert data.startswith(b"%PDF-1.4") and b"(Zalacznik demonstracyjny 1) Tj" in data
    xref = int(data.rsplit(b"startxref\n", 1)[1].split()[0])
    assert data[xref:].startswith(b"xref")
    ranking = services.ranking(call)
    assert [a.jst_name for a in ranking][:2] == ["Powiat tatrzański", "Gmina Niepołomice"]
    assert client.get(call.url).status_code == 200


def test_demo_english_call(home_page, locales, demo_instruments, client):
    home_page.copy_for_translation(locales["en"]).save_revision().publish()
    demo.load(home=home_page, sections={}, stdout=io.StringIO())
    english = RecruitmentCallPage.objects.get(locale=locales["en"])
    assert english.slug == "jst-support"
    assert english.criteria.first().name == "Leaders' readiness for change"
    body = client.get(english.url).content.decode()
    assert "Letter of intent" in body and "Quality of the diagnosis" in body
