# The README's commands. `make` alone lists the targets.
# `make demo` installs, seeds and serves the portal on http://127.0.0.1:8000 (HOST=0.0.0.0 to
# serve other machines: the demo accounts' passwords are public, so only on a trusted network).
# `make test` runs the whole suite (SQLite by default, PostgreSQL when DATABASE_URL is set);
# extra pytest arguments go in ARGS, e.g. `make test ARGS="-m 'not browser' -x tests/home"`.
PYTHON ?= python3
VENV ?= .venv
# Test processes (pytest-xdist); 1 runs the suite in one process.
WORKERS ?= 2
HOST ?= 127.0.0.1
PORT ?= 8000
ARGS ?=
# The address people open (links in e-mails, canonical URLs, sitemap, feeds): seed_demo sets
# the Site's root URL from it. Set it when HOST=0.0.0.0, e.g. BASE_URL=http://192.0.2.10:8000.
BASE_URL ?= $(or $(WAGTAILADMIN_BASE_URL),http://localhost:$(PORT))
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.DEFAULT_GOAL := help
.PHONY: help demo install test browser-deps lint messages check

help: ## list the targets
	@echo "Binjai Smart City portal: make TARGET"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 16
	@echo "Variables: HOST=$(HOST) PORT=$(PORT) BASE_URL=$(BASE_URL) ARGS='$(ARGS)' (extra pytest arguments)"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(PY) ## create .venv and install the requirements (runtime and test)
	$(PIP) install --quiet -r requirements-dev.txt

demo: install ## migrate, seed demo content and serve on 127.0.0.1:8000 (HOST=, PORT=, BASE_URL=)
	$(PY) manage.py migrate --noinput
	WAGTAILADMIN_BASE_URL=$(BASE_URL) $(PY) manage.py seed_demo
	WAGTAILADMIN_BASE_URL=$(BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

browser-deps: ## install Debian's Chromium and axe-core for the browser tests
	bash .ci/browser-deps

test: install browser-deps ## run the whole test suite in WORKERS processes (default 2); ARGS="…" passes pytest arguments
	$(PY) -m pytest -p no:cacheprovider --create-db -n $(WORKERS) $(ARGS)

lint: install ## ruff lint and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

check: install ## Django system checks and the missing-migrations check
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: install ## regenerate and compile the translation catalogues
	$(PY) manage.py makemessages -l id -l en --ignore=.venv --ignore=node_modules --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules
