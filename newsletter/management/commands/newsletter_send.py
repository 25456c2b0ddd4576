"""`manage.py newsletter_send <dispatch id>`: run the send loop of a dispatch in this process until
it is done (the same service the django-q2 task runs). Useful to resume a send by hand and used
by the crash test and the benchmark. Safe to start again after a crash."""

import time

from django.core.mail import get_connection
from django.core.management.base import BaseCommand

from newsletter.sending.loop import run_dispatch


class Command(BaseCommand):
    help = "Send (or resume sending) a newsletter dispatch in this process."

    def add_arguments(self, parser):
        parser.add_argument("dispatch_id", type=int)
        parser.add_argument(
            "--wait", type=float, default=120, help="How long to wait for another worker's lease."
        )
        parser.add_argument(
            "--smtp", help="host:port of an SMTP server to use instead of the settings"
        )
        parser.add_argument("--batch-size", type=int)
        parser.add_argument("--rate", type=float, help="messages per second")
        parser.add_argument("--lease-seconds", type=int)
        parser.add_argument("--connections", type=int, help="parallel SMTP connections")

    def handle(
        self,
        *args,
        dispatch_id,
        wait,
        smtp,
        batch_size,
        rate,
        lease_seconds,
        connections,
        **options,
    ):
        factory = None
        if smtp:
            host, port = smtp.rsplit(":", 1)

            def factory():
                return get_connection(
                    "django.core.mail.backends.smtp.EmailBackend",
                    host=host,
                    port=int(port),
                    timeout=10,
                )

        deadline = time.monotonic() + wait
        while True:
            result = run_dispatch(
                dispatch_id,
                connection_factory=factory,
                connections=connections,
                batch_size=batch_size,
                rate=rate,
                lease_seconds=lease_seconds,
            )
            if result == "busy" and time.monotonic() < deadline:
                time.sleep(0.5)
                continue
            if result == "waiting" and time.monotonic() < deadline:
                time.sleep(1)
                continue
            self.stdout.write(result)
            return
