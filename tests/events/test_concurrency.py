"""The capacity rule under real concurrency (PostgreSQL): 50 people at once for 10 seats."""

import threading

import pytest
from django.db import connection, connections

from events.errors import RegistrationError
from events.models import Registration, Status
from events.registration import register
from events.seats import seats_taken

from .conftest import make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_fifty_parallel_registrations_never_overbook(event_index):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Row locks (the conditional UPDATE, SELECT ... FOR UPDATE) only exist on PostgreSQL; "
            "SQLite serialises writers instead (see events/seats.py). Run with "
            "DATABASE_URL=postgres://..."
        )
    page = make_event(event_index, sessions=[{"capacity": 10}])
    session = page.sessions.get()
    people = [f"osoba{i}@example.pl" for i in range(50)]
    # Five people press the button twice at the same moment.
    attempts = people + people[:5]
    barrier = threading.Barrier(len(attempts))
    results, errors = [], []
    lock = threading.Lock()

    def attempt(email):
        try:
            barrier.wait()
            r = register(
                session.pk,
                email=email,
                first_name="Jan",
                last_name="Kowalski",
                email_verified=True,
            )
            with lock:
                results.append(r)
        except RegistrationError as exc:
            with lock:
                errors.append(exc.code)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=attempt, args=(e,)) for e in attempts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    rows = list(Registration.objects.filter(session=session).order_by("id"))
    assert len(rows) == 50 and len({r.email for r in rows}) == 50  # no duplicates
    assert errors == ["duplicate"] * 5
    confirmed = [r for r in rows if r.status == Status.CONFIRMED]
    waitlisted = [r for r in rows if r.status == Status.WAITLISTED]
    assert len(confirmed) == 10 and len(waitlisted) == 40
    # Arrival order: the first ten through the lock got the seats, the rest queue behind them
    # in the order they arrived.
    assert max(r.id for r in confirmed) < min(r.id for r in waitlisted)
    assert [r.id for r in sorted(waitlisted, key=lambda r: (r.waitlisted_at, r.id))] == [
        r.id for r in waitlisted
    ]
    assert seats_taken(session) == 10
