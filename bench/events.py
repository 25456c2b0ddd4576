"""Training events benchmark.

1. Registrations per second on PostgreSQL with 50 concurrent clients, and the overbooking count
   (must be 0). Runs `events.registration.register` – the real capacity rule (check, take a place,
   insert) – from 50 threads, each with its own database connection, against a 100-seat session (500
   registrations: 100 confirmed, 400 waitlisted). Queueing the e-mail task is stubbed so the
   figure measures the capacity rule, not the task broker. The database is
   `BENCH_EVENTS_DATABASE_URL` (default: a local PostgreSQL database mwf_bench_events, created
   when missing); it is migrated first and the bench rows are deleted afterwards.
2. Event page requests per second against the running site at `base_url` (wrk when installed,
   otherwise Python threads), on the first training linked from /wydarzenia/.
3. In-process, on the site's own database (DJANGO_SETTINGS_MODULE as the site runs): the SQL
   queries of one warm request and the CPU time per request (time.process_time over 40 requests
   through Django's test client, the least of five batches of 20) of /wydarzenia/ and of that training page, figures that do not
   depend on the machine's load as much as requests per second do.

`run(base_url, python)` returns [{name, value, unit}]. `python bench/events.py registrations`
runs part 1 alone and prints JSON, `python bench/events.py pages` part 3.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/mwf_bench_events"
CLIENTS = 50
PER_CLIENT = 10
CAPACITY = 100
# A production server behind its proxy redirects plain HTTP; say the proxy terminated TLS.
PROTO = os.environ.get("BENCH_FORWARDED_PROTO", "https")


def _registrations():
    """Runs inside a subprocess with Django set up on PostgreSQL."""
    import datetime

    import django

    sys.path.insert(0, str(ROOT))
    from common import ensure_database  # bench/ is this script's folder

    ensure_database(os.environ["DATABASE_URL"])  # a fresh machine has no bench database
    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    if connection.vendor != "postgresql":
        raise SystemExit("the registration benchmark needs PostgreSQL")

    from wagtail.models import Page

    from events import announcements, registration
    from events.models import EventPage, Registration, Session, Status

    announcements.enqueue = lambda *args, **kwargs: None  # measure the rule, not the broker
    announcements.announce = lambda *args, **kwargs: None
    root = Page.get_first_root_node()
    page = EventPage(title="Benchmark", slug=f"bench-{int(time.time())}", live=True)
    start = timezone.now() + datetime.timedelta(days=30)
    root.add_child(instance=page)
    session = Session.objects.create(
        page=page,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        online=True,
        capacity=CAPACITY,
    )
    barrier = threading.Barrier(CLIENTS)
    errors = []

    def client(n):
        try:
            barrier.wait()
            for i in range(PER_CLIENT):
                registration.register(
                    session.pk,
                    email=f"bench{n}-{i}@example.pl",
                    first_name="B",
                    last_name="B",
                    email_verified=True,
                )
        except Exception as exc:  # noqa: BLE001 - reported in the result
            errors.append(repr(exc))
        finally:
            connections.close_all()

    # 50 clients, each with its own connection (threads: 50 processes on a small machine
    # measured the scheduler rather than the database).
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    rows = Registration.objects.filter(session=session)
    total = rows.count()
    confirmed = rows.filter(status=Status.CONFIRMED).count()
    duplicates = total - rows.values("email").distinct().count()
    result = {
        "per_second": total / elapsed,
        "total": total,
        "confirmed": confirmed,
        "overbooked": max(0, confirmed - CAPACITY) + duplicates,
        "errors": errors[:3],
    }
    rows.delete()
    session.delete()
    page.delete()
    print(json.dumps(result))


def _pages():
    """Runs inside a subprocess with Django set up on the site's database."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost", headers={"X-Forwarded-Proto": PROTO})
    html = client.get("/wydarzenia/", secure=PROTO == "https").content.decode()
    match = re.search(r'<h3><a href="(/wydarzenia/[^"]+/)">', html)
    if not match:
        raise SystemExit("no training linked from /wydarzenia/ (load the demo content)")
    result = {}
    for name, path in (("index", "/wydarzenia/"), ("page", match.group(1))):
        for _ in range(3):  # the site chrome's caches settle on the second visit
            client.get(path, secure=PROTO == "https")
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(path, secure=PROTO == "https").status_code
        queries = len(ctx.captured_queries)  # now: later requests roll the bounded query log
        batches = []
        for _ in range(5):  # the least disturbed of five batches of 20
            began = time.process_time()
            for _ in range(20):
                client.get(path, secure=PROTO == "https")
            batches.append((time.process_time() - began) / 20 * 1000)
        result[name] = {"status": status, "queries": queries, "cpu_ms": min(batches)}
    print(json.dumps(result))


def _page_url(base):
    request = urllib.request.Request(base + "/wydarzenia/", headers={"X-Forwarded-Proto": PROTO})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        html = response.read().decode()
    match = re.search(r'<h3><a href="(/wydarzenia/[^"]+/)">', html)
    if not match:
        raise RuntimeError("no training linked from /wydarzenia/ (load the demo content)")
    return base + match.group(1)


def _page_rps(url, seconds=10):
    if shutil.which("wrk"):
        out = subprocess.run(
            ["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", f"X-Forwarded-Proto: {PROTO}", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if non2xx:
            raise RuntimeError(f"event page: {non2xx.group(1)} failed responses")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    count = [0]
    stop = time.perf_counter() + seconds

    def worker():
        while time.perf_counter() < stop:
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": PROTO})  # noqa: S310
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
            count[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0] / seconds


def run(base_url, python):
    base = base_url.rstrip("/")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": os.environ.get("BENCH_EVENTS_DATABASE_URL", DEFAULT_DB),
    }
    env.pop("REDIS_URL", None)
    out = subprocess.run(
        [python, str(Path(__file__).resolve()), "registrations"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    reg = json.loads(out.strip().splitlines()[-1])
    results = [
        {
            "name": f"events: registrations/s, PostgreSQL, {CLIENTS} concurrent clients",
            "value": round(reg["per_second"], 1),
            "unit": "registrations/s",
        },
        {
            "name": "events: overbooked or duplicate registrations",
            "value": reg["overbooked"],
            "unit": "count",
        },
    ]
    pages = subprocess.run(
        [python, str(Path(__file__).resolve()), "pages"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "config.settings.dev"
            ),
        },
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    measured = json.loads(pages.strip().splitlines()[-1])
    for name, label in (("index", "event index"), ("page", "event page")):
        results.append(
            {
                "name": f"events: {label}: SQL queries (warm)",
                "value": measured[name]["queries"],
                "unit": "queries",
            }
        )
        results.append(
            {
                "name": f"events: {label}: CPU per request (in-process)",
                "value": round(measured[name]["cpu_ms"], 1),
                "unit": "ms",
            }
        )
    url = _page_url(base)
    _page_rps(url, seconds=2)  # warm-up
    results.append(
        {"name": "events: event page", "value": round(_page_rps(url), 1), "unit": "req/s"}
    )
    return results


if __name__ == "__main__":
    if sys.argv[1:] == ["registrations"]:
        _registrations()
    elif sys.argv[1:] == ["pages"]:
        _pages()
    else:
        print(
            json.dumps(
                run(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000", sys.executable)
            )
        )
