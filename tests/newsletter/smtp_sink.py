"""A local SMTP sink (aiosmtpd) that records every accepted recipient, for sending tests. It can
refuse chosen addresses after the end of the message (`refuse`: address -> reply) and answer late
(`delay` seconds after taking a message), to test what happens after the final dot."""

import asyncio
import threading

from aiosmtpd.controller import Controller

from tests.mail_sink import free_port


class RecordingHandler:
    def __init__(self, refuse=None, delay=0):
        self.recipients = []
        self.refused = []
        self.headers_ok = 0
        self.refuse = refuse or {}
        self.delay = delay
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        content = envelope.content.decode("utf-8", "replace") if envelope.content else ""
        for address in envelope.rcpt_tos:
            if address in self.refuse:
                with self._lock:
                    self.refused.append(address)
                return self.refuse[address]
        with self._lock:
            self.recipients.extend(envelope.rcpt_tos)
            if "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in content:
                self.headers_ok += 1
        if self.delay:  # the message is taken; the answer comes late
            await asyncio.sleep(self.delay)
        return "250 Message accepted"

    def count(self):
        with self._lock:
            return len(self.recipients)


def start_sink(**options):
    handler = RecordingHandler(**options)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, handler
