"""Helpers for `make bench` (bench/run.py) and the apps' bench modules: load generation with
wrk (latency percentiles through a Lua report) or, without wrk, a bounded Python generator; and
starting/stopping a server. Figures are dicts {name, value, unit}."""

import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = 8

WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d, '
    .. '"p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def figure(name, value, unit):
    return {"name": name, "value": value, "unit": unit}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                response.read()
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer at {url}")


def load_wrk(url, connections=CONNECTIONS, duration=DURATION, headers=None):
    """Requests/s and latency percentiles from wrk (2 threads)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    try:
        command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", script.name]
        for key, value in (headers or {}).items():
            command += ["-H", f"{key}: {value}"]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("WRK-JSON "))
    report = json.loads(line.removeprefix("WRK-JSON "))
    seconds = report["duration_us"] / 1_000_000
    return {
        "rps": report["requests"] / seconds,
        "p50": report["p50_ms"],
        "p95": report["p95_ms"],
        "p99": report["p99_ms"],
        "errors": report["errors"] + report["non2xx"],
        "tool": "wrk",
    }


def load_python(url, connections=CONNECTIONS, duration=DURATION, headers=None):
    """The same measurement without wrk: `connections` threads with keep-alive connections,
    each sending requests one after another for `duration` seconds."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    timings, errors = [], []
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine, bad = [], 0
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            mine.append(time.perf_counter() - began)
        conn.close()
        with lock:
            timings.extend(mine)
            errors.append(bad)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    cuts = statistics.quantiles(timings, n=100) if len(timings) > 1 else [0.0] * 99
    return {
        "rps": len(timings) / elapsed,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "errors": sum(errors),
        "tool": "python",
    }


def load(url, connections=CONNECTIONS, duration=DURATION, headers=None, warm_up=2):
    """Measure after `warm_up` seconds of the same load, unmeasured: every worker has then
    imported its views and compiled its templates, so the figure is the steady state."""
    measure = load_wrk if shutil.which("wrk") else load_python
    if warm_up:
        measure(url, connections, warm_up, headers)
    return measure(url, connections, duration, headers)


class Gunicorn:
    """gunicorn serving config.wsgi with `workers` processes on a free loopback port."""

    def __init__(self, python, env, port=None, workers=2):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        gunicorn = str(Path(python).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [
                gunicorn,
                "config.wsgi",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
                "--timeout=120",
            ],
            cwd=ROOT,
            env={**env, "BASE_URL": self.url},
        )

    def __enter__(self):
        wait_until_up(self.url + "/robots.txt")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _admin_connection(url):
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    connection = psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    return connection, settings


def throwaway_database(url):
    """For a PostgreSQL DATABASE_URL: create an empty database beside it for one bench run and
    return its URL (so a bench never writes into a database someone uses). Other URLs: None."""
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    from psycopg import sql

    connection, settings = _admin_connection(url)
    name = f"{settings['NAME']}_bench_{os.getpid()}"
    with connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url.rsplit("/", 1)[0] + "/" + name


def ensure_database(url):
    """For a PostgreSQL URL: create its database when it does not exist yet."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    from psycopg import sql

    connection, settings = _admin_connection(url)
    with connection:
        name = settings["NAME"]
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url):
    from psycopg import sql

    connection, settings = _admin_connection(url)
    with connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(settings["NAME"])
            )
        )
