"""Models of this app (see apps.py)."""
