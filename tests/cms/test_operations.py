"""Operations: the liveness and readiness probes (cms/ops.py), request ids and the production
logs as one JSON object per line (cms/request_log.py)."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_answers_without_database_session_or_policy(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "Content-Security-Policy" not in response
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Request-ID"]


def test_readyz_reports_every_part(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failed": [],
        "checks": {"database": "ok", "cache": "ok", "broker": "ok", "storage": "ok"},
    }
    assert "Content-Security-Policy" not in response
    assert client.post("/readyz").status_code == 405


def test_readyz_is_503_naming_an_unreachable_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["failed"] == ["cache"]
    assert body["checks"]["cache"].startswith("failed: ")
    assert body["checks"]["database"] == "ok"


def test_readyz_is_503_naming_unwritable_local_storage(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = str(blocker / "media")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]


def test_request_id_is_taken_from_the_proxy_or_made(client):
    given = "nginx-4f2a9c1e7b"
    assert client.get("/healthz", headers={"x-request-id": given})["X-Request-ID"] == given
    made = client.get("/healthz", headers={"x-request-id": "zły\nwpis"})["X-Request-ID"]
    assert made != "zły\nwpis" and len(made) == 32
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


# --- production settings, in a process of their own -----------------------------------------


def run_production(tmp_path, code, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "LOG_FORMAT"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "mwf.example.pl",
            "BASE_URL": "https://mwf.example.pl",
            "H5P_ORIGIN": "https://h5p.mwf.example.pl",
            "VAR_DIR": str(tmp_path),
        }
    )
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


CLIENT = "from django.test import Client; c = Client(HTTP_HOST='mwf.example.pl'); "


def test_production_logs_one_json_line_per_request_with_its_id(tmp_path):
    code = CLIENT + (
        "r = c.get('/healthz', HTTP_X_REQUEST_ID='req-0123456789abcdef'); "
        "print(r.status_code, r['X-Request-ID'])"
    )
    result = run_production(tmp_path, code)
    assert result.returncode == 0, result.stderr
    # Probes come over the internal HTTP port: no redirect to HTTPS.
    assert result.stdout.split() == ["200", "req-0123456789abcdef"]
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    [access] = [entry for entry in lines if entry["logger"] == "mwf.request"]
    assert access["request_id"] == "req-0123456789abcdef"
    assert access["path"] == "/healthz" and access["status"] == 200
    assert access["method"] == "GET" and access["level"] == "INFO"
    assert isinstance(access["duration_ms"], float) and access["time"]


def test_production_readyz_names_an_unreachable_redis(tmp_path):
    code = CLIENT + "r = c.get('/readyz'); print(r.status_code); print(r.content.decode())"
    result = run_production(tmp_path, code, REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0")
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split("\n", 1)
    assert status == "503"
    assert json.loads(body)["failed"] == ["broker", "cache"]
    # The failure is logged too, as JSON with the request's id.
    warnings = [
        json.loads(line)
        for line in result.stderr.splitlines()
        if line.strip() and json.loads(line)["logger"] == "cms.ops"
    ]
    assert {entry["message"].split(":")[0] for entry in warnings} == {"readyz"}
    assert all(entry["request_id"] for entry in warnings)
