"""Public views: the registration form, the self-service page behind the signed link, and the
calendar files. Thin: every rule is in the services (events.registration, events.waiting_list)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms import prerequisites
from events import ics
from events.errors import RegistrationError
from events.forms import AnswersForm, RegistrationForm, initial_from_profile
from events.models import EventPage, Registration, Session, Status
from events.registration import (
    can_cancel,
    cancel,
    cancellation_deadline,
    confirm_email,
    register,
    update_answers,
)
from events.selectors import my_trainings
from events.tokens import make_token, read_token
from events.waiting_list import accept_offer


def self_service_url(registration, request=None):
    url = reverse("events:registration", args=[make_token(registration)])
    return request.build_absolute_uri(url) if request else url


def register_view(request, page, session_id):
    # A translated page registers into its source page's sessions (one pool of seats).
    session = next((s for s in page.shared_sessions() if s.pk == session_id), None)
    if session is None:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    initial = initial_from_profile(user) if user else {}
    form = RegistrationForm(
        request.POST if request.method == "POST" else None, page=page, user=user, initial=initial
    )
    state = session.registration_state()
    requirements = prerequisites.unmet(user, page, request=request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        now = timezone.now()
        try:
            registration = register(
                session.pk,
                email=user.email if user else data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                organisation=data["organisation"],
                organisation_type=data["organisation_type"],
                voivodeship=data["voivodeship"],
                language=initial.get("language") or translation.get_language() or "pl",
                answers=form.answers(),
                consents=form.consents_given(now),
                user=user,
                email_verified=bool(user and user.email),
                now=now,
            )
        except RegistrationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _status_message(registration))
            return redirect(self_service_url(registration))
    form.add_aria()
    return TemplateResponse(
        request,
        "events/register.html",
        {
            "page": page,
            "session": session,
            "state": state,
            "form": form,
            "taken": session.seats_taken,
            "requirements": requirements,
        },
        status=400 if request.method == "POST" else 200,
    )


def _status_message(registration):
    return {
        Status.PENDING: _(
            "Almost done: we have sent you an e-mail. Open the link in it and confirm your "
            "registration."
        ),
        Status.AWAITING_APPROVAL: _(
            "Thank you. The organisers will review your registration and let you know."
        ),
        Status.CONFIRMED: _("Your seat is confirmed. We have sent you a calendar invitation."),
        Status.WAITLISTED: _(
            "The session is full, so you are on the waiting list. We will write when a seat frees."
        ),
    }.get(registration.status, _("Your registration is saved."))


def _registration_from_token(token):
    public_id = read_token(token)
    if public_id is None:
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("session__page"), public_id=public_id
    )


ACTIONS = {
    "confirm": confirm_email,
    "accept": accept_offer,
}


def registration_view(request, token):
    """The person's own page: status, calendar file, answers, cancel. Every state change is a
    POST from a button here; opening the link changes nothing."""
    registration = _registration_from_token(token)
    session = registration.session
    # The page the person registered on: its questions are the ones the answers are keyed by.
    page = session.page.for_language(registration.language)
    answers_form = AnswersForm(
        request.POST if request.POST.get("action") == "answers" else None,
        page=page,
        answers=registration.answers,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ACTIONS:
                registration = ACTIONS[action](registration)
                messages.success(request, _status_message(registration))
                return redirect(request.path)
            if action == "cancel":
                # Cancelling always goes through its confirmation page.
                return redirect("events:cancel", token)
            if action == "decline":
                cancel(registration, reason="declined")
                messages.success(request, _("Your registration is cancelled."))
                return redirect(request.path)
            if action == "answers":
                if answers_form.is_valid():
                    update_answers(registration, answers_form.answers())
                    messages.success(request, _("Your answers are saved."))
                    return redirect(request.path)
            else:
                messages.error(request, _("Unknown action."))
        except RegistrationError as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
    answers_form.add_aria()
    now = timezone.now()
    return TemplateResponse(
        request,
        "events/registration.html",
        {
            "page": page,
            "registration": registration,
            "session": session,
            "answers_form": answers_form,
            "can_cancel": can_cancel(registration, now),
            "deadline": cancellation_deadline(session),
            "show_join": registration.status in (Status.CONFIRMED,) and session.online,
            "has_invite": registration.status in (Status.CONFIRMED, Status.ATTENDED),
            "token": token,
        },
        status=400 if request.method == "POST" else 200,
    )


def cancel_view(request, token):
    """Cancelling is never one click: this page says what will happen (the seat goes to the next
    person, the calendar entry is withdrawn), and only its button cancels."""
    registration = _registration_from_token(token)
    session = registration.session
    back = reverse("events:registration", args=[token])
    if not can_cancel(registration):
        messages.error(request, _("This registration can no longer be cancelled here."))
        return redirect(back)
    if request.method == "POST":
        try:
            cancel(registration, reason="participant")
        except RegistrationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your registration is cancelled."))
        if request.POST.get("next") == "mine":
            return redirect("events:my_trainings")
        return redirect(back)
    return TemplateResponse(
        request,
        "events/cancel.html",
        {
            "page": session.page,
            "registration": registration,
            "session": session,
            "back": back,
            "from_mine": request.GET.get("from") == "mine",
        },
    )


@login_required
def my_trainings_view(request):
    """ "Moje szkolenia": the participant's registrations, to manage without the e-mail link."""
    upcoming, past = my_trainings(request.user)
    now = timezone.now()
    rows = [
        {
            "registration": r,
            "token": make_token(r),
            "can_cancel": can_cancel(r, now),
            "has_invite": r.status in (Status.CONFIRMED, Status.ATTENDED),
        }
        for r in upcoming
    ]
    past_rows = [{"registration": r, "token": make_token(r)} for r in past]
    return TemplateResponse(
        request, "events/my_trainings.html", {"upcoming": rows, "past": past_rows}
    )


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def registration_ics(request, token):
    registration = _registration_from_token(token)
    if registration.status not in (Status.CONFIRMED, Status.ATTENDED):
        raise Http404
    content = ics.invite(
        registration, page_url=registration.session.page.get_full_url(request) or ""
    )
    return _ics_response(content, "zaproszenie.ics")


def _public_sessions():
    return (
        Session.objects.shared()
        .select_related("page")
        .filter(page__in=EventPage.objects.live().public())
    )


@require_GET
def session_ics(request, pk):
    session = get_object_or_404(_public_sessions(), pk=pk)
    content = ics.public_calendar([session], lambda p: p.get_full_url(request))
    return _ics_response(content, f"szkolenie-{session.pk}.ics")


@require_GET
def feed_ics(request):
    sessions = _public_sessions().order_by("starts_at")
    content = ics.public_calendar(sessions, lambda p: p.get_full_url(request))
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")
