"""`make bench`: the platform's figures, one JSON line each ({name, value, unit}).

1. Builds a throw-away site: a temporary folder with a fresh SQLite database (or, when
   DATABASE_URL names PostgreSQL, a fresh database created beside it and dropped afterwards;
   REDIS_URL adds Redis as the cache), collected static files and the demo content, served by gunicorn with 2
   workers under the production settings (config.settings.bench: plain HTTP on loopback).
2. Counts the SQL queries of one public page of every page type in both languages (Django's
   test client in a subprocess, CaptureQueriesContext), plus search and the 404 page.
3. Loads the home page, uncached, at 8 connections: requests/s, p95 and p99 (wrk with a Lua
   percentile report when installed, otherwise a bounded Python load generator).
4. Calls every `bench/<app>.py` that exposes `run(base_url, python) -> list[dict]` against the
   same server and prints its figures. BENCH_ONLY=home,practices limits the run.

Targets on a 2-core machine: home ≥ 85 req/s, p99 ≤ 150 ms, ≤ 15 queries per public page.
"""

import importlib.util
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    ROOT,
    Gunicorn,
    drop_database,
    figure,
    free_port,
    load,
    throwaway_database,
)

PYTHON = sys.executable
QUERY_BUDGET = 15

COUNT_QUERIES = r"""
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

targets = []
for locale in Locale.objects.order_by("language_code"):
    seen = set()
    for page in Page.objects.live().filter(locale=locale, depth__gt=1).order_by("path"):
        if page.content_type_id in seen:
            continue
        seen.add(page.content_type_id)
        if page.get_url():
            targets.append((f"{page.specific_class.__name__} ({locale.language_code})", page.get_url()))
targets += [("search (pl)", "/szukaj/?q=program"), ("404 (pl)", "/nie-ma-takiej-strony/")]
client = Client(HTTP_HOST=sys.argv[1])
out = []
for label, url in targets:
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url).status_code
    out.append({"label": label, "url": url, "status": status, "queries": len(ctx.captured_queries)})
# CPU time of one home page request, in-process: unlike requests/s it does not depend on what
# else the machine is running.
import time
for _ in range(5):
    client.get("/")
began = time.process_time()
for _ in range(40):
    client.get("/")
cpu_ms = (time.process_time() - began) / 40 * 1000
out.append({"label": "cpu", "url": "/", "status": 200, "queries": None, "cpu_ms": cpu_ms})
print(json.dumps(out))
"""


def emit(item):
    print(json.dumps(item, ensure_ascii=False), flush=True)


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput", "-v0")
    subprocess.run(
        [PYTHON, "manage.py", "load_demo_content"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def query_figures(env, host):
    output = subprocess.run(
        [PYTHON, "-c", COUNT_QUERIES, host],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows = json.loads(output.strip().splitlines()[-1])
    cpu = rows.pop()
    emit(
        figure(
            "home: CPU time of one home page request (in-process)", round(cpu["cpu_ms"], 1), "ms"
        )
    )
    for row in rows:
        emit(figure(f"home: SQL queries, {row['label']} {row['url']}", row["queries"], "queries"))
    worst = max(rows, key=lambda row: row["queries"])
    emit(figure("home: SQL queries, most on one public page", worst["queries"], "queries"))
    return rows


def app_modules(only):
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("*.py")):
        name = path.stem
        if name in {"run", "common", "__init__"} or (only and name not in only):
            continue
        spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except Exception:  # noqa: BLE001 (one broken module must not stop the others)
            traceback.print_exc()
            emit(figure(f"{name}: module failed to import", 1, "error"))
            continue
        if callable(getattr(module, "run", None)):
            yield name, module


def main():
    only = {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()}
    tmp = Path(tempfile.mkdtemp(prefix="mwf-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "VAR_DIR": str(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "BASE_URL": f"http://127.0.0.1:{port}",
        # Production insists on a separate HTTPS origin; the bench never loads the player.
        "H5P_ORIGIN": "https://h5p.bench.invalid",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    database = throwaway_database(os.environ.get("DATABASE_URL", ""))
    if database:
        env["DATABASE_URL"] = database
    # Child processes (the apps' bench modules call manage.py) see the same site.
    os.environ.update({k: v for k, v in env.items() if k != "PYTHONPATH"})
    failures = 0
    try:
        prepare(env)
        with Gunicorn(PYTHON, env, port=port, workers=2) as server:
            if not only or "home" in only:
                rows = query_figures(env, f"127.0.0.1:{port}")
                home = load(server.url + "/")
                label = f"home page, 8 connections, uncached, gunicorn 2 workers ({home['tool']})"
                emit(figure(f"home: {label}: requests/s", round(home["rps"], 1), "req/s"))
                emit(figure(f"home: {label}: p95", round(home["p95"], 1), "ms"))
                emit(figure(f"home: {label}: p99", round(home["p99"], 1), "ms"))
                emit(figure(f"home: {label}: errors", home["errors"], "requests"))
                if home["rps"] < 85 or home["p99"] > 150:
                    print("home page is below its target (85 req/s, p99 150 ms)", file=sys.stderr)
                if any(row["queries"] > QUERY_BUDGET for row in rows):
                    print(f"a public page runs more than {QUERY_BUDGET} queries", file=sys.stderr)
            for name, module in app_modules(only):
                try:
                    for item in module.run(server.url, PYTHON):
                        emit(item)
                except Exception:  # noqa: BLE001 (report, go on with the next module)
                    traceback.print_exc()
                    emit(figure(f"{name}: benchmark failed", 1, "error"))
                    failures += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if database:
            drop_database(database)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
