"""Benchmark: one newsletter issue delivered to 10,000 confirmed subscribers through a local SMTP
sink (aiosmtpd), by the same worker command that resumes sends (`manage.py newsletter_send`),
at the configured rate (NEWSLETTER_SEND_RATE). Reports the wall time, messages per second, the
worker process's peak memory (max RSS) and its CPU time per message. Target: 10,000 in <= 60 s,
<= 300 MB.

The data lives in a temporary SQLite database unless NEWSLETTER_BENCH_DATABASE_URL names an
(empty, disposable) PostgreSQL database.
"""

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECIPIENTS = 10_000

SETUP = """
import django
django.setup()
from unittest import mock
from wagtail.models import Page
from newsletter.models import Dispatch, NewsletterIndexPage, NewsletterList, NewsletterPage, Subscriber
from newsletter.sending.dispatch import prepare_dispatch, start_dispatch
root = Page.get_first_root_node()
index = NewsletterIndexPage(title="Newsletter", slug="bench-newsletter")
root.add_child(instance=index)
issue = NewsletterPage(title="Wydanie testowe", slug="wydanie", preheader="Bench", body=[
    ("heading", "Najważniejsze informacje"),
    ("paragraph", "<p>" + "Treść wydania z <a href='/kursy/'>linkiem</a>. " * 40 + "</p>"),
    ("button", {"text": "Zobacz", "page": None, "url": "https://example.org/"}),
])
index.add_child(instance=issue)
issue.save_revision().publish()
lst = NewsletterList.objects.create(name="Wszyscy", slug="bench")
Subscriber.objects.bulk_create(
    (Subscriber(email=f"odbiorca{i:05d}@example.pl", status="confirmed") for i in range(%(n)d)),
    batch_size=2000,
)
through = Subscriber.lists.through
through.objects.bulk_create(
    (through(subscriber_id=pk, newsletterlist_id=lst.pk)
     for pk in Subscriber.objects.values_list("pk", flat=True)),
    batch_size=2000,
)
dispatch = Dispatch.objects.create(page=issue)
dispatch.lists.add(lst)
with mock.patch("newsletter.sending.dispatch.enqueue"):
    start_dispatch(dispatch.pk)
    prepare_dispatch(dispatch.pk)
print(dispatch.pk)
"""


class _Counter:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += len(envelope.rcpt_tos)
        return "250 OK"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(base_url=None, python=None, recipients=RECIPIENTS, rate=None):
    from aiosmtpd.controller import Controller

    python = python or sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("NEWSLETTER_BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PYTHONWARNINGS": "ignore",
        }
        if url.startswith("postgres"):
            # The named database is disposable (see the module docstring): start it empty.
            reset = "from django.db import connection as c; c.cursor().execute('DROP SCHEMA public CASCADE; CREATE SCHEMA public')"
            subprocess.run(
                [python, "-c", f"import django; django.setup(); {reset}"],
                cwd=ROOT,
                env=env,
                check=True,
            )
        subprocess.run(
            [python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        subprocess.run([python, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
        setup = subprocess.run(
            [python, "-c", SETUP % {"n": recipients}],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if setup.returncode:
            raise RuntimeError("newsletter bench setup failed:\n" + setup.stderr[-3000:])
        dispatch_id = setup.stdout.strip().splitlines()[-1]
        handler = _Counter()
        port = _free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            command = [
                python,
                "manage.py",
                "newsletter_send",
                dispatch_id,
                f"--smtp=127.0.0.1:{port}",
            ]
            if rate:
                command.append(f"--rate={rate}")
            started = time.monotonic()
            worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
            _pid, status, usage = os.wait4(worker.pid, 0)
            elapsed = time.monotonic() - started
            worker.returncode = os.waitstatus_to_exitcode(status)
            time.sleep(0.2)
        finally:
            controller.stop()
        if worker.returncode != 0 or handler.count != recipients:
            raise RuntimeError(
                f"newsletter bench: worker exit {worker.returncode}, {handler.count} received"
            )
    peak_mb = usage.ru_maxrss / 1024  # Linux reports kilobytes
    # The worker's own CPU (user + system, start-up included): steadier than the wall time on a
    # busy machine.
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000 / recipients
    return [
        {
            "name": f"newsletter: delivery to {recipients:,} subscribers",
            "value": round(elapsed, 1),
            "unit": "s",
        },
        {
            "name": "newsletter: messages per second",
            "value": round(recipients / elapsed),
            "unit": "msg/s",
        },
        {"name": "newsletter: worker peak memory", "value": round(peak_mb), "unit": "MB"},
        {"name": "newsletter: worker CPU per message", "value": round(cpu_ms, 2), "unit": "ms"},
    ]


if __name__ == "__main__":
    for row in run(recipients=int(sys.argv[1]) if len(sys.argv) > 1 else RECIPIENTS):
        print(f"{row['name']}: {row['value']} {row['unit']}")
