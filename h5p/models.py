"""Models of this app (see the app docstring in apps.py)."""
