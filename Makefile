# The two commands of the README: `make run` and `make test`. `make bench` prints figures.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= cms.settings.dev

.PHONY: install run test bench messages lint

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

# Compiled catalogues (.mo) are build output: made here, never committed.
messages: install
	$(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules

run: install messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo_content
	PORT=$(PORT) scripts/run.sh

lint: install
	$(VENV)/bin/ruff check .

test: install messages
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest $(PYTEST_ARGS)

bench: install messages
	$(PY) bench/run.py
