"""Known-vulnerability audit of the pinned dependencies: pip-audit on the Python packages
(pyproject.toml's pins and everything installed beside them in .venv) and `npm audit --omit=dev`
on the front-end packages the site serves.

Fails (exit 1) on any advisory not accepted in audit-allowlist.txt. When an audit service
cannot be reached (no network, or the registry answers without a report) it says so on a line
starting with "WARNING" and that part passes: never a finding passed over in silence.

    .venv/bin/python scripts/audit.py
"""

import json
import subprocess
import sys
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWLIST = ROOT / "audit-allowlist.txt"
PIP_AUDIT = Path(sys.executable).parent / "pip-audit"
PROJECT = "mwf-platform"
UNREACHABLE_SIGNS = (
    "ConnectionError",
    "NameResolutionError",
    "Max retries exceeded",
    "Read timed out",
    "ConnectTimeout",
    "ProxyError",
    "SSLError",
)


def allowed():
    """{(advisory id, package name)} from the reviewed allow-list."""
    pairs = set()
    for line in ALLOWLIST.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split(None, 2)
        if len(fields) < 3:
            sys.exit(
                f"audit-allowlist.txt: every line needs an id, a package and a reason: {line!r}"
            )
        pairs.add((fields[0].upper(), normalise(fields[1])))
    return pairs


def normalise(name):
    return name.lower().replace("_", "-").replace(".", "-")


def python_requirements():
    """name==version for the pins of pyproject.toml, then for every other installed package."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for spec in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        name, _, version = spec.partition("==")
        pins[normalise(name.split("[")[0])] = version.strip()
    for dist in metadata.distributions():
        name = normalise(dist.metadata["Name"])
        if name != PROJECT:
            pins.setdefault(name, dist.version)
    return [f"{name}=={version}" for name, version in sorted(pins.items())]


def audit_python(accepted):
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        report = Path(tmp) / "report.json"
        requirements.write_text("\n".join(python_requirements()) + "\n", encoding="utf-8")
        run = subprocess.run(  # noqa: S603 - our own tool and our own files
            [str(PIP_AUDIT), "--disable-pip", "--no-deps", "--progress-spinner", "off"]
            + ["--timeout", "30", "-r", str(requirements), "-f", "json", "-o", str(report)],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if not report.exists() or not report.read_text(encoding="utf-8").strip():
            if any(sign in run.stderr for sign in UNREACHABLE_SIGNS):
                last = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
                return [], [f"pip-audit could not reach the vulnerability service: {last}"]
            return [f"pip-audit failed (exit {run.returncode}):\n{run.stderr[-3000:]}"], []
        data = json.loads(report.read_text(encoding="utf-8"))
    dependencies = data.get("dependencies", [])
    problems, warnings = [], []
    for dependency in dependencies:
        name = normalise(dependency["name"])
        for vuln in dependency.get("vulns", []):
            ids = {vuln["id"].upper(), *(alias.upper() for alias in vuln.get("aliases", []))}
            if not any((advisory, name) in accepted for advisory in ids):
                fixes = ", ".join(vuln.get("fix_versions", [])) or "none yet"
                problems.append(
                    f"{dependency['name']} {dependency.get('version')}: {vuln['id']} "
                    f"({', '.join(sorted(ids - {vuln['id'].upper()})) or 'no alias'}); fixed in {fixes}"
                )
    skipped = [d for d in dependencies if d.get("skip_reason")]
    if dependencies and len(skipped) == len(dependencies):
        warnings.append(
            "pip-audit: the vulnerability service answered for none of the "
            f"{len(dependencies)} packages ({skipped[0]['skip_reason']}): nothing was audited"
        )
    elif skipped:
        problems += [f"pip-audit could not audit {d['name']}: {d['skip_reason']}" for d in skipped]
    return problems, warnings


def audit_npm(accepted):
    try:
        run = subprocess.run(
            ["npm", "audit", "--omit=dev", "--json"],  # noqa: S607 - npm from PATH, as make does
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except FileNotFoundError:
        return ["npm is not installed (the README's prerequisites)"], []
    try:
        data = json.loads(run.stdout or "{}")
    except ValueError:
        return [f"npm audit printed no JSON (exit {run.returncode}):\n{run.stderr[-2000:]}"], []
    if "vulnerabilities" not in data:
        # The registry gave no report: no network, or an endpoint that refuses audits.
        reason = data.get("message") or data.get("error", {}).get("summary") or run.stderr.strip()
        return [], [f"npm audit could not reach the advisory service: {reason}"]
    problems = []
    for package, finding in data["vulnerabilities"].items():
        for via in finding.get("via", []):
            if not isinstance(via, dict):
                continue  # reached through another package, listed under its own name
            advisory = (via.get("url") or str(via.get("source"))).rstrip("/").rsplit("/", 1)[-1]
            if (advisory.upper(), normalise(package)) not in accepted:
                problems.append(
                    f"{package} {finding.get('range', '')}: {advisory} {via.get('title', '')} "
                    f"({via.get('severity', '?')})"
                )
    return problems, []


def main():
    accepted = allowed()
    problems, warnings = [], []
    for label, audit in (("Python", audit_python), ("npm", audit_npm)):
        found, unreachable = audit(accepted)
        problems += found
        warnings += unreachable
        if not found and not unreachable:
            print(f"{label}: no known vulnerability outside audit-allowlist.txt")
    for warning in warnings:
        print(f"WARNING: {warning}; not audited this time.")
    if problems:
        print("Known vulnerabilities not in audit-allowlist.txt (upgrade, or review and list):")
        for problem in problems:
            print(f"  {problem}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
