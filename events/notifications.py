"""E-mails to registrants, built in the person's language, HTML and plain text, with the
calendar file attached where the calendar must change. Called only from `events.tasks`."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cms import mail
from events import ics
from events.models import Registration, Session
from events.tokens import make_token


def _when(session):
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    return f"{formats.date_format(start, 'l, j E Y, H:i')}–{formats.time_format(end, 'H:i')}"


def _where(session):
    return _("online") if session.online else session.address


def _texts(kind, registration, session, title):
    """(subject, paragraphs, invite method or None) for each kind of message."""
    offer_until = (
        formats.date_format(timezone.localtime(registration.offer_expires_at), "j E Y, H:i")
        if registration.offer_expires_at
        else ""
    )
    table = {
        "pending": (
            _("Confirm your registration: %(title)s"),
            [
                _(
                    "Thank you for registering. Open the link below and press the button to confirm your e-mail address. Until then, no seat is reserved."
                )
            ],
            None,
        ),
        "approval": (
            _("Registration received: %(title)s"),
            [
                _(
                    "Thank you. The organisers review each registration for this training; we will write to you with their decision."
                )
            ],
            None,
        ),
        "confirmed": (
            _("Your seat is confirmed: %(title)s"),
            [_("Your seat is confirmed. The calendar invitation is attached.")],
            "REQUEST",
        ),
        "waitlisted": (
            _("You are on the waiting list: %(title)s"),
            [
                _(
                    "The session is full, so you are on the waiting list. When a seat frees, we will offer it to you by e-mail."
                )
            ],
            None,
        ),
        "offered": (
            _("A seat is free for you: %(title)s"),
            [
                _(
                    "A seat has become free. Take it using the link below by %(until)s; after that it goes to the next person."
                )
                % {"until": offer_until}
            ],
            None,
        ),
        "offer_expired": (
            _("Your seat offer has expired: %(title)s"),
            [
                _(
                    "The seat offer was not taken in time, so it has passed to the next person. You can register again if seats are available."
                )
            ],
            None,
        ),
        "reminder": (
            _("Reminder: %(title)s starts soon"),
            [_("The training starts within 24 hours. We look forward to seeing you.")],
            "REQUEST",
        ),
        "changed": (
            _("Change of date or place: %(title)s"),
            [
                _(
                    "The date or place of your session has changed. The updated calendar invitation is attached."
                )
            ],
            "REQUEST",
        ),
        "moved": (
            _("Your registration was moved: %(title)s"),
            [
                _(
                    "The organisers have moved your registration to another session. The updated calendar invitation is attached."
                )
            ],
            "REQUEST",
        ),
        "cancelled": (
            _("Registration cancelled: %(title)s"),
            [_("Your registration has been cancelled.")],
            "CANCEL",
        ),
        "session_cancelled": (
            _("Session cancelled: %(title)s"),
            [
                _(
                    "We are sorry: this session has been cancelled. Your registration is cancelled as well. Please check the training page for other dates."
                )
            ],
            "CANCEL",
        ),
        "certificate": (
            _("Your attendance certificate: %(title)s"),
            [_("Thank you for taking part. Your certificate of attendance is attached.")],
            None,
        ),
    }
    subject, paragraphs, method = table[kind]
    return subject % {"title": title}, paragraphs, method


def send_registration_email(registration_id, kind, old_session_id=None, attachments=()):
    registration = (
        Registration.objects.select_related("session__page").filter(pk=registration_id).first()
    )
    if registration is None or registration.anonymised_at:
        return False
    session = registration.session
    language = registration.language or settings.LANGUAGE_CODE
    page = session.page.for_language(language)
    with translation.override(language):
        subject, paragraphs, method = _texts(kind, registration, session, page.title)
        link = settings.BASE_URL + reverse("events:registration", args=[make_token(registration)])
        page_url = page.full_url or ""
        context = {
            "registration": registration,
            "session": session,
            "subject": subject,
            "paragraphs": paragraphs,
            "when": _when(session),
            "where": _where(session),
            "link": link,
            "page_url": page_url,
            "page_title": page.title,
            "show_join": kind in ("confirmed", "reminder", "changed", "moved") and session.online,
            "language": language,
        }
        text = render_to_string("events/email/message.txt", context)
        html = render_to_string("events/email/message.html", context)
    calendars = []
    if method == "REQUEST" or (method == "CANCEL" and registration.email_confirmed_at):
        if kind == "moved" and old_session_id:
            old = Session.objects.select_related("page").filter(pk=old_session_id).first()
            if old is not None:
                calendars.append((ics.invite(registration, cancel=True, session=old), "CANCEL"))
        content = ics.invite(
            registration, cancel=method == "CANCEL", page_url=page_url, summary=page.title
        )
        calendars.append((content, method))
    mail.send(
        subject=subject,
        text=text,
        html=html,
        to=[registration.email],
        calendars=calendars,
        attachments=attachments,
    )
    return True
