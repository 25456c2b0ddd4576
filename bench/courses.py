"""Online courses benchmark.

Against the running site at `base_url`, 8 connections (wrk when installed, otherwise Python
threads), after `python manage.py generate_course_load` has made 10,000 participants and
100,000 lesson-progress rows:

- the course page for an anonymous visitor (requests/s, p95);
- a lesson page for a logged-in, enrolled participant (requests/s, p95);
- "mark lesson complete" (POST, each request a different participant; requests/s, p95);
- the SQL queries of each page (counted in a subprocess with Django's test client).

`run(base_url, python)` returns [{name, value, unit}]; `python bench/courses.py [base_url]`
prints them. Targets (issue 4): course page ≥ 140 req/s, lesson page ≥ 110 req/s,
mark complete ≥ 150 req/s, ≤ 15 queries a page.
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
PARTICIPANTS = int(os.environ.get("BENCH_COURSES_PARTICIPANTS", "10000"))
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = 8
CSRF = "benchcsrftokenbenchcsrftoken1234"  # 32 characters: Django accepts an unmasked secret

_QUERY_COUNTER = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
data = json.loads(sys.argv[1])
result = {}
for name, url, session in (("course", data["course_url"], None),
                           ("lesson", data["lesson_url"], data["sessions"][-1])):
    client = Client(HTTP_HOST="localhost")
    if session:
        client.cookies["sessionid"] = session
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    result[name] = {"status": response.status_code, "queries": len(ctx.captured_queries)}
print(json.dumps(result))
"""

_WRK_DONE = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %f %f\\n", summary.requests, summary.duration,
    latency:percentile(95) / 1000, summary.errors.status))
end
"""


def _env():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.dev"),
    }


def _generate(python):
    out = subprocess.run(
        [python, "manage.py", "generate_course_load", "--participants", str(PARTICIPANTS)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=_env(),
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _count_queries(python, data):
    out = subprocess.run(
        [python, "-c", _QUERY_COUNTER, json.dumps(data)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=_env(),
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _lua_get(session):
    header = f'wrk.headers["Cookie"] = "sessionid={session}"\n' if session else ""
    return header + _WRK_DONE


def _lua_post(path, sessions):
    keys = ",".join(f'"{s}"' for s in sessions)
    return (
        f"local sessions = {{{keys}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  local s = sessions[(i % #sessions) + 1]\n"
        f'  return wrk.format("POST", "{path}", {{["Cookie"] = "sessionid=" .. s .. "; csrftoken={CSRF}",'
        f' ["X-CSRFToken"] = "{CSRF}", ["Content-Length"] = "0"}}, "")\n'
        "end\n" + _WRK_DONE
    )


def _wrk(url, lua):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "-s", script.name, url],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(script.name)
    requests, duration_us, p95, errors = re.search(
        r"BENCH (\d+) (\d+) ([\d.]+) ([\d.]+)", out
    ).groups()
    return int(requests) / (int(duration_us) / 1e6), float(p95), int(float(errors))


def _threads(url, session=None, post_sessions=None):
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + DURATION
    counter = iter(range(10**9))

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def worker():
        while time.monotonic() < deadline:
            headers, data = {}, None
            if post_sessions:
                s = post_sessions[next(counter) % len(post_sessions)]
                headers = {"Cookie": f"sessionid={s}; csrftoken={CSRF}", "X-CSRFToken": CSRF}
                data = b""
            elif session:
                headers = {"Cookie": f"sessionid={session}"}
            request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
            start = time.monotonic()
            try:
                with opener.open(request, timeout=30) as response:
                    response.read()
                    ok = response.status < 400
            except urllib.error.HTTPError as exc:
                ok = exc.code < 400
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
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] if latencies else 0
    return len(latencies) / (time.monotonic() - began), p95, errors[0]


def _measure(url, session=None, post_path=None, post_sessions=None):
    if shutil.which("wrk"):
        if post_path:
            return _wrk(url, _lua_post(post_path, post_sessions))
        return _wrk(url, _lua_get(session))
    return _threads(url, session=session, post_sessions=post_sessions)


def run(base_url, python=sys.executable):
    base = base_url.rstrip("/")
    data = _generate(python)
    queries = _count_queries(python, data)
    session = data["sessions"][-1]
    rows = []
    scale = f"{PARTICIPANTS} participants, {PARTICIPANTS * 10} progress rows"
    for key, label, url, sess in (
        ("course", "course page, anonymous", base + data["course_url"], None),
        ("lesson", "lesson page, logged in", base + data["lesson_url"], session),
    ):
        rps, p95, errors = _measure(url, session=sess)
        rows += [
            {
                "name": f"courses: {label} ({scale}): requests/s",
                "value": round(rps, 1),
                "unit": "req/s",
            },
            {"name": f"courses: {label}: p95", "value": round(p95, 1), "unit": "ms"},
            {
                "name": f"courses: {label}: SQL queries",
                "value": queries[key]["queries"],
                "unit": "queries",
            },
            {"name": f"courses: {label}: errors", "value": errors, "unit": "responses"},
        ]
    post_url = base + data["complete_path"]
    rps, p95, errors = _measure(
        post_url, post_path=data["complete_path"], post_sessions=data["sessions"][:-1]
    )
    rows += [
        {
            "name": f"courses: mark lesson complete ({scale}): requests/s",
            "value": round(rps, 1),
            "unit": "req/s",
        },
        {"name": "courses: mark lesson complete: p95", "value": round(p95, 1), "unit": "ms"},
        {"name": "courses: mark lesson complete: errors", "value": errors, "unit": "responses"},
    ]
    return rows


if __name__ == "__main__":
    for row in run(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"):
        print(f"{row['name']}: {row['value']} {row['unit']}")
