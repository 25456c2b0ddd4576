"""scripts/check_catalogues.py: a msgid (with its msgctxt) that two catalogues translate
differently fails the check (Django merges the catalogues, so app order would pick the
wording); the project's own catalogues have no such conflict."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("check", ROOT / "scripts" / "check_catalogues.py")
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: pl\\n"\n\n'


def catalogue(path, body):
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_the_same_msgid_translated_differently_is_a_conflict(tmp_path):
    events = catalogue(tmp_path / "events.po", 'msgid "Cancel"\nmsgstr "Rezygnacja"\n')
    newsletter = catalogue(
        tmp_path / "newsletter.po",
        'msgid "Cancel"\nmsgstr "Anuluj"\n\nmsgid "Sign up"\nmsgstr "Zapisz się"\n',
    )
    ((ctxt, msgid, where),) = check.conflicts([events, newsletter])
    assert (ctxt, msgid) == (None, "Cancel")
    assert where == {events: "Rezygnacja", newsletter: "Anuluj"}


def test_contexts_and_identical_or_missing_translations_are_no_conflict(tmp_path):
    events = catalogue(
        tmp_path / "events.po",
        'msgctxt "registration heading"\nmsgid "Cancel"\nmsgstr "Rezygnacja"\n\n'
        'msgid "Status"\nmsgstr "Status"\n\n'
        'msgid "Name"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Quiz"\nmsgstr "Test"\n',
    )
    newsletter = catalogue(
        tmp_path / "newsletter.po",
        'msgid "Cancel"\nmsgstr "Anuluj"\n\nmsgid "Status"\nmsgstr "Status"\n\n'
        'msgid "Name"\nmsgstr "Nazwa"\n\nmsgid "Quiz"\nmsgstr "Quiz"\n',
    )
    assert check.conflicts([events, newsletter]) == []


def test_plural_forms_are_compared_whole(tmp_path):
    body = 'msgid "%(n)s seat"\nmsgid_plural "%(n)s seats"\nmsgstr[0] "%(n)s miejsce"\n'
    one = catalogue(tmp_path / "one.po", body + 'msgstr[1] "%(n)s miejsca"\n')
    other = catalogue(tmp_path / "other.po", body + 'msgstr[1] "%(n)s miejsc"\n')
    assert [msgid for _ctxt, msgid, _where in check.conflicts([one, other])] == ["%(n)s seat"]


def test_a_conflict_fails_the_whole_check(tmp_path, monkeypatch, capsys):
    events = catalogue(tmp_path / "events.po", 'msgid "Cancel"\nmsgstr "Rezygnacja"\n')
    newsletter = catalogue(tmp_path / "newsletter.po", 'msgid "Cancel"\nmsgstr "Anuluj"\n')
    monkeypatch.setattr(check, "ROOT", tmp_path)
    monkeypatch.setattr(check, "PLATFORM", events)
    monkeypatch.setattr(check, "ADMIN", tmp_path / "admin")
    monkeypatch.setattr(check, "ADMIN_DOMAINS", ())
    (tmp_path / "newsletter" / "locale" / "pl" / "LC_MESSAGES").mkdir(parents=True)
    newsletter.rename(tmp_path / "newsletter" / "locale" / "pl" / "LC_MESSAGES" / "django.po")
    assert check.main(strict=False) == 1
    assert "'Cancel'" in capsys.readouterr().out


def test_the_projects_catalogues_have_no_conflict():
    apps = sorted(ROOT.glob("*/locale/pl/LC_MESSAGES/django.po"))
    assert len(apps) >= 9
    paths = [check.PLATFORM, check.ADMIN / "django.po", *apps]
    assert check.conflicts(paths) == []
