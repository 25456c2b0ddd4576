"""Benchmark: response time of the programme dashboard with 10,000 participants and 100,000
training records (the dashboard's own ledger rows, 10 per person).

`run(base_url, python)` builds a throw-away database (SQLite in a temporary folder, or the
database of $BENCH_DATABASE_URL), fills it, starts a server on it and times GET /admin/wskazniki/
over HTTP as a logged-in member of "Programme staff". `base_url` is not used: the running
site's own database does not hold the 10,000 participants the figure is defined for.

Run alone: `.venv/bin/python bench/dashboard.py`.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = 10_000
RECORDS_PER_PERSON = 10
REQUESTS = 10


def _seed():
    """Runs inside the child process: migrate, fill, print a session key."""
    import datetime

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from dashboard.models import Person, RecordInstrument, TrainingRecord

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    # A reused database ($BENCH_DATABASE_URL) may hold a previous run.
    TrainingRecord.objects.filter(source_key__startswith="bench:").delete()
    Person.objects.filter(key__startswith="p", key__endswith="@example.pl").delete()
    staff = get_user_model().objects.filter(username="bench").first()
    if staff is None:
        staff = get_user_model().objects.create_user(
            username="bench",
            email="bench@example.pl",
            password="bench-only-password",  # noqa: S106
        )
    staff.groups.add(Group.objects.get(name="Programme staff"))
    persons = Person.objects.bulk_create(
        [
            Person(
                key=f"p{i}@example.pl",
                email=f"p{i}@example.pl",
                first_name="Osoba",
                last_name=str(i),
                gender="fm"[i % 2],
                age_group=("-24", "25-34", "35-44", "45-54", "55-")[i % 5],
                countable=i % 9 != 0,
                missing="" if i % 9 else "position",
            )
            for i in range(PEOPLE)
        ],
        batch_size=2000,
    )
    records = []
    for i, person in enumerate(persons):
        for k in range(RECORDS_PER_PERSON):
            n = i * RECORDS_PER_PERSON + k
            records.append(
                TrainingRecord(
                    person=person,
                    source=("course", "attendance")[n % 2],
                    source_key=f"bench:{n}",
                    title="Szkolenie",
                    organisation_type=("jst", "ngo", "other")[i % 3],
                    voivodeship=f"{2 * (1 + n % 16):02d}",
                    format=("e-learning", "online", "stacjonarne", "hybrydowe")[n % 4],
                    date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 700),
                )
            )
    records = TrainingRecord.objects.bulk_create(records, batch_size=5000)
    RecordInstrument.objects.bulk_create(
        [
            RecordInstrument(record=r, slug=("regranting", "male-granty", "inicjatywa")[n % 3])
            for n, r in enumerate(records)
        ],
        batch_size=5000,
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        # As autovacuum would after a bulk load: fresh statistics for the planner.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    session = SessionStore()
    session["_auth_user_id"] = str(staff.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = staff.get_session_auth_hash()
    session.create()
    print(json.dumps({"session": session.session_key}))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, session):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})  # noqa: S310
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (local)
        response.read()
        status = response.status
    return status, (time.perf_counter() - started) * 1000


def run(base_url=None, python=None):
    python = python or sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "VAR_DIR": tmp,
            "MEDIA_ROOT": str(Path(tmp) / "media"),
        }
        if os.environ.get("BENCH_DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        else:
            env.pop("DATABASE_URL", None)
        seeded = subprocess.run(  # noqa: S603
            [python, __file__, "--seed"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        session = json.loads(seeded.stdout.strip().splitlines()[-1])["session"]
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603
            [python, "manage.py", "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/admin/wskazniki/"
            for _ in range(100):
                try:
                    status, _ms = _get(url, session)  # also the warm-up request
                    break
                except OSError:
                    time.sleep(0.3)
            else:
                raise RuntimeError("the benchmark server did not start")
            if status != 200:
                raise RuntimeError(f"dashboard answered {status}")
            timings = [_get(url, session)[1] for _ in range(REQUESTS)]
            people_url = f"http://127.0.0.1:{port}/admin/wskazniki/osoby/?indicator=all"
            people = [_get(people_url, session)[1] for _ in range(3)]
        finally:
            server.terminate()
            server.wait(timeout=10)
    return [
        {
            "name": "dashboard page, median (10,000 participants, 100,000 records)",
            "value": round(statistics.median(timings), 1),
            "unit": "ms",
        },
        {"name": "dashboard page, slowest of 10", "value": round(max(timings), 1), "unit": "ms"},
        {
            "name": "dashboard list of all trained people, median",
            "value": round(statistics.median(people), 1),
            "unit": "ms",
        },
    ]


if __name__ == "__main__":
    if "--seed" in sys.argv:
        sys.path.insert(0, str(ROOT))
        _seed()
    else:
        for row in run():
            print(f"{row['name']}: {row['value']} {row['unit']}")  # noqa: T201
