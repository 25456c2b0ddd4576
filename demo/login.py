"""The demo editor's login, printed by `make run` and the README. No Django imports here, so
scripts can read it without setting Django up."""

DEMO_EDITOR_USERNAME = "redaktor"
DEMO_EDITOR_EMAIL = "redaktor@mwf.example.pl"
DEMO_EDITOR_PASSWORD = "Redaktor-MWF-2026"  # noqa: S105  (demo only, printed by `make run`)
EDITORS_GROUP = "Editors"
