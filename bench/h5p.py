"""H5P benchmark: xAPI statements accepted per second.

`run(base_url, python)` prepares data with `manage.py h5p_bench_setup` (same database as the
server under test: a course whose lesson holds a required H5P exercise, enrolled participants
with sessions), then, from a few threads over keep-alive connections, posts statements the way
the lesson page does: per attempt, three question statements (with a parent) and one scored
root statement, with the CSRF token. Counted: HTTP 201 answers per second of wall time.
Target (issue 6): at least 300/s on SQLite with 2 workers."""

import http.client
import json
import secrets
import statistics
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
THREADS = 4
STATEMENTS = 1600  # in total, split between the threads


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
    return results


if __name__ == "__main__":
    import sys

    for row in run(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000", sys.executable):
        print(f"{row['name']}: {row['value']} {row['unit']}")
