"""Checks the Polish catalogues: every entry translated, none fuzzy.

The platform's own catalogue (locale/: cms, home, templates) must be complete, or this exits 1.
The apps' catalogues are reported; with --strict they fail too (`make check-messages`).
Run with the project's Python: polib comes with wagtail-localize."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"


def gaps(path):
    catalogue = polib.pofile(str(path))
    return [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]


def main(strict):
    failed = False
    apps = sorted(ROOT.glob("*/locale/pl/LC_MESSAGES/django.po"))
    for path in [PLATFORM, *apps]:
        missing = gaps(path)
        if not missing:
            continue
        must = strict or path == PLATFORM
        failed = failed or must
        label = "ERROR" if must else "warning"
        print(f"{label}: {path.relative_to(ROOT)}: {len(missing)} untranslated or fuzzy:")
        for msgid in missing[:10]:
            print(f"    {msgid!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(strict="--strict" in sys.argv[1:]))
