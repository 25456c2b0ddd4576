"""scripts/audit.py: a finding fails unless the allow-list accepts it; only an unreachable
service passes, and it says so."""

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

VULN = {"id": "PYSEC-2099-1", "aliases": ["GHSA-aaaa-bbbb-cccc"], "fix_versions": ["9.9"]}


def fake_pip_audit(monkeypatch, report=None, stderr=""):
    def run(args, **kwargs):
        if report is not None:
            Path(args[args.index("-o") + 1]).write_text(json.dumps(report))
        return subprocess.CompletedProcess(args, 1, "", stderr)

    monkeypatch.setattr(audit.subprocess, "run", run)


def test_a_vulnerability_fails_the_audit(monkeypatch):
    report = {"dependencies": [{"name": "Django", "version": "5.2.19", "vulns": [VULN]}]}
    fake_pip_audit(monkeypatch, report)
    problems, warnings = audit.audit_python(set())
    assert problems and "PYSEC-2099-1" in problems[0] and "9.9" in problems[0]
    assert not warnings


def test_an_allowed_vulnerability_passes_by_any_of_its_ids(monkeypatch):
    report = {"dependencies": [{"name": "Django", "version": "5.2.19", "vulns": [VULN]}]}
    fake_pip_audit(monkeypatch, report)
    assert audit.audit_python({("GHSA-AAAA-BBBB-CCCC", "django")}) == ([], [])
    fake_pip_audit(monkeypatch, report)
    assert audit.audit_python({("GHSA-AAAA-BBBB-CCCC", "wagtail")})[0]  # another package


def test_an_unreachable_service_warns_and_passes(monkeypatch):
    fake_pip_audit(monkeypatch, stderr="requests.exceptions.ConnectionError: Failed to resolve")
    problems, warnings = audit.audit_python(set())
    assert not problems and "could not reach" in warnings[0]


@pytest.mark.parametrize("skipped", [1, 2])
def test_packages_the_service_did_not_answer_for(monkeypatch, skipped):
    deps = [
        {"name": "a", "version": "1", "vulns": [], "skip_reason": "not found"},
        {"name": "b", "version": "1", "vulns": [], "skip_reason": "not found"},
    ]
    if skipped == 1:
        del deps[1]["skip_reason"]
    fake_pip_audit(monkeypatch, {"dependencies": deps})
    problems, warnings = audit.audit_python(set())
    if skipped == 2:  # no answer at all: the service is not there
        assert warnings and not problems
    else:  # some answered: one left out is a failure, not a warning
        assert problems and not warnings


def test_an_npm_advisory_fails_and_the_allow_list_accepts_it(monkeypatch):
    data = {
        "vulnerabilities": {
            "h5p-standalone": {
                "range": "<4",
                "via": [
                    {"url": "https://github.com/advisories/GHSA-xxxx-yyyy-zzzz", "title": "XSS"}
                ],
            }
        }
    }

    def run(args, **kwargs):
        return subprocess.CompletedProcess(args, 1, json.dumps(data), "")

    monkeypatch.setattr(audit.subprocess, "run", run)
    assert "GHSA-xxxx-yyyy-zzzz" in audit.audit_npm(set())[0][0]
    assert audit.audit_npm({("GHSA-XXXX-YYYY-ZZZZ", "h5p-standalone")}) == ([], [])


def test_the_allow_list_is_well_formed():
    audit.allowed()  # exits naming the line when an id, a package or a reason is missing
