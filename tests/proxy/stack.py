"""The production stack for tests: nginx (deploy/nginx/) in front of gunicorn nodes, django-q2
workers, on the test database (scripts/proxy.py's `Stack`). Skipped with the reason when nginx
or its cache purge module is missing; `.ci/run` installs both."""

import importlib.util
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("proxy_script", ROOT / "scripts" / "proxy.py")
proxy_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(proxy_script)
Stack = proxy_script.Stack

MISSING = proxy_script.missing_requirements()
needs_nginx = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


def database_url(tmp_path):
    """A URL the stack's processes open: the test database itself on PostgreSQL, a file copy of
    the in-memory test database on SQLite (then the test process changes it only through
    `run_django`)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        user = db["USER"] or "postgres"
        host = db["HOST"] or "127.0.0.1"
        return f"postgres://{user}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    path = tmp_path / "stack.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


def production_env(database, **extra):
    """The stack's environment: production settings on `database`, with the test run's Redis
    when it has one (on PostgreSQL + Redis the test database has no cache table)."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        "DATABASE_URL": database,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "PYTHONWARNINGS": "ignore",
        "LANG": "C.UTF-8",
        **({"REDIS_URL": settings.REDIS_URL} if settings.REDIS_URL else {}),
        **extra,
    }
    return env


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """collectstatic once per test run, with production's hashed, compressed storage."""
    if MISSING:
        pytest.skip(MISSING)
    root = tmp_path_factory.mktemp("static")
    env = production_env(
        "sqlite:///unused.sqlite3",
        SECRET_KEY="collectstatic",
        ALLOWED_HOSTS="127.0.0.1",
        H5P_ORIGIN="https://h5p.invalid",
        STATIC_ROOT=str(root),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return root


def run_django(stack, code):
    """Runs `code` in a Django process on the stack's database and settings; its stdout."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def https_session(stack):
    """A browser-like client that trusts the run's self-signed certificate."""
    session = requests.Session()
    session.trust_env = False  # no CA bundle or proxy from the environment
    session.verify = str(stack.run_dir / "cert.pem")
    return session
