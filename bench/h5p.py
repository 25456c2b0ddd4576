"""H5P benchmark: xAPI statements accepted per second.

`run(base_url, python)` prepares data with `manage.py h5p_bench_setup` (same database as the
server under test: a course whose lesson holds a required H5P exercise, enrolled participants
with sessions), then, from a few threads over keep-alive connections, posts statements the way
the lesson page does: per attempt, three question statements (with a parent) and one scored
root statement, with the CSRF token. Counted: HTTP 201 answers per second of wall time.
Target (issue 6): at least 300/s on SQLite with 2 workers.

What one statement costs the server (h5p/xapi.py, record_statement): the session and the
user (Django's auth), the lesson's publication stamp (one prepared query; the activity and the
participant's enrolment are remembered per process), then a question statement is one INSERT
in autocommit (4 queries), and a scored root statement adds, in one transaction, its result
row (select for update, update): 8 queries with BEGIN and COMMIT. The lesson completion check
runs only when a result first reaches the pass mark.

Also reported: the CPU time of one statement measured in-process (Django's test client in a
subprocess, the same mix of statements), which unlike statements/s does not depend on what
else the machine is running. Throughput on the 2-core machine is roughly 1330 / (CPU ms).
"""

import http.client
import json
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
THREADS = 4
STATEMENTS = 1600  # in total, split between the threads
CPU_STATEMENTS = 400  # posted in-process for the CPU figure

# Run by `python -c` with the bench's environment: argv = host, data (JSON), count.
CPU_SCRIPT = r"""
import json, sys, time
import django
django.setup()
from django.test import Client
host, data, count = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
client = Client(enforce_csrf_checks=True, HTTP_HOST=host)
csrf = "b" * 32
client.cookies["sessionid"] = data["sessions"][-1]
client.cookies["csrftoken"] = csrf
path = f"/h5p/xapi/{data['lesson_id']}/{data['package_id']}/"
bodies = data["bodies"]
def post(n):
    response = client.post(path, bodies[n % len(bodies)], content_type="application/json",
                           headers={"X-CSRFToken": csrf, "Referer": f"http://{host}/"})
    assert response.status_code == 201, (response.status_code, response.content[:200])
for n in range(8):
    post(n)
began = time.process_time()
for n in range(count):
    post(n)
print(json.dumps({"cpu_ms": (time.process_time() - began) / count * 1000}))
"""


def _setup(python):
    out = subprocess.run(
        [python, "manage.py", "h5p_bench_setup", "--participants", str(THREADS)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _statements(iri):
    verb = "http://adlnet.gov/expapi/verbs/answered"
    for n in range(3):
        yield {
            "verb": {"id": verb},
            "object": {"id": f"{iri}?subContentId=q{n}", "objectType": "Activity"},
            "context": {"contextActivities": {"parent": [{"id": iri}]}},
            "result": {"score": {"min": 0, "max": 1, "raw": 1, "scaled": 1}, "completion": True},
        }
    yield {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": iri, "objectType": "Activity"},
        "result": {"score": {"min": 0, "max": 3, "raw": 3, "scaled": 1}, "completion": True},
    }


def _worker(base, data, sessionid, count, timings, errors):
    parts = urlsplit(base)
    csrf = secrets.token_hex(16)
    headers = {
        "Cookie": f"sessionid={sessionid}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Content-Type": "application/json",
        "Referer": base + "/",
    }
    path = f"/h5p/xapi/{data['lesson_id']}/{data['package_id']}/"
    bodies = [json.dumps(s).encode() for s in _statements(data["iri"])]
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    for n in range(count):
        began = time.perf_counter()
        conn.request("POST", path, body=bodies[n % len(bodies)], headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status == 201:
            timings.append(time.perf_counter() - began)
        else:
            errors.append(response.status)
    conn.close()


def _cpu_per_statement(base, python, data):
    payload = dict(data, bodies=[json.dumps(s) for s in _statements(data["iri"])])
    out = subprocess.run(
        [python, "-c", CPU_SCRIPT, urlsplit(base).netloc, json.dumps(payload), str(CPU_STATEMENTS)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])["cpu_ms"]


def run(base_url, python):
    base = base_url.rstrip("/")
    data = _setup(python)
    _worker(base, data, data["sessions"][0], 8, [], [])  # warm-up
    timings, errors = [], []
    threads = [
        threading.Thread(
            target=_worker,
            args=(base, data, data["sessions"][i], STATEMENTS // THREADS, timings, errors),
        )
        for i in range(THREADS)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    results = [
        {
            "name": "H5P xAPI statements accepted per second",
            "value": round(len(timings) / wall, 1) if wall else 0.0,
            "unit": "statements/s",
        },
        {
            "name": "H5P xAPI statement median latency",
            "value": round(statistics.median(timings) * 1000, 1) if timings else None,
            "unit": "ms",
        },
    ]
    if errors:
        results.append(
            {"name": "H5P xAPI statements refused", "value": len(errors), "unit": "requests"}
        )
    try:
        cpu = round(_cpu_per_statement(base, python, data), 2)
    except subprocess.CalledProcessError as exc:  # keep the figures above
        print(exc.stderr, file=sys.stderr)
        cpu = None
    results.append(
        {"name": "H5P xAPI CPU time of one statement (in-process)", "value": cpu, "unit": "ms"}
    )
    return results


if __name__ == "__main__":
    for row in run(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000", sys.executable):
        print(f"{row['name']}: {row['value']} {row['unit']}")
