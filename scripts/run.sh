#!/usr/bin/env bash
# Serves the site with a django-q2 worker beside it; Ctrl-C stops both.
set -euo pipefail
PORT="${PORT:-8000}"
PY=.venv/bin/python
# H5P packages play from their own origin (PORT+1), never the site's (see h5p/README.md).
export BASE_URL="${BASE_URL:-http://127.0.0.1:${PORT}}"
export H5P_ORIGIN="${H5P_ORIGIN:-http://127.0.0.1:$((PORT+1))}"
$PY manage.py qcluster &
WORKER=$!
$PY manage.py run_h5p_origin --noreload &
H5P=$!
trap 'kill $WORKER $H5P 2>/dev/null; wait $WORKER $H5P 2>/dev/null' EXIT INT TERM
echo
echo "  MWF platform: http://127.0.0.1:${PORT}/"
echo "  H5P origin:   ${H5P_ORIGIN}/ (player and package files only)"
echo "  Admin:        http://127.0.0.1:${PORT}/admin/"
echo "  Demo editor:  $($PY -c 'from demo.login import DEMO_EDITOR_EMAIL as e, DEMO_EDITOR_PASSWORD as p; print(e, "/", p)' 2>/dev/null)"
echo "  Participant:  $($PY -c 'import django; django.setup(); from demo.content.courses import DEMO_PARTICIPANT_EMAIL as e, DEMO_PARTICIPANT_PASSWORD as p; print(e, "/", p)' 2>/dev/null)"
echo "  Stop with Ctrl-C."
echo
$PY manage.py runserver "127.0.0.1:${PORT}"
