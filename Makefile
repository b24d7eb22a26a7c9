# The README's commands. `make demo` on a fresh machine installs, seeds and serves the portal;
# `make test` runs the whole suite (SQLite by default, PostgreSQL when DATABASE_URL is set).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: demo install test browser-deps lint messages check

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(PY)
	$(PIP) install --quiet -r requirements-dev.txt

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 0.0.0.0:8000

browser-deps:
	bash .ci/browser-deps

test: install browser-deps
	$(PY) -m pytest -p no:cacheprovider --create-db

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: install
	$(PY) manage.py makemessages -l id -l en --ignore=.venv --ignore=node_modules --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules
