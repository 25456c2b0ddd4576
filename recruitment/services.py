"""The rules of the JST recruitment, one function per rule.

Applicants: a draft keeps whatever was typed (`save_draft`); submission (`submit`) needs the
deadline not passed, every required field and attachment (`submission_problems`) and no other
submitted application of the same TERYT unit in the call. Staff: two independent scorers per
application (`submit_evaluation`: a conflict of interest withdraws the scorer; nobody sees
another's points before submitting their own, `may_see_scores`), their average, the ranking
(`ranking`) and the decision (`select`, `reject`); selection announces `signals.jst_selected`.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant

from cms import roles
from cms.domain_events import announce
from cms.tasks import enqueue
from recruitment import signals
from recruitment.models import (
    Application,
    ApplicationAttachment,
    CallCriterion,
    CriterionScore,
    Evaluation,
    RecruitmentCallPage,
    Status,
)

SCORERS_PER_APPLICATION = 2
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods"]
# Statuses staff work with: everything that was submitted.
SUBMITTED_STATUSES = [
    Status.SUBMITTED,
    Status.UNDER_EVALUATION,
    Status.SELECTED,
    Status.NOT_SELECTED,
]
CENT = Decimal("0.01")


class Refused(Exception):
    """A rule refused the action; the message says why in the user's language and `code` names
    the rule (tests and templates tell the cases apart by it)."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


# --- the call ----------------------------------------------------------------------------------


def canonical_call(page):
    """The call in the default language: applications and scores always belong to it, whichever
    language the applicant reads."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if page.locale.language_code == default:
        return page
    return (
        RecruitmentCallPage.objects.filter(
            translation_key=page.translation_key, locale__language_code=default
        )
        .select_related("locale")
        .first()
        or page
    )


def call_in_language(call, language=None):
    """The call's page in `language` (the active one), or the call itself without a translation."""
    language = language or translation.get_language() or "pl"
    if call.locale.language_code == language:
        return call
    translated = (
        RecruitmentCallPage.objects.live()
        .filter(translation_key=call.translation_key, locale__language_code=language)
        .first()
    )
    return translated or call


def in_call_order(call, relation):
    """The criteria or required attachments of the canonical `call`, each paired with its label in
    the active language (the translated page holds the same rows in the same order)."""
    rows = list(getattr(call, relation).all())
    shown = call_in_language(call)
    labels = rows if shown.pk == call.pk else list(getattr(shown, relation).all())
    if len(labels) != len(rows):
        labels = rows  # a translation out of step with the source: the source's labels
    return [(row, label) for row, label in zip(rows, labels, strict=True)]


def is_open(call, now=None):
    return (now or timezone.now()) <= call.deadline


def deadline_text(call):
    return date_format(timezone.localtime(call.deadline), "DATETIME_FORMAT")


def call_page_context(page, user):
    call = canonical_call(page)
    application = application_of(user, call) if user.is_authenticated else None
    return {
        "call_is_open": is_open(call),
        "apply_url": reverse("recruitment:apply", kwargs={"call_id": call.pk}),
        "my_application": application,
        "criteria_total": sum((c.weight for c in page.criteria.all()), Decimal(0)),
    }


# --- applications ------------------------------------------------------------------------------


def application_of(user, call):
    return Application.objects.filter(call=call, applicant=user).first()


DRAFT_FIELDS = [
    "jst_name",
    "jst_type",
    "teryt",
    "contact_name",
    "contact_position",
    "contact_email",
    "contact_phone",
    "cooperation_programme",
    "calls_last_year",
    "grants_last_year",
    "barriers",
    "goals",
    "authorised",
]
NUMBER_FIELDS = {"calls_last_year", "grants_last_year"}


def _language():
    """The language the applicant uses ("pl" or "en"): the confirmation and the PDF follow it."""
    code = (translation.get_language() or "pl")[:2]
    return code if code in ("pl", "en") else "pl"


def save_draft(*, user, call, data, files=None, application=None):
    """Store what the applicant typed (`data`: the fields that passed their format checks) and
    uploaded (`files`: {RequiredAttachment id: checked upload}). A draft needs nothing else, so
    nothing is lost; a submitted application is no longer edited."""
    with transaction.atomic():
        if application is None:
            application, _created = Application.objects.get_or_create(
                call=call, applicant=user, defaults={"language": _language()}
            )
        if not application.is_draft:
            raise Refused(
                _("This application was submitted and can no longer be changed."), "not_draft"
            )
        for name in DRAFT_FIELDS:
            if name in data:
                value = data[name]
                if value is None and name not in NUMBER_FIELDS:
                    value = ""
                setattr(application, name, value)
        application.language = _language()
        application.save()
        if "instruments" in data:
            application.instruments.set(data["instruments"])
        for requirement_id, upload in (files or {}).items():
            replace_attachment(application, requirement_id, upload)
    return application


def replace_attachment(application, requirement_id, upload):
    old = ApplicationAttachment.objects.filter(
        application=application, requirement_id=requirement_id
    ).first()
    if old is not None:
        old.file.delete(save=False)
        old.delete()
    return ApplicationAttachment.objects.create(
        application=application,
        requirement_id=requirement_id,
        file=upload,
        original_name=upload.name[:255],
        size=upload.size,
    )


def remove_attachment(application, requirement_id):
    if not application.is_draft:
        raise Refused(
            _("This application was submitted and can no longer be changed."), "not_draft"
        )
    for old in ApplicationAttachment.objects.filter(
        application=application, requirement_id=requirement_id
    ):
        old.file.delete(save=False)
        old.delete()


def missing_attachments(application):
    """The call's required attachments the application has no file for."""
    present = set(application.attachments.values_list("requirement_id", flat=True))
    return [
        label
        for requirement, label in in_call_order(application.call, "required_attachments")
        if requirement.pk not in present
    ]


def submission_problems(application):
    """What the application still lacks before it can be submitted (empty when nothing)."""
    problems = []
    required = [
        ("jst_name", _("the name of the local government")),
        ("jst_type", _("the type of the local government")),
        ("teryt", _("the TERYT code")),
        ("contact_name", _("the contact person")),
        ("contact_email", _("the contact e-mail")),
        ("contact_phone", _("the contact phone")),
        ("cooperation_programme", _("the answer about the cooperation programme")),
        ("barriers", _("the barriers to cooperation")),
        ("goals", _("the goals of the JST")),
    ]
    for name, label in required:
        if getattr(application, name) in ("", None):
            problems.append(_("Fill in %(field)s.") % {"field": label})
    if application.calls_last_year is None:
        problems.append(_("Give the number of open calls run last year (0 if none)."))
    if application.grants_last_year is None:
        problems.append(_("Give the amount granted to NGOs last year (0 if none)."))
    if not application.instruments.exists():
        problems.append(_("Choose at least one instrument the JST wants to implement."))
    for label in missing_attachments(application):
        problems.append(_("Attach: %(name)s.") % {"name": label})
    if not application.authorised:
        problems.append(_("Confirm that you are authorised to apply on behalf of the JST."))
    return problems


def duplicate_of(application):
    """Another submitted application of the same unit in the same call, or None."""
    if not application.teryt:
        return None
    return (
        Application.objects.filter(call_id=application.call_id, teryt=application.teryt)
        .exclude(status=Status.DRAFT)
        .exclude(pk=application.pk)
        .first()
    )


def duplicate_message(other):
    return _(
        "%(jst)s (TERYT %(teryt)s) already submitted an application to this call on %(date)s. "
        "One application per local government is accepted; your draft is kept. If you think "
        "this is a mistake, write to the programme team."
    ) % {
        "jst": other.jst_name,
        "teryt": other.teryt,
        "date": date_format(timezone.localtime(other.submitted_at), "DATE_FORMAT"),
    }


def submit(application, *, opened_at=None, now=None):
    """Submit a complete draft before the deadline. `opened_at`: when the form was shown, so
    someone who started before the deadline and sent after it is told exactly that."""
    now = now or timezone.now()
    call = application.call
    if not application.is_draft:
        raise Refused(_("This application has already been submitted."), "not_draft")
    if now > call.deadline:
        if opened_at is not None and opened_at <= call.deadline:
            raise Refused(
                _(
                    "The deadline (%(deadline)s) passed while you were filling in the form. "
                    "Your answers are saved as a draft, but the application can no longer be "
                    "submitted."
                )
                % {"deadline": deadline_text(call)},
                "late",
            )
        raise Refused(
            _(
                "The deadline for applications (%(deadline)s) has passed. Your draft is kept, "
                "but it can no longer be submitted."
            )
            % {"deadline": deadline_text(call)},
            "deadline",
        )
    problems = submission_problems(application)
    if problems:
        raise Refused(
            _("The application is not complete yet; your draft is saved. Still missing: %(list)s")
            % {"list": " ".join(problems)},
            "incomplete",
        )
    other = duplicate_of(application)
    if other is not None:
        raise Refused(duplicate_message(other), "duplicate")
    try:
        with transaction.atomic():
            updated = Application.objects.filter(pk=application.pk, status=Status.DRAFT).update(
                status=Status.SUBMITTED, submitted_at=now
            )
    except IntegrityError:
        # Two people of one unit submitting at the same moment: the constraint decides.
        other = duplicate_of(application)
        raise Refused(duplicate_message(other), "duplicate") from None
    if not updated:
        raise Refused(_("This application has already been submitted."), "not_draft")
    application.status, application.submitted_at = Status.SUBMITTED, now
    enqueue("recruitment.tasks.send_submission_confirmation", application.pk)
    return application


# --- who sees what -----------------------------------------------------------------------------


def can_view_applications(user):
    return roles.can_view_jst_applications(user)


def may_download(user, application):
    """The applicant (their own) and staff who view applications."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return application.applicant_id == user.pk or can_view_applications(user)


def evaluation_of(application, scorer):
    return Evaluation.objects.filter(application=application, scorer=scorer).first()


def may_see_scores(application, user, evaluations=None):
    """Scores stay hidden from a scorer until they have submitted their own evaluation, and from
    everyone else (a scorer who withdrew included) until both scorers have submitted."""
    evaluations = list(application.evaluations.all()) if evaluations is None else evaluations
    # A scorer who withdrew (conflict of interest) waits like everyone else.
    if any(e.scorer_id == user.pk and not e.conflict for e in evaluations):
        return True
    return sum(1 for e in evaluations if not e.conflict) >= SCORERS_PER_APPLICATION


# --- scoring -----------------------------------------------------------------------------------


def weighted_total(criteria, points):
    """Σ weight × points / max_points over the criteria (0–100 when the weights sum to 100)."""
    total = sum(
        (Decimal(c.weight) * Decimal(points[c.pk]) / Decimal(c.max_points) for c in criteria),
        Decimal(0),
    )
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def submit_evaluation(application, scorer, *, conflict, points=None, comment=""):
    """Record one scorer's evaluation (final once submitted). A declared conflict of interest
    withdraws the scorer; otherwise every criterion gets points within its range and the
    application has at most two scorers."""
    with transaction.atomic():
        # The lock serialises scorers of one application (PostgreSQL), so a third cannot slip in.
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in (Status.SUBMITTED, Status.UNDER_EVALUATION):
            raise Refused(
                _("Only submitted applications that await a decision are scored."), "status"
            )
        if Evaluation.objects.filter(application=locked, scorer=scorer).exists():
            raise Refused(_("You have already submitted your evaluation."), "twice")
        if locked.applicant_id == scorer.pk:
            raise Refused(_("You cannot score your own application."), "own")
        if conflict:
            evaluation = Evaluation.objects.create(
                application=locked, scorer=scorer, conflict=True, comment=comment or ""
            )
            return evaluation
        scored = Evaluation.objects.filter(application=locked, conflict=False).count()
        if scored >= SCORERS_PER_APPLICATION:
            raise Refused(_("This application already has its two scorers."), "enough_scorers")
        criteria = list(CallCriterion.objects.filter(call_id=locked.call_id))
        if not criteria:
            raise Refused(_("The call has no criteria to score against."), "no_criteria")
        points = points or {}
        wrong = [
            c.name
            for c in criteria
            if not isinstance(points.get(c.pk), int) or not 0 <= points[c.pk] <= c.max_points
        ]
        if wrong:
            raise Refused(
                _("Give points within the range for: %(names)s.") % {"names": ", ".join(wrong)},
                "points",
            )
        if not (comment or "").strip():
            raise Refused(_("Write a comment that justifies your points."), "comment")
        evaluation = Evaluation.objects.create(
            application=locked,
            scorer=scorer,
            conflict=False,
            comment=comment.strip(),
            total=weighted_total(criteria, points),
        )
        CriterionScore.objects.bulk_create(
            CriterionScore(evaluation=evaluation, criterion=c, points=points[c.pk])
            for c in criteria
        )
        if locked.status == Status.SUBMITTED:
            Application.objects.filter(pk=locked.pk).update(status=Status.UNDER_EVALUATION)
        return evaluation


def average(totals):
    """The mean of the scorers' totals, once both have scored (None before)."""
    totals = [t for t in totals if t is not None]
    if len(totals) < SCORERS_PER_APPLICATION:
        return None
    return (sum(totals, Decimal(0)) / len(totals)).quantize(CENT, rounding=ROUND_HALF_UP)


def ranking(call):
    """Every submitted application of the call, best average first; applications not yet scored
    by both scorers follow, in the order they were submitted. A constant number of queries."""
    scored = Q(evaluations__conflict=False)
    applications = list(
        Application.objects.filter(call=call, status__in=SUBMITTED_STATUSES)
        .annotate(
            scorer_count=Count("evaluations", filter=scored),
            mean=Avg("evaluations__total", filter=scored),
        )
        .prefetch_related("evaluations", "instruments")
    )
    complete, pending = [], []
    for application in applications:
        totals = [e.total for e in application.evaluations.all() if not e.conflict]
        application.average = average(totals)
        application.totals = sorted(totals, reverse=True)
        (complete if application.average is not None else pending).append(application)
    complete.sort(key=lambda a: (-a.average, a.submitted_at))
    pending.sort(key=lambda a: a.submitted_at)
    for position, application in enumerate(complete, start=1):
        application.position = position
    for application in pending:
        application.position = None
    return complete + pending


# --- the decision ------------------------------------------------------------------------------


def select(application, user, *, today=None):
    """Select a JST scored by both scorers while the call has places; the dashboard's tracker
    hears of it through `signals.jst_selected` (after commit)."""
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        if locked.status != Status.UNDER_EVALUATION:
            raise Refused(_("Only applications under evaluation can be selected."), "status")
        totals = locked.evaluations.filter(conflict=False).values_list("total", flat=True)
        if average(list(totals)) is None:
            raise Refused(
                _("The application needs the evaluations of both scorers first."), "unscored"
            )
        taken = Application.objects.filter(call=locked.call, status=Status.SELECTED).count()
        if taken >= locked.call.places:
            raise Refused(
                _("All %(n)s places of the call are taken.") % {"n": locked.call.places}, "full"
            )
        now = timezone.now()
        Application.objects.filter(pk=locked.pk).update(
            status=Status.SELECTED, decided_at=now, decided_by=user
        )
        announce(
            signals.jst_selected,
            sender=Application,
            application_id=locked.pk,
            call_title=locked.call.title,
            teryt=locked.teryt,
            name=locked.jst_name,
            jst_type=locked.jst_type,
            instrument_slugs=list(locked.instruments.values_list("slug", flat=True)),
            selected_on=today or timezone.localdate(now),
        )
    application.status = Status.SELECTED
    return application


def reject(application, user):
    with transaction.atomic():
        updated = Application.objects.filter(
            pk=application.pk, status__in=[Status.SUBMITTED, Status.UNDER_EVALUATION]
        ).update(status=Status.NOT_SELECTED, decided_at=timezone.now(), decided_by=user)
    if not updated:
        raise Refused(_("Only applications that await a decision can be rejected."), "status")
    application.status = Status.NOT_SELECTED
    return application
