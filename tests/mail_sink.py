"""A real SMTP server (aiosmtpd on a loopback port) that keeps every message it accepts as bytes
and parses them back, so a test sees what a mail program would: the decoded subject, the text
and HTML parts, the attachments. The in-memory backend never serialises a message, which is how
calendar invites that could not be encoded passed every test (see cms/mail.py)."""

import email
import socket
import threading
from email import policy

from aiosmtpd.controller import Controller
from icalendar import Calendar


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self):
        self.raw = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.raw.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


class Received:
    """One message as it arrived."""

    def __init__(self, mail_from, recipients, data):
        self.mail_from = mail_from
        self.recipients = recipients
        self.data = data
        self.message = email.message_from_bytes(data, policy=policy.default)

    @property
    def subject(self):
        return str(self.message["Subject"])

    def header(self, name):
        value = self.message[name]
        return None if value is None else str(value).strip()

    def _body(self, subtype):
        part = self.message.get_body(preferencelist=(subtype,))
        if part is None or part.get_content_subtype() != subtype:
            return None
        return part.get_content()

    @property
    def text(self):
        return self._body("plain")

    @property
    def html(self):
        return self._body("html")

    def attachments(self, content_type=None):
        """[(filename, content type, decoded bytes)] of the parts that are not the body."""
        found = []
        for part in self.message.iter_attachments():
            if content_type and part.get_content_type() != content_type:
                continue
            found.append(
                (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
            )
        return found

    def part_params(self, content_type):
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return dict(part.get_params() or [])
        return None


class MailSink:
    def __init__(self):
        self.handler = _Handler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def messages(self):
        with self.handler.lock:
            return [Received(*item) for item in self.handler.raw]

    def only(self):
        received = self.messages
        assert len(received) == 1, f"expected one message, got {len(received)}"
        return received[0]

    def to(self, address):
        return [m for m in self.messages if address in m.recipients]

    def clear(self):
        with self.handler.lock:
            self.handler.raw.clear()


def serialised(django_message):
    """A Django message (e.g. from mail.outbox) turned into bytes and parsed back, as SMTP
    would carry it."""
    return Received(None, list(django_message.recipients()), django_message.message().as_bytes())


def calendar_methods(django_message):
    """The METHOD of each calendar attachment of a Django message, read from its bytes."""
    return [
        str(Calendar.from_ical(data)["method"])
        for _name, _type, data in serialised(django_message).attachments("text/calendar")
    ]
