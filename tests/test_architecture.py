"""The three floors hold (README, "How the code is organised").

1. No import runs up a floor or sideways between apps on one floor: the import-linter contract
   in pyproject.toml (`[tool.importlinter]`), run here so that `make test` fails on it.
2. An import of a project module placed inside a function hides an arrow between modules from
   the reader, so it says why it is there (a cycle, the app registry not ready yet, ...): a
   comment on its line or the line above. A run of imports shares the comment above its first.
"""

import ast
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = ["cms", *settings.DOMAIN_APPS, "home", "demo", "config"]


def test_no_import_runs_up_a_floor():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, "Imports that break the floors:\n" + report
    assert "1 kept, 0 broken" in report, report


def app_modules():
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" not in parts and "tests" not in parts:
                yield path


def imports_a_project_module(node):
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] in PROJECT_PACKAGES
    return any(alias.name.split(".")[0] in PROJECT_PACKAGES for alias in node.names)


def reason_lines(source):
    """Line numbers holding a comment that says something (a bare `noqa` says nothing)."""
    lines = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            text = re.sub(r"noqa(:\s*[A-Z0-9, ]+)?", "", token.string.lstrip("#")).strip()
            if text:
                lines.add(token.start[0])
    return lines


def unexplained_imports(source):
    """Line numbers of in-function imports of project modules without a reason."""
    reasons = reason_lines(source)
    found = []

    def visit(node, in_function):
        for field in ("body", "orelse", "finalbody", "handlers"):
            statements = getattr(node, field, None)
            if not isinstance(statements, list):
                continue
            explained_run = False  # the previous statement is an explained import
            for statement in statements:
                if in_function and isinstance(statement, ast.Import | ast.ImportFrom):
                    explained = (
                        explained_run
                        or statement.lineno in reasons
                        or statement.lineno - 1 in reasons
                    )
                    if imports_a_project_module(statement) and not explained:
                        found.append(statement.lineno)
                    explained_run = explained
                else:
                    explained_run = False
                inner = in_function or isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
                visit(statement, inner)

    visit(ast.parse(source), False)
    return found


def test_the_checker_sees_an_unexplained_import_and_accepts_a_reason():
    source = (
        "def a():\n"
        "    from cms import chrome\n"
        "def b():\n"
        "    # The models import this module.\n"
        "    from cms import chrome\n"
        "\n"
        "    from . import handlers\n"
        "def c():\n"
        "    from cms import chrome  # noqa: F401\n"
        "def d():\n"
        "    import json\n"
    )
    assert unexplained_imports(source) == [2, 9]


def test_every_import_inside_a_function_says_why():
    unexplained = {}
    for path in app_modules():
        name = path.relative_to(ROOT).as_posix()
        lines = unexplained_imports(path.read_text(encoding="utf-8"))
        if lines:
            unexplained[name] = lines
    assert not unexplained, (
        "Imports inside functions without a comment saying why (move them to the top of the "
        f"module, or explain the cycle): {unexplained}"
    )
