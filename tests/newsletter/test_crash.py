"""The crash test: a real worker process sending to 500 subscribers through a local SMTP sink is
killed with SIGKILL midway and started again; every address must arrive exactly once, and every
row end as sent. A message in flight at the kill had not reached its final dot, so the server
discarded it and the restarted worker sends it (see the two phases in newsletter.sending). The
only message that could be lost is one killed in the short window between its "sent" commit and
the write of its dot (tens of microseconds when idle, more on a CPU-starved machine); this test
then fails and names it.

Opt-in (`@pytest.mark.crash`, run with `-m crash`), not made deterministic: its point is a real
SIGKILL of a real process at whatever moment it lands, which no scripted failure can stand in
for (the deterministic cases, a death at a chosen point of the two phases, are in
test_two_phase.py). Under CPU starvation the kill can land in the documented window and the
test then fails by design, so it stays out of the default run and `.ci/run` runs it on its own
with up to 3 attempts, printing each attempt's result."""

import collections
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection

from newsletter.models import Delivery, Dispatch, NewsletterList, Subscriber
from newsletter.sending.dispatch import prepare_dispatch, start_dispatch

from .smtp_sink import start_sink

ROOT = Path(__file__).resolve().parents[2]
N = 500
LANES = 4


def database_url(tmp_path):
    """A URL the worker process can open: the test database itself on PostgreSQL, a file copy
    of the in-memory test database on SQLite."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        host = settings["HOST"] or "127.0.0.1"
        return f"postgres://{user}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}", None
    path = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}", path


def statuses(path, dispatch_id):
    if path is None:
        return dict(Delivery.objects.filter(dispatch_id=dispatch_id).values_list("email", "status"))
    with sqlite3.connect(path) as db:
        return dict(
            db.execute(
                "SELECT email, status FROM newsletter_delivery WHERE dispatch_id = ?",
                (dispatch_id,),
            ).fetchall()
        )


@pytest.mark.crash
@pytest.mark.django_db(transaction=True)
def test_worker_killed_midway_and_restarted_sends_each_address_once(issue, tmp_path):
    lst = NewsletterList.objects.create(name="Wszyscy", slug="crash")
    Subscriber.objects.bulk_create(
        Subscriber(email=f"osoba{i:03d}@example.pl", status="confirmed") for i in range(N)
    )
    lst.subscribers.add(*Subscriber.objects.filter(email__startswith="osoba"))
    dispatch = Dispatch.objects.create(page=issue)
    dispatch.lists.add(lst)
    with mock.patch("newsletter.sending.dispatch.enqueue"):  # the worker process does the sending
        start_dispatch(dispatch.pk)
        prepare_dispatch(dispatch.pk)
    assert Delivery.objects.filter(dispatch=dispatch).count() == N

    url, sqlite_path = database_url(tmp_path)
    controller, sink = start_sink()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONWARNINGS": "ignore",
    }
    command = [
        sys.executable,
        "manage.py",
        "newsletter_send",
        str(dispatch.pk),
        f"--smtp=127.0.0.1:{controller.port}",
        "--batch-size=20",
        "--rate=250",
        "--lease-seconds=2",
        f"--connections={LANES}",
    ]
    try:
        log = tmp_path / "worker.log"
        with open(log, "wb") as out:
            worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        deadline = time.monotonic() + 120
        while sink.count() < N // 3 and worker.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert worker.poll() is None, log.read_text()[-3000:]
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        at_kill = sink.count()
        assert 0 < at_kill < N, "the worker must die midway"

        restarted = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=300)
        assert restarted.returncode == 0, restarted.stderr.decode()[-3000:]
        assert restarted.stdout.decode().strip() == "done"
        time.sleep(0.2)  # let the sink finish its last transaction
    finally:
        controller.stop()

    received = collections.Counter(sink.recipients)
    duplicates = {email: n for email, n in received.items() if n > 1}
    assert not duplicates
    rows = statuses(sqlite_path, dispatch.pk)
    assert len(rows) == N
    missing = {email: rows[email] for email in set(rows) - set(received)}
    # A row "sent" here but never received was killed between its commit and its final dot:
    # the window the module docstring of newsletter.sending describes.
    assert not missing, f"never received (address: row status): {missing}"
    assert set(rows.values()) == {"sent"}
    assert sink.headers_ok == N
    # Shown with -s: how the run went (the kill lands at a random point of a message).
    sys.stdout.write(f"killed after {at_kill} messages; received {len(received)} once each\n")
