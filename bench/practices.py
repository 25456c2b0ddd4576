"""Good-practice catalogue benchmark.

The catalogue page with two filters and a search term
(`/dobre-praktyki/?instrument=<first instrument>&woj=12&q=gmina`) over 10,000 generated
practices, against the running site at `base_url`, uncached, 8 connections: requests per
second, p95 and p99 latency (wrk with a Lua percentile report when installed, otherwise Python
threads), and the number of SQL queries one such request runs (counted in a subprocess with
Django's test client on the same database).

The catalogue caches its facet counts per filter combination under a version that every change
of a practice renews (practices/catalogue.py), so repeated requests for one URL, as in the load
test, read the counts from the cache. The same subprocess therefore also reports the CPU time of
one request in-process (independent of what else the machine runs): with the counts cached, and
with the counts recomputed (the catalogue's version renewed before each request, as after an
editor publishes), which is what the first visitor of a filter combination pays.

First `python manage.py generate_load_data` tops the site's database up to 10,000 generated
practices (it adds nothing when they exist). The database is whatever the environment points
the site at (DATABASE_URL), so the same bench measures SQLite and PostgreSQL.

`run(base_url, python)` returns [{name, value, unit}]; `python bench/practices.py [base_url]`
prints them.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("BENCH_PRACTICES_COUNT", "10000"))
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = 8
CATALOGUE_PATH = os.environ.get("BENCH_PRACTICES_PATH", "/dobre-praktyki/")

_QUERY_COUNTER = """
import json, sys, time
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from practices import catalogue
from practices.models import Instrument
instrument = Instrument.objects.order_by("sort_order", "name").first()
params = {"instrument": instrument.slug, "woj": "12", "q": "gmina"}
client = Client(HTTP_HOST="localhost")
client.get(sys.argv[1], params)
with CaptureQueriesContext(connection) as ctx:
    response = client.get(sys.argv[1], params)
queries = len(ctx.captured_queries)  # now: the log is a bounded deque that later requests roll


def cpu_ms(n, recount):
    began = time.process_time()
    for _ in range(n):
        if recount:
            catalogue.bump_version()
        client.get(sys.argv[1], params)
    return (time.process_time() - began) / n * 1000


for _ in range(3):
    client.get(sys.argv[1], params)
print(json.dumps({"status": response.status_code, "queries": queries,
                  "query": "instrument=%s&woj=12&q=gmina" % instrument.slug,
                  "cpu_ms": cpu_ms(30, False), "cpu_ms_recount": cpu_ms(10, True)}))
"""

_WRK_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %f %f %f\\n", summary.requests, summary.duration,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
"""


def _manage(python, *args):
    return subprocess.run(
        [python, "manage.py", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def _count_queries(python):
    out = subprocess.run(
        [python, "-c", _QUERY_COUNTER, CATALOGUE_PATH],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "config.settings.dev"
            ),
        },
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _wrk(url):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_LUA)
    try:
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "-s", script.name, url],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(script.name)
    match = re.search(r"BENCH (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
    requests, duration_us, p95, p99, errors = match.groups()
    return int(requests) / (int(duration_us) / 1e6), float(p95), float(p99), int(float(errors))


def _threads(url):
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + DURATION

    def worker():
        while time.monotonic() < deadline:
            start = time.monotonic()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                    response.read()
                    ok = response.status == 200
            except OSError:
                ok = False
            with lock:
                latencies.append((time.monotonic() - start) * 1000)
                errors[0] += 0 if ok else 1

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))]

    return len(latencies) / elapsed, pct(95), pct(99), errors[0]


def run(base_url, python=sys.executable):
    _manage(python, "generate_load_data", "--count", str(COUNT))
    counted = _count_queries(python)
    url = base_url.rstrip("/") + CATALOGUE_PATH + "?" + counted["query"]
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (our own site)
        response.read()  # warm up
    rps, p95, p99, errors = _wrk(url) if shutil.which("wrk") else _threads(url)
    label = f"catalogue, 2 filters + search, {COUNT} practices"
    return [
        {"name": f"practices: {label}: requests/s", "value": round(rps, 1), "unit": "req/s"},
        {"name": f"practices: {label}: p95", "value": round(p95, 1), "unit": "ms"},
        {"name": f"practices: {label}: p99", "value": round(p99, 1), "unit": "ms"},
        {
            "name": f"practices: {label}: SQL queries",
            "value": counted["queries"],
            "unit": "queries",
        },
        {"name": f"practices: {label}: errors", "value": errors, "unit": "responses"},
        {
            "name": f"practices: {label}: CPU per request (in-process, counts cached)",
            "value": round(counted["cpu_ms"], 1),
            "unit": "ms",
        },
        {
            "name": f"practices: {label}: CPU per request (in-process, counts recomputed)",
            "value": round(counted["cpu_ms_recount"], 1),
            "unit": "ms",
        },
    ]


if __name__ == "__main__":
    for row in run(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"):
        print(f"{row['name']}: {row['value']} {row['unit']}")
