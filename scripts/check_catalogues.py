"""Checks the Polish catalogues: every entry translated, none fuzzy.

The platform's own catalogue (locale/: cms, home, templates) must be complete, or this exits 1.
So must locale_admin/, which completes the Polish catalogues of Wagtail and wagtail-localize:
every msgid of their English catalogues (django.po and djangojs.po of every sub-app) must be
translated in their own Polish catalogue or in ours, so a Wagtail upgrade that adds admin
strings fails here until they are translated.
The apps' catalogues are reported; with --strict they fail too (`make check-messages`).
Django merges the catalogues of every app (and locale/) into one, so a msgid (with its
msgctxt) that two catalogues translate differently shows whichever wins by app order on every
page: such a conflict always fails (`make messages`, so `make test`). Where the meanings differ,
give each use its own msgctxt (pgettext, {% translate "..." context "..." %}); where they do
not, use one wording.
Run with the project's Python: polib comes with wagtail-localize."""

import sys
from pathlib import Path

import polib
import wagtail
import wagtail_localize

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"
ADMIN = ROOT / "locale_admin" / "pl" / "LC_MESSAGES"
ADMIN_DOMAINS = ("django.po", "djangojs.po")
THIRD_PARTY = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]


def gaps(path):
    catalogue = polib.pofile(str(path))
    return [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]


def translated(path):
    if not path.exists():
        return set()
    catalogue = polib.pofile(str(path))
    return {(e.msgctxt, e.msgid) for e in catalogue if not e.obsolete and e.translated()}


def third_party_gaps(domain):
    """(msgctxt, msgid) of Wagtail's and wagtail-localize's English catalogues that neither
    their Polish catalogue nor ours (locale_admin/, or locale/ which wins over it) translates."""
    ours = translated(ADMIN / domain)
    if domain == "django.po":
        ours |= translated(PLATFORM)
    missing = []
    for package in THIRD_PARTY:
        for english in sorted(package.glob(f"**/locale/en/LC_MESSAGES/{domain}")):
            polish = translated(english.parents[2] / "pl" / "LC_MESSAGES" / domain)
            for entry in polib.pofile(str(english)):
                key = (entry.msgctxt, entry.msgid)
                if not entry.obsolete and key not in polish and key not in ours:
                    missing.append(key)
    return sorted(set(missing), key=lambda key: (key[0] or "", key[1]))


def conflicts(paths):
    """[(msgctxt, msgid, {path: msgstr})] for every entry that two of these catalogues translate
    differently (untranslated, fuzzy and obsolete entries aside; plural forms compared whole)."""
    seen = {}
    for path in paths:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.translated():
                continue
            if entry.msgid_plural:
                translation = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            else:
                translation = entry.msgstr
            seen.setdefault((entry.msgctxt, entry.msgid), {})[path] = translation
    return [
        (ctxt, msgid, where)
        for (ctxt, msgid), where in sorted(
            seen.items(), key=lambda item: (item[0][0] or "", item[0][1])
        )
        if len(set(where.values())) > 1
    ]


def report(label, where, missing):
    print(f"{label}: {where}: {len(missing)} untranslated or fuzzy:")
    for msgid in missing[:10]:
        print(f"    {msgid!r}")


def main(strict):
    failed = False
    apps = sorted(ROOT.glob("*/locale/pl/LC_MESSAGES/django.po"))
    admin = [ADMIN / domain for domain in ADMIN_DOMAINS]
    for path in [PLATFORM, *admin, *apps]:
        missing = gaps(path)
        if not missing:
            continue
        must = strict or path == PLATFORM or path in admin
        failed = failed or must
        report("ERROR" if must else "warning", path.relative_to(ROOT), missing)
    merged = [path for path in [PLATFORM, ADMIN / "django.po", *apps] if path.exists()]
    clashes = conflicts(merged)
    if clashes:
        failed = True
        print(f"ERROR: {len(clashes)} msgids translated differently in two catalogues:")
        for ctxt, msgid, where in clashes:
            print(f"    {msgid!r}" + (f" (context {ctxt!r})" if ctxt else ""))
            for path, translation in where.items():
                print(f"        {path.relative_to(ROOT)}: {translation!r}")
    for domain in ADMIN_DOMAINS:
        missing = third_party_gaps(domain)
        if missing:
            failed = True
            where = f"{(ADMIN / domain).relative_to(ROOT)} lacks Wagtail msgids"
            report(
                "ERROR", where, [msgid if not ctxt else (ctxt, msgid) for ctxt, msgid in missing]
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(strict="--strict" in sys.argv[1:]))
