"""Production settings fail fast and loudly, and pass Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "BASE_URL",
            "H5P_ORIGIN",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("missing", "present"),
    [
        ("SECRET_KEY", {"ALLOWED_HOSTS": "mwf.example.pl"}),
        ("ALLOWED_HOSTS", {"SECRET_KEY": "x" * 60}),
    ],
)
def test_start_up_without_a_required_variable_fails_naming_it(missing, present):
    result = manage("check", **present)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert missing in lines[0]
    assert "Traceback" not in result.stderr


def test_deploy_check_is_clean_with_the_variables_set(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="mwf.example.pl,www.mwf.example.pl",
        BASE_URL="https://mwf.example.pl",
        H5P_ORIGIN="https://h5p.mwf.example.pl",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


VALID = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "mwf.example.pl",
    "BASE_URL": "https://mwf.example.pl",
}


@pytest.mark.parametrize(
    ("h5p_origin", "expected"),
    [
        (None, "H5P_ORIGIN is not set"),
        ("", "H5P_ORIGIN is not set"),
        ("http://h5p.mwf.example.pl", "is not HTTPS"),
        ("https://mwf.example.pl", "the site's own origin"),
        ("https://MWF.example.pl:443/", "the site's own origin"),
        ("https://h5p.mwf.example.pl/player", "is not an origin"),
    ],
)
def test_start_up_with_an_unsafe_h5p_origin_fails_in_one_line(h5p_origin, expected):
    env = dict(VALID) if h5p_origin is None else {**VALID, "H5P_ORIGIN": h5p_origin}
    result = manage("check", **env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "H5P_ORIGIN" in lines[0]
    assert "Traceback" not in result.stderr


def test_an_h5p_origin_on_another_port_of_the_site_host_is_a_separate_origin(tmp_path):
    result = manage(
        "check", **VALID, H5P_ORIGIN="https://mwf.example.pl:8443", VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr


def test_production_requires_two_factor_sign_in_for_the_admin(tmp_path):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.MFA_REQUIRED_FOR_ADMIN)",
        **VALID,
        H5P_ORIGIN="https://h5p.mwf.example.pl",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"
