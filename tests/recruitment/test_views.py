"""The recruitment through HTTP: the call page, the applicant's form (drafts that keep what was
typed, clear messages for the deadline, duplicates, incomplete and refused attachments), the
confirmation e-mail through a real SMTP server with the PDF read back, staff scoring in the admin
(independent scorers, bad input), the ranking's query budget, the exports and the selection."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from cms import roles
from dashboard.models import Milestone, SupportedJst
from home.models import StandardPage
from recruitment import documents, services
from recruitment.models import (
    Application,
    Evaluation,
    RecruitmentCallPage,
    Status,
)
from tests.certificates.pdf_text import pdf_words
from tests.query_budget import BUDGET
from tests.recruitment.conftest import (
    complete_application,
    complete_data,
    make_user,
    pdf_upload,
    points,
    unique_gmina_teryt,
)

pytestmark = pytest.mark.django_db


def apply_url(call):
    return reverse("recruitment:apply", kwargs={"call_id": call.pk})


def form_data(instruments, **overrides):
    data = complete_data(instruments)
    data["instruments"] = [i.pk for i in instruments]
    data["authorised"] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def attachments_of(call, *uploads):
    return {
        f"file_{requirement.pk}": upload
        for requirement, upload in zip(call.required_attachments.all(), uploads, strict=False)
    }


# --- the page type -----------------------------------------------------------------------------


def test_the_call_page_lives_under_the_home_page_only(call, home_page):
    assert RecruitmentCallPage.can_create_at(home_page)
    assert not RecruitmentCallPage.can_create_at(StandardPage(title="x"))
    assert RecruitmentCallPage in home_page.specific.creatable_subpage_models()


def test_the_call_page_shows_rules_criteria_deadline_and_attachments(client, call):
    body = client.get(call.url).content.decode()
    for text in (
        "Zgłoszenie składa gmina",
        "Gotowość do zmian",
        "40%",
        "List intencyjny wójta",
        "Złóż zgłoszenie",
        f'datetime="{call.deadline.isoformat()[:10]}',
    ):
        assert text in body, text


def test_the_form_needs_an_account(client, call):
    response = client.get(apply_url(call))
    assert response.status_code == 302 and "login" in response["Location"]


# --- drafts and submission ----------------------------------------------------------------------


def test_a_draft_keeps_what_was_typed_even_with_a_wrong_teryt(client, call, applicant, instruments):
    client.force_login(applicant)
    response = client.post(
        apply_url(call),
        {
            "jst_name": "Gmina Wieliczka",
            "teryt": "12-19-06",
            "action": "save",
            "barriers": "Brak lokalu dla organizacji.",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Szkic zapisaliśmy, ale niektóre pola trzeba poprawić" in body
    assert 'value="12-19-06"' in body  # shown again as typed
    assert 'aria-invalid="true"' in body
    application = Application.objects.get()
    assert application.jst_name == "Gmina Wieliczka" and application.teryt == ""
    assert application.barriers == "Brak lokalu dla organizacji."


def test_a_teryt_of_the_wrong_kind_is_explained(client, call, applicant):
    client.force_login(applicant)
    response = client.post(
        apply_url(call), {"jst_type": "powiat", "teryt": "1219063", "action": "save"}
    )
    assert "ma kod TERYT o długości 4 cyfr" in response.content.decode()
    assert Application.objects.get().jst_type == "powiat"


def test_an_incomplete_application_is_saved_not_submitted(client, call, applicant, instruments):
    client.force_login(applicant)
    response = client.post(
        apply_url(call), form_data(instruments, action="submit", contact_phone=""), follow=True
    )
    body = response.content.decode()
    assert "Zgłoszenie nie jest jeszcze kompletne" in body
    assert "Uzupełnij telefon osoby do kontaktu." in body
    assert "Załącz: Program współpracy na 2026 r." in body
    application = Application.objects.get()
    assert application.status == Status.DRAFT and application.jst_name == "Gmina Wieliczka"


def test_a_disguised_attachment_is_refused_and_the_rest_kept(client, call, applicant, instruments):
    client.force_login(applicant)
    page = pdf_upload("program.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(
        apply_url(call), {**form_data(instruments, action="save"), **attachments_of(call, page)}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "„program.pdf” nie jest prawdziwym plikiem PDF" in body
    application = Application.objects.get()
    assert application.jst_name == "Gmina Wieliczka" and not application.attachments.exists()


def test_submission_with_attachments_and_the_status_afterwards(
    client, call, applicant, instruments, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    files = attachments_of(call, pdf_upload("program.pdf"), pdf_upload("list.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            apply_url(call), {**form_data(instruments, action="submit"), **files}, follow=True
        )
    body = response.content.decode()
    application = Application.objects.get()
    assert application.status == Status.SUBMITTED, body
    assert f"Zgłoszenie nr {application.number} zostało złożone" in body
    assert "złożone" in body and "Pobierz zgłoszenie (PDF)" in body
    assert [m.to for m in mailoutbox] == [
        ["ewa.kowal@wieliczka.example.pl", "sekretarz@wieliczka.example.pl"]
    ]
    # Once submitted, nothing changes it.
    client.post(apply_url(call), form_data(instruments, jst_name="Inna", action="save"))
    assert Application.objects.get().jst_name == "Gmina Wieliczka"
    mine = client.get(reverse("recruitment:my_applications")).content.decode()
    assert "Gmina Wieliczka" in mine and "złożone" in mine


def test_after_the_deadline_a_draft_is_kept_but_not_submitted(client, call, applicant, instruments):
    complete_application(call, applicant, instruments)
    RecruitmentCallPage.objects.filter(pk=call.pk).update(
        deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(applicant)
    body = client.get(apply_url(call)).content.decode()
    assert "Termin" in body and "minął" in body
    assert 'value="submit"' not in body
    response = client.post(apply_url(call), form_data(instruments, action="submit"), follow=True)
    assert "Termin składania zgłoszeń" in response.content.decode()
    assert Application.objects.get().status == Status.DRAFT
    # Someone without a draft is told the call is closed.
    client.force_login(make_user("spozniony@example.pl"))
    body = client.get(apply_url(call)).content.decode()
    assert "nowych zgłoszeń już nie przyjmujemy" in body
    assert Application.objects.count() == 1


def test_a_form_opened_before_the_deadline_and_sent_after_it(client, call, applicant, instruments):
    complete_application(call, applicant, instruments)
    opened = (timezone.now() - datetime.timedelta(minutes=20)).isoformat()
    RecruitmentCallPage.objects.filter(pk=call.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(applicant)
    response = client.post(
        apply_url(call),
        form_data(
            instruments, action="submit", opened_at=opened, barriers="Dopisane w ostatniej chwili."
        ),
        follow=True,
    )
    assert "minął podczas wypełniania formularza" in response.content.decode()
    application = Application.objects.get()
    assert application.status == Status.DRAFT
    assert application.barriers == "Dopisane w ostatniej chwili."


def test_a_second_application_of_the_same_unit(client, call, applicant, instruments):
    services.submit(complete_application(call, applicant, instruments))
    colleague = make_user("skarbnik@wieliczka.example.pl")
    complete_application(call, colleague, instruments)
    client.force_login(colleague)
    response = client.post(apply_url(call), form_data(instruments, action="submit"), follow=True)
    body = response.content.decode()
    assert "złożyła już zgłoszenie w tym naborze" in body
    assert Application.objects.get(applicant=colleague).status == Status.DRAFT


@pytest.mark.parametrize(
    "field,value",
    [
        ("calls_last_year", "-3"),
        ("calls_last_year", "dużo"),
        ("grants_last_year", "1e400"),
        ("contact_email", "nie-adres"),
        ("teryt", "9919063"),
        ("instruments", "99999999999999999999999"),
        ("jst_type", "wojewodztwo"),
        ("opened_at", "wczoraj"),
    ],
)
def test_bad_input_gets_a_message_never_a_500(client, call, applicant, instruments, field, value):
    client.force_login(applicant)
    data = form_data(instruments, action="submit")
    data[field] = value
    response = client.post(apply_url(call), data)
    assert response.status_code in (200, 302)
    application = Application.objects.get()
    assert application.jst_name == "Gmina Wieliczka"
    if field != "opened_at":
        assert application.status == Status.DRAFT


def test_the_english_form_is_under_english_urls(client, call, applicant):
    client.force_login(applicant)
    with_prefix = reverse("recruitment:apply", kwargs={"call_id": call.pk})
    assert with_prefix.startswith("/wsparcie-jst/")
    response = client.get(f"/en/jst-support/{call.pk}/application/")
    assert response.status_code == 200
    assert "Save draft" in response.content.decode()


# --- the PDF and the e-mail --------------------------------------------------------------------


def test_the_pdf_of_an_application(client, call, applicant, instruments):
    application = services.submit(complete_application(call, applicant, instruments))
    client.force_login(applicant)
    response = client.get(reverse("recruitment:application_pdf", args=[application.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    words = pdf_words(response.content)
    for text in (
        "Gmina Wieliczka",
        "1219063",
        "Regranting",
        "Małe granty",
        "Ewa Kowal",
        "Program współpracy na 2026 r.: uchwala.pdf",
        call.title,
    ):
        assert text in words, text
    # Anyone else: not found.
    client.force_login(make_user("ciekawski@example.pl"))
    assert (
        client.get(reverse("recruitment:application_pdf", args=[application.pk])).status_code == 404
    )
    attachment = application.attachments.first()
    assert client.get(reverse("recruitment:attachment", args=[attachment.pk])).status_code == 404


def test_the_confirmation_arrives_through_smtp_with_the_pdf(
    call, applicant, instruments, smtp_inbox, django_capture_on_commit_callbacks
):
    with translation.override("pl"):
        application = complete_application(call, applicant, instruments)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(application)
    message = smtp_inbox.only()
    assert message.recipients == [
        "ewa.kowal@wieliczka.example.pl",
        "sekretarz@wieliczka.example.pl",
    ]
    assert f"Otrzymaliśmy zgłoszenie nr {application.number}" in message.subject
    assert "Gmina Wieliczka" in message.text and "Regranting" in message.text
    ((name, _type, data),) = message.attachments("application/pdf")
    assert name == documents.pdf_filename(application)
    assert "Gmina Wieliczka" in pdf_words(data)


# --- staff --------------------------------------------------------------------------------------


@pytest.fixture
def scorers(db):
    return [
        make_user(
            f"oceniajacy{i}@mwf.example.pl",
            roles.PROGRAMME_STAFF,
            first_name=f"Oceniający{i}",
            last_name="Zespół",
        )
        for i in range(4)
    ]


def evaluate_url(application):
    return reverse("recruitment_admin:evaluate", args=[application.pk])


def score_form(call, values, comment="Uzasadnienie", conflict="no"):
    data = {"conflict": conflict, "comment": comment}
    for criterion, value in zip(call.criteria.all(), values, strict=True):
        data[f"points_{criterion.pk}"] = str(value)
    return data


def test_scorers_score_independently_in_the_admin(
    client, call, applicant, instruments, scorers, django_capture_on_commit_callbacks
):
    application = services.submit(complete_application(call, applicant, instruments))
    page = reverse("recruitment_admin:application", args=[application.pk])
    first, second, third, _fourth = scorers
    client.force_login(first)
    assert (
        client.post(evaluate_url(application), score_form(call, (5, 4, 3), "Tajne A")).status_code
        == 302
    )
    client.force_login(second)
    body = client.get(page).content.decode()
    assert "Tajne A" not in body and "83,00" not in body
    assert "Punkty innych osób oceniających są ukryte" in body
    response = client.post(evaluate_url(application), score_form(call, (3, 3, 2), "Tajne B"))
    assert response.status_code == 302, response.content.decode()[-3000:]
    body = client.get(page).content.decode()
    assert "Tajne A" in body and "69,00" in body
    # A third scorer may no longer score; a conflict of interest would have freed a place.
    client.force_login(third)
    assert "Złóż ocenę" not in client.get(page).content.decode()
    response = client.post(evaluate_url(application), score_form(call, (1, 1, 1)), follow=True)
    assert "ma już dwie osoby oceniające" in response.content.decode()
    assert Evaluation.objects.filter(application=application).count() == 2
    # The decision adds the JST to the tracker.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("recruitment_admin:decide", args=[application.pk]), {"action": "select"}
        )
    assert Application.objects.get().status == Status.SELECTED
    jst = SupportedJst.objects.get(teryt="1219063")
    assert jst.milestones.get().stage == Milestone.DIAGNOSIS
    client.force_login(applicant)
    assert "wybrana do wsparcia" in client.get(apply_url(call)).content.decode()


def test_a_conflict_of_interest_is_declared_in_the_admin(
    client, call, applicant, instruments, scorers
):
    application = services.submit(complete_application(call, applicant, instruments))
    client.force_login(scorers[0])
    client.post(evaluate_url(application), {"conflict": "yes", "comment": ""})
    evaluation = Evaluation.objects.get()
    assert evaluation.conflict and evaluation.total is None
    body = client.get(
        reverse("recruitment_admin:application", args=[application.pk])
    ).content.decode()
    assert "Zgłosiłeś(-aś) konflikt interesów" in body


@pytest.mark.parametrize(
    "data",
    [
        {"conflict": "no", "comment": "ok"},  # no points
        {"conflict": "maybe"},
        {"conflict": "no", "comment": ""},
        "too-high",
        "not-a-number",
    ],
)
def test_bad_scores_are_explained_and_nothing_saved(
    client, call, applicant, instruments, scorers, data
):
    application = services.submit(complete_application(call, applicant, instruments))
    if data == "too-high":
        data = score_form(call, (6, 1, 1))
    elif data == "not-a-number":
        data = score_form(call, (5, 4, 3))
        data[next(k for k in data if k.startswith("points_"))] = "pięć"
    client.force_login(scorers[0])
    response = client.post(evaluate_url(application), data)
    assert response.status_code == 400
    assert "Ocena nie została zapisana" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_an_editor_cannot_score_or_select(client, call, applicant, instruments):
    application = services.submit(complete_application(call, applicant, instruments))
    editor = make_user("redaktor@example.pl")
    # Not strict: a live-server test before this one may have flushed wagtail_localize's permission.
    editor.groups.add(roles.sync_group(roles.EDITOR, strict=False))
    client.force_login(editor)
    assert client.post(evaluate_url(application), score_form(call, (5, 5, 5))).status_code == 403
    response = client.post(
        reverse("recruitment_admin:decide", args=[application.pk]), {"action": "select"}
    )
    assert response.status_code == 403
    assert Application.objects.get().status == Status.SUBMITTED


def _many_applications(call, count, scorers, instruments):
    """`count` submitted applications, each scored by two of the scorers (bulk: the rules are
    tested above; here only the page's cost is)."""
    now = timezone.now()
    users = [make_user(f"jst{n}-{call.pk}@example.pl") for n in range(count)]
    applications = Application.objects.bulk_create(
        Application(
            call=call,
            applicant=user,
            status=Status.UNDER_EVALUATION,
            jst_name=f"Gmina {n}",
            jst_type="gmina_wiejska",
            teryt=unique_gmina_teryt(),
            submitted_at=now,
        )
        for n, user in enumerate(users)
    )
    for application in applications:
        application.instruments.set(instruments)
    Evaluation.objects.bulk_create(
        Evaluation(
            application=application,
            scorer=scorers[(n + k) % len(scorers)],
            conflict=False,
            comment="ok",
            total=Decimal(50 + (n * 7 + k) % 50),
        )
        for n, application in enumerate(applications)
        for k in range(2)
    )


def test_the_ranking_page_costs_the_same_for_3_and_300_applications(
    client, call, home_page, instruments, scorers
):
    from tests.recruitment.conftest import make_call

    small = make_call(home_page, slug="maly-nabor")
    _many_applications(small, 3, scorers, instruments)
    _many_applications(call, 300, scorers, instruments)
    client.force_login(scorers[0])

    def cost(target):
        url = reverse("recruitment_admin:ranking", args=[target.pk])
        client.get(url)
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries), response

    few, _ = cost(small)
    many, response = cost(call)
    assert many == few, (few, many)
    assert many <= BUDGET - 2, many  # 13: five of them the ranking's own
    body = response.content.decode()
    assert body.count('href="/admin/nabor-jst/zgloszenie/') == 300


def test_exports_defuse_formulas_and_open_in_excel(client, call, applicant, instruments, scorers):
    application = complete_application(call, applicant, instruments)
    Application.objects.filter(pk=application.pk).update(
        jst_name='=HYPERLINK("http://zly.example")'
    )
    services.submit(Application.objects.get(pk=application.pk))
    for scorer in scorers[:2]:
        services.submit_evaluation(
            application, scorer, conflict=False, points=points(call, 5, 5, 5), comment="ok"
        )
    client.force_login(scorers[0])
    csv = client.get(reverse("recruitment_admin:export", args=[call.pk, "csv"]))
    text = csv.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "100.00" in text
    xlsx = client.get(reverse("recruitment_admin:export", args=[call.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Miejsce" and rows[1][2] == '\'=HYPERLINK("http://zly.example")'
    assert rows[1][10] == 100
    assert client.get(reverse("recruitment_admin:export", args=[call.pk, "pdf"])).status_code == 404
