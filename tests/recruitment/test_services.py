"""The recruitment's rules: drafts, the deadline, one application per unit, attachments, two
independent scorers, the average, the ranking and the selection that reaches the tracker."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cms import roles
from dashboard.models import Milestone, SupportedJst
from recruitment import services
from recruitment.models import Application, Status
from tests.recruitment.conftest import (
    complete_application,
    make_call,
    make_user,
    pdf_upload,
    points,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scorers(db):
    return [make_user(f"oceniajacy{i}@mwf.example.pl", roles.PROGRAMME_STAFF) for i in range(3)]


def submitted(call, user, instruments, **kwargs):
    application = complete_application(call, user, instruments, **kwargs)
    return services.submit(application)


def test_a_draft_keeps_an_incomplete_application(call, applicant):
    application = services.save_draft(
        user=applicant, call=call, data={"jst_name": "Gmina Wieliczka"}
    )
    assert application.status == Status.DRAFT
    assert Application.objects.get().jst_name == "Gmina Wieliczka"
    problems = services.submission_problems(application)
    assert "Uzupełnij kod TERYT." in problems
    assert any("Program współpracy na 2026 r." in p for p in problems)
    # Saving again edits the same draft: one application per account per call.
    services.save_draft(user=applicant, call=call, data={"teryt": "1219063"})
    assert Application.objects.get().teryt == "1219063"


def test_submission_of_a_complete_draft(
    call, applicant, instruments, django_capture_on_commit_callbacks
):
    application = complete_application(call, applicant, instruments)
    with django_capture_on_commit_callbacks() as callbacks:
        services.submit(application)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.submitted_at
    assert len(callbacks) == 1  # the confirmation e-mail, queued after commit


def test_incomplete_attachments_are_refused_by_name(call, applicant, instruments):
    application = complete_application(call, applicant, instruments)
    second = call.required_attachments.all()[1]
    services.remove_attachment(application, second.pk)
    with pytest.raises(services.Refused) as refusal:
        services.submit(application)
    assert refusal.value.code == "incomplete"
    assert "List intencyjny wójta" in str(refusal.value)
    assert Application.objects.get().status == Status.DRAFT


def test_after_the_deadline_the_draft_stays_but_cannot_be_submitted(call, applicant, instruments):
    application = complete_application(call, applicant, instruments)
    later = call.deadline + datetime.timedelta(minutes=1)
    with pytest.raises(services.Refused) as refusal:
        services.submit(application, now=later)
    assert refusal.value.code == "deadline"
    assert "minął" in str(refusal.value)
    assert Application.objects.get().status == Status.DRAFT


def test_a_form_opened_before_the_deadline_and_sent_after_it_is_late(call, applicant, instruments):
    application = complete_application(call, applicant, instruments)
    opened = call.deadline - datetime.timedelta(minutes=30)
    with pytest.raises(services.Refused) as refusal:
        services.submit(
            application, opened_at=opened, now=call.deadline + datetime.timedelta(seconds=5)
        )
    assert refusal.value.code == "late"
    assert "podczas wypełniania" in str(refusal.value)


def test_one_submitted_application_per_unit(call, applicant, instruments):
    submitted(call, applicant, instruments)
    colleague = make_user("skarbnik@wieliczka.example.pl")
    second = complete_application(call, colleague, instruments)
    with pytest.raises(services.Refused) as refusal:
        services.submit(second)
    assert refusal.value.code == "duplicate"
    assert "Gmina Wieliczka (TERYT 1219063)" in str(refusal.value)
    assert Application.objects.get(applicant=colleague).status == Status.DRAFT
    # Another unit is fine.
    other = complete_application(
        call,
        make_user("wojt@niepolomice.example.pl"),
        instruments,
        teryt="1219052",
        name="Gmina Niepołomice",
    )
    assert services.submit(other).status == Status.SUBMITTED


def test_the_database_refuses_a_second_submitted_application_of_a_unit(
    call, applicant, instruments
):
    from django.db import IntegrityError, transaction

    submitted(call, applicant, instruments)
    other = complete_application(call, make_user("inny@example.pl"), instruments)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=other.pk).update(status=Status.SUBMITTED)


def test_a_submitted_application_is_no_longer_edited(call, applicant, instruments):
    application = submitted(call, applicant, instruments)
    with pytest.raises(services.Refused):
        services.save_draft(user=applicant, call=call, data={"jst_name": "Inna"})
    with pytest.raises(services.Refused):
        services.submit(application)


def test_two_scorers_their_average_and_no_third(call, applicant, instruments, scorers):
    application = submitted(call, applicant, instruments)
    first, second, third = scorers
    assert not services.may_see_scores(application, second)
    one = services.submit_evaluation(
        application, first, conflict=False, points=points(call, 5, 4, 3), comment="Dobra diagnoza."
    )
    # 40*5/5 + 35*4/5 + 25*3/5 = 40 + 28 + 15
    assert one.total == Decimal("83.00")
    application.refresh_from_db()
    assert application.status == Status.UNDER_EVALUATION
    # The second scorer does not see the first one's points before submitting.
    assert not services.may_see_scores(application, second)
    assert services.may_see_scores(application, first)
    services.submit_evaluation(
        application, second, conflict=False, points=points(call, 3, 3, 2), comment="Przeciętnie."
    )
    assert services.may_see_scores(application, second)
    assert services.may_see_scores(application, third)  # both in: open to staff
    with pytest.raises(services.Refused) as refusal:
        services.submit_evaluation(
            application, third, conflict=False, points=points(call, 1, 1, 1), comment="x"
        )
    assert refusal.value.code == "enough_scorers"
    # 83 and 24 + 21 + 10 = 55: average 69
    [row] = services.ranking(call)
    assert row.average == Decimal("69.00") and row.position == 1


def test_a_conflict_of_interest_withdraws_the_scorer(call, applicant, instruments, scorers):
    application = submitted(call, applicant, instruments)
    first, second, third = scorers
    services.submit_evaluation(application, first, conflict=True, comment="Mój brat jest wójtem.")
    assert not services.may_see_scores(application, first)
    with pytest.raises(services.Refused) as refusal:
        services.submit_evaluation(application, first, conflict=False, points=points(call, 5, 5, 5))
    assert refusal.value.code == "twice"
    for scorer in (second, third):
        services.submit_evaluation(
            application, scorer, conflict=False, points=points(call, 5, 5, 5), comment="Świetnie."
        )
    assert services.may_see_scores(application, first)  # both scorers are in
    [row] = services.ranking(call)
    assert row.average == Decimal("100.00") and row.scorer_count == 2


@pytest.mark.parametrize(
    "bad_points",
    [{}, "missing-one", "too-many", "negative"],
)
def test_points_out_of_range_are_refused(call, applicant, instruments, scorers, bad_points):
    application = submitted(call, applicant, instruments)
    given = points(call, 5, 4, 3)
    first_id = next(iter(given))
    if bad_points == "missing-one":
        del given[first_id]
    elif bad_points == "too-many":
        given[first_id] = 6
    elif bad_points == "negative":
        given[first_id] = -1
    else:
        given = {}
    with pytest.raises(services.Refused) as refusal:
        services.submit_evaluation(
            application, scorers[0], conflict=False, points=given, comment="Uzasadnienie."
        )
    assert refusal.value.code == "points"
    assert not application.evaluations.exists()


def test_a_comment_is_required_and_drafts_are_not_scored(call, applicant, instruments, scorers):
    application = submitted(call, applicant, instruments)
    with pytest.raises(services.Refused) as refusal:
        services.submit_evaluation(
            application, scorers[0], conflict=False, points=points(call, 1, 1, 1), comment="  "
        )
    assert refusal.value.code == "comment"
    draft = complete_application(call, make_user("szkic@example.pl"), instruments, teryt="1217")
    with pytest.raises(services.Refused) as refusal:
        services.submit_evaluation(
            draft, scorers[0], conflict=False, points=points(call, 1, 1, 1), comment="x"
        )
    assert refusal.value.code == "status"


def test_ranking_orders_by_average_then_unscored_by_submission(call, instruments, scorers):
    specs = [
        ("1219063", "Gmina Wieliczka", (2, 2, 2)),
        ("1219052", "Gmina Niepołomice", (5, 5, 4)),
        ("1206011", "Gmina Miechów", None),
    ]
    for teryt, name, given in specs:
        application = submitted(
            call,
            make_user(f"{teryt}@example.pl"),
            instruments,
            teryt=teryt,
            name=name,
            jst_type="gmina_miejska" if teryt.endswith("1") else "gmina_miejsko_wiejska",
        )
        if given:
            for scorer in scorers[:2]:
                services.submit_evaluation(
                    application, scorer, conflict=False, points=points(call, *given), comment="ok"
                )
    rows = services.ranking(call)
    assert [r.jst_name for r in rows] == ["Gmina Niepołomice", "Gmina Wieliczka", "Gmina Miechów"]
    assert [r.position for r in rows] == [1, 2, None]
    assert rows[2].average is None


def test_selection_creates_the_jst_in_the_tracker(
    call, applicant, instruments, scorers, django_capture_on_commit_callbacks
):
    application = submitted(call, applicant, instruments)
    with pytest.raises(services.Refused) as refusal:
        services.select(application, scorers[0])
    assert refusal.value.code == "status"
    for scorer in scorers[:2]:
        services.submit_evaluation(
            application, scorer, conflict=False, points=points(call, 4, 4, 4), comment="ok"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.select(application, scorers[2], today=datetime.date(2026, 12, 1))
    application.refresh_from_db()
    assert application.status == Status.SELECTED and application.decided_by == scorers[2]
    jst = SupportedJst.objects.get(teryt="1219063")
    assert jst.name == "Gmina Wieliczka" and jst.jst_type == "gmina_miejsko_wiejska"
    assert set(jst.instruments.values_list("slug", flat=True)) == {"regranting", "male-granty"}
    [milestone] = jst.milestones.all()
    assert milestone.stage == Milestone.DIAGNOSIS and milestone.date == datetime.date(2026, 12, 1)
    assert call.title in milestone.note


def test_selection_of_a_jst_already_supported_adds_its_instruments(
    call, applicant, instruments, scorers, django_capture_on_commit_callbacks
):
    existing = SupportedJst.objects.create(teryt="1219063", name="Wieliczka", jst_type="powiat")
    application = submitted(call, applicant, instruments)
    for scorer in scorers[:2]:
        services.submit_evaluation(
            application, scorer, conflict=False, points=points(call, 4, 4, 4), comment="ok"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.select(application, scorers[2])
    assert SupportedJst.objects.count() == 1
    assert existing.instruments.count() == 2 and existing.milestones.count() == 1


def test_no_selection_beyond_the_places(home_page, instruments, scorers):
    call = make_call(home_page, places=1, slug="nabor-maly")
    applications = []
    for teryt in ("1219063", "1219052"):
        application = submitted(call, make_user(f"{teryt}@example.pl"), instruments, teryt=teryt)
        for scorer in scorers[:2]:
            services.submit_evaluation(
                application, scorer, conflict=False, points=points(call, 4, 4, 4), comment="ok"
            )
        applications.append(application)
    services.select(applications[0], scorers[2])
    with pytest.raises(services.Refused) as refusal:
        services.select(applications[1], scorers[2])
    assert refusal.value.code == "full"
    services.reject(applications[1], scorers[2])
    assert Application.objects.get(pk=applications[1].pk).status == Status.NOT_SELECTED


def test_replacing_an_attachment_keeps_one_file(call, applicant, instruments):
    application = complete_application(call, applicant, instruments)
    requirement = call.required_attachments.first()
    services.replace_attachment(application, requirement.pk, pdf_upload("nowy.pdf"))
    names = sorted(application.attachments.values_list("original_name", flat=True))
    assert names == ["nowy.pdf", "uchwala.pdf"]
    stored = application.attachments.get(requirement=requirement)
    assert "private/recruitment/" in stored.file.name


def test_an_english_page_leads_to_the_same_call(call, locales):
    from django.utils import translation

    english = call.copy_for_translation(locales["en"], copy_parents=True)
    english.title = "Call for JSTs"
    english.save_revision().publish()
    first = english.required_attachments.first()
    first.name = "Cooperation programme for 2026"
    first.save()
    assert services.canonical_call(english).pk == call.pk
    with translation.override("en"):
        pairs = services.in_call_order(call, "required_attachments")
    # Stored against the call's own rows, shown with the English page's labels.
    assert [row.call_id for row, _label in pairs] == [call.pk, call.pk]
    assert pairs[0][1].name == "Cooperation programme for 2026"
    assert timezone.now() < call.deadline
