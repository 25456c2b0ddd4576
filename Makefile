# The two commands of the README: `make run` and `make test`. `make bench` prints figures.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: install run proxy test bench messages check-messages lint

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)." % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e ".[dev]"
	touch $@

node_modules/.installed: package.json
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

# Compiled catalogues (.mo) are build output: made here, never committed. compilemessages runs
# msgfmt --check-format; the platform's own Polish catalogue must also be complete (the apps'
# gaps are listed; `make check-messages` fails on them too).
messages: install
	@command -v msgfmt >/dev/null || { echo "gettext is missing: apt-get install -y gettext"; exit 1; }
	$(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules
	$(PY) scripts/check_catalogues.py

check-messages: messages
	$(PY) scripts/check_catalogues.py --strict

# The demo site answers at BASE_URL (full URLs in the sitemap and the statement's meta tag).
run: export BASE_URL ?= http://127.0.0.1:$(PORT)
run: install messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo_content
	PORT=$(PORT) scripts/run.sh

# The production layout on this machine (scripts/proxy.py): nginx with the page cache and the H5P
# origin in front of gunicorn with production settings, a django-q2 worker, the demo content;
# https://127.0.0.1:8443/ with a self-signed certificate. Installs Debian's nginx when missing.
proxy: install messages
	@command -v nginx >/dev/null && [ -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-cache-purge >/dev/null; }
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo_content
	$(PY) scripts/proxy.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	DJANGO_SETTINGS_MODULE=config.settings.test DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest $(PYTEST_ARGS)

# Figures, not tests: a throw-away site under gunicorn (bench/run.py). wrk measures the load
# when installed (Debian's package, installed here when missing and apt is available).
bench: install messages
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || echo "wrk is not available: the Python load generator is used."
	$(PY) bench/run.py
