"""A local SMTP sink (aiosmtpd) that records every accepted recipient, for sending tests."""

import socket
import threading

from aiosmtpd.controller import Controller


class RecordingHandler:
    def __init__(self):
        self.recipients = []
        self.headers_ok = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        content = envelope.content.decode("utf-8", "replace") if envelope.content else ""
        with self._lock:
            self.recipients.extend(envelope.rcpt_tos)
            if "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in content:
                self.headers_ok += 1
        return "250 Message accepted"

    def count(self):
        with self._lock:
            return len(self.recipients)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_sink():
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, handler
