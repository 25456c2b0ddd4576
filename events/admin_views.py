"""Staff tools in the Wagtail admin: sessions overview, check-in (works on a phone), the
attendance list PDF per day, CSV/XLSX export, moving a person and cancelling a session.
Views are thin; the rules are in the services (events.registration, ...), the documents in `events.documents`."""

import datetime
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms import roles, spreadsheets
from cms.converters import parse_id
from events import documents
from events.attendance import mark_attendance
from events.errors import RegistrationError
from events.models import SEAT_STATUSES, Registration, Session, Status
from events.registration import approve, cancel, move_registration
from events.session_changes import cancel_session


def staff_required(rule):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class RegistrationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[("", "—"), *Status.choices]
    )
    q = forms.CharField(label=gettext_lazy("Name or e-mail"), required=False)


@staff_required(roles.can_manage_registrations)
def sessions_view(request):
    sessions = (
        Session.objects.shared()
        .select_related("page")
        .annotate(
            taken=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES)),
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
            to_approve=Count(
                "registrations", filter=Q(registrations__status=Status.AWAITING_APPROVAL)
            ),
        )
        .order_by("-starts_at")
    )
    return TemplateResponse(request, "events/admin/sessions.html", {"sessions": sessions})


@staff_required(roles.can_manage_registrations)
def session_view(request, pk):
    session = get_object_or_404(Session.objects.select_related("page"), pk=pk)
    form = RegistrationFilterForm(request.GET or None)
    registrations = session.registrations.order_by("last_name", "first_name", "id")
    if form.is_valid():
        if form.cleaned_data["status"]:
            registrations = registrations.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["q"]:
            q = form.cleaned_data["q"]
            registrations = registrations.filter(
                Q(email__icontains=q) | Q(last_name__icontains=q) | Q(first_name__icontains=q)
            )
    return TemplateResponse(
        request,
        "events/admin/session.html",
        {
            "session": session,
            "registrations": registrations,
            "form": form,
            "days": documents.session_days(session),
            "other_sessions": Session.objects.filter(
                page=session.page, cancelled=False, starts_at__gt=timezone.now()
            ).exclude(pk=session.pk),
        },
    )


@staff_required(roles.can_record_attendance)
def checkin_view(request, pk):
    session = get_object_or_404(Session.objects.select_related("page"), pk=pk)
    if request.method == "POST":
        registration = get_object_or_404(
            session.registrations, pk=parse_id(request.POST.get("registration"))
        )
        try:
            mark_attendance(registration, request.POST.get("attended") == "1")
        except RegistrationError as exc:
            messages.error(request, exc.message)
        return redirect(request.path + f"#r{registration.pk}")
    registrations = session.registrations.filter(
        status__in=[Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW]
    ).order_by("last_name", "first_name")
    return TemplateResponse(
        request, "events/admin/checkin.html", {"session": session, "registrations": registrations}
    )


@staff_required(roles.can_record_attendance)
def attendance_pdf_view(request, pk, day):
    session = get_object_or_404(Session.objects.select_related("page"), pk=pk)
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    if date not in documents.session_days(session):
        raise Http404
    pdf = documents.attendance_pdf(session, date)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lista-obecnosci-{session.pk}-{day}.pdf"'
    return response


@staff_required(roles.can_export_registrations)
def export_view(request, pk, fmt):
    session = get_object_or_404(Session.objects.select_related("page"), pk=pk)
    if fmt not in spreadsheets.CONTENT_TYPES:
        raise Http404
    sheets = [("Zgłoszenia", documents.registrations_table(session))]
    return spreadsheets.download(sheets, fmt, f"zgloszenia-{session.pk}")


@staff_required(roles.can_manage_registrations)
@require_POST
def registration_action_view(request, pk, action):
    registration = get_object_or_404(Registration.objects.select_related("session"), pk=pk)
    try:
        if action == "approve":
            approve(registration)
        elif action == "cancel":
            cancel(registration, by_staff=True, reason="staff")
        elif action == "move":
            target = get_object_or_404(
                Session.objects.filter(page_id=registration.session.page_id),
                pk=parse_id(request.POST.get("target")),
            )
            move_registration(registration, target)
        else:
            raise Http404
        messages.success(request, _("Done."))
    except RegistrationError as exc:
        messages.error(request, exc.message)
    return redirect("events_admin:session", pk=registration.session_id)


@staff_required(roles.can_manage_registrations)
def cancel_session_view(request, pk):
    session = get_object_or_404(Session.objects.select_related("page"), pk=pk)
    if request.method == "POST":
        count = cancel_session(session)
        messages.success(
            request,
            _("The session is cancelled; %(count)s people are being notified.") % {"count": count},
        )
        return redirect("events_admin:session", pk=pk)
    return TemplateResponse(request, "events/admin/cancel_session.html", {"session": session})
