#!/usr/bin/env bash
# Serves the site with a django-q2 worker beside it; Ctrl-C stops both.
set -euo pipefail
PORT="${PORT:-8000}"
PY=.venv/bin/python
$PY manage.py qcluster &
WORKER=$!
trap 'kill $WORKER 2>/dev/null; wait $WORKER 2>/dev/null' EXIT INT TERM
echo
echo "  MWF platform: http://127.0.0.1:${PORT}/"
echo "  Admin:        http://127.0.0.1:${PORT}/admin/"
echo "  Demo editor:  $($PY -c 'from home.demo_login import DEMO_EDITOR_EMAIL as e, DEMO_EDITOR_PASSWORD as p; print(e, "/", p)' 2>/dev/null)"
echo "  Stop with Ctrl-C."
echo
$PY manage.py runserver "127.0.0.1:${PORT}"
