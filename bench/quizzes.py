"""Quiz benchmark: grading requests per second for a 20-question quiz.

`run(base_url, python)` prepares the data with `manage.py quiz_bench_setup` (same database as
the server under test), then, from a few threads, repeatedly starts an attempt and submits all
20 answers with "finish" (the request that saves, grades and closes the attempt). Only the
submissions are timed."""

import http.client
import json
import secrets
import statistics
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
THREADS = 2
SUBMISSIONS = 120


def _setup(python):
    out = subprocess.run(
        [python, "manage.py", "quiz_bench_setup", "--participants", str(THREADS + 1)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _worker(base, data, sessionid, count, timings, errors):
    parts = urlsplit(base)
    csrf = secrets.token_hex(16)
    cookie = f"sessionid={sessionid}; csrftoken={csrf}"
    headers = {
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": base + "/",
    }
    start_path = f"/quizy/lekcja/{data['lesson_id']}/{data['quiz_id']}/"
    answers = {**data["answers"], "action": "finish", "csrfmiddlewaretoken": csrf}
    body = urlencode(answers, doseq=True)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    for _ in range(count):
        conn.request(
            "POST", start_path, body=urlencode({"csrfmiddlewaretoken": csrf}), headers=headers
        )
        response = conn.getresponse()
        response.read()
        location = response.getheader("Location") or ""
        if response.status != 302 or "/quizy/podejscie/" not in location:
            errors.append(f"start: HTTP {response.status}")
            continue
        attempt_path = urlsplit(location).path
        began = time.perf_counter()
        conn.request("POST", attempt_path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        took = time.perf_counter() - began
        if response.status == 302 and "/wynik/" in (response.getheader("Location") or ""):
            timings.append(took)
        else:
            errors.append(f"finish: HTTP {response.status}")
    conn.close()


def run(base_url, python):
    base = base_url.rstrip("/")
    data = _setup(python)
    timings, errors = [], []
    threads = [
        threading.Thread(
            target=_worker,
            args=(base, data, data["sessions"][i], SUBMISSIONS // THREADS, timings, errors),
        )
        for i in range(THREADS)
    ]
    # warm-up: one submission outside the measurement
    _worker(base, data, data["sessions"][-1], 1, [], [])
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    # Submissions per second with THREADS concurrent participants, counting only the time
    # spent in submissions (starting an attempt is not part of grading).
    graded_per_second = len(timings) / sum(timings) * THREADS if timings else 0.0
    results = [
        {
            "name": "quiz submission (grading, 20 questions) requests/s",
            "value": round(graded_per_second, 1),
            "unit": "req/s",
        },
        {
            "name": "quiz submission median latency",
            "value": round(statistics.median(timings) * 1000, 1) if timings else None,
            "unit": "ms",
        },
        {
            "name": "quiz start + submission cycles/s",
            "value": round(len(timings) / wall, 1) if wall else 0.0,
            "unit": "cycles/s",
        },
    ]
    if errors:
        results.append({"name": "quiz bench errors", "value": len(errors), "unit": "requests"})
    return results


if __name__ == "__main__":
    import sys

    for row in run(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000", sys.executable):
        print(f"{row['name']}: {row['value']} {row['unit']}")
