"""One way to build every e-mail the platform sends (accounts, courses, certificates, events,
newsletter confirmations and issues, proposals).

Why one helper: a message is only proven sendable once it is turned into bytes, which the
in-memory test backend never does. The calendar invites broke exactly there (a MIME part holding
non-ASCII text without a transfer encoding cannot be serialised), so every part that is not plain
Django text/HTML/file goes through here, and the tests send each kind through a real SMTP server
(`tests/mail_sink.py`) and parse what arrives.

Callers are tasks (django-q2, queued after commit); nothing here runs in a request.
"""

from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


def one_line(text):
    """A header value on one line: a newline in a page title must not end the Subject header
    (Django refuses such a header, and the task would fail)."""
    return " ".join(str(text).split())


def calendar_part(content, method, filename="zaproszenie.ics"):
    """An iCalendar attachment (RFC 5545/6047) as a MIME part.

    `content` is the UTF-8 bytes `icalendar` produces. MIMEText with the utf-8 charset chooses a
    transfer encoding (base64), so Polish letters and dashes in a title survive any SMTP server;
    `method` is repeated as a Content-Type parameter because calendar programs read it there
    to tell an invitation (REQUEST) from a cancellation (CANCEL)."""
    part = MIMEText(content.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.set_param("name", filename)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def build(
    *,
    subject,
    text,
    to,
    html=None,
    attachments=(),
    calendars=(),
    from_email=None,
    headers=None,
    connection=None,
):
    """An e-mail with a plain-text body, an optional HTML alternative, file attachments
    (`(name, bytes, mimetype)`) and calendar parts (`(ics bytes, method)`)."""
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=text,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        headers=headers or {},
        connection=connection,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for content, method in calendars:
        message.attach(calendar_part(content, method))
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message


def send(**kwargs):
    """Build and send one message (see `build`); returns the number sent (0 or 1)."""
    return build(**kwargs).send()
