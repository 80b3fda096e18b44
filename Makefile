# Gemeinwohl: two commands for a new user.
#   make run   install, migrate an SQLite database, load the demo data, serve on 127.0.0.1:$(PORT)
#   make test  install what the tests need (incl. Debian's chromium) and run the whole suite
#              on SQLite and, where it is reachable (always in CI), on PostgreSQL

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check --quiet
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/gemeinwohl
PYTEST_ARGS ?=

.PHONY: run test install install-test chromium lint test-sqlite test-postgres postgres bench messages

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: requirements/base.txt | $(PY)
	$(PIP) install -r requirements/base.txt
	touch $@

$(VENV)/.test-installed: requirements/test.txt requirements/base.txt | $(PY)
	$(PIP) install -r requirements/test.txt
	touch $@ $(VENV)/.base-installed

install: $(VENV)/.base-installed

install-test: $(VENV)/.test-installed chromium

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Gemeinwohl läuft auf http://127.0.0.1:$(PORT) (Demo-Konten: siehe README.md)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

test-sqlite: $(VENV)/.test-installed
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
		command -v pg_ctlcluster >/dev/null 2>&1 && \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start 2>/dev/null; \
		for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; } || true

test-postgres: $(VENV)/.test-installed postgres
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(PY) -m pytest $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable on 127.0.0.1:5432, but CI must test against it." >&2; exit 1; \
	else \
		echo "PostgreSQL is not reachable on 127.0.0.1:5432: skipping the PostgreSQL run."; \
	fi

# The two databases' runs go side by side (two processes, each with its own test database, media
# folder and browser); each run's output is printed in one piece when it ends.
test: install-test lint postgres
	@echo "Running the suite on SQLite and on PostgreSQL side by side; each prints its results when done."
	@$(MAKE) --no-print-directory --output-sync=target -j2 test-sqlite test-postgres

bench: $(VENV)/.test-installed postgres
	DATABASE_URL=$(PG_URL) $(PY) bench/run.py

messages: $(VENV)/.test-installed
	cd gemeinwohl && ../$(PY) ../manage.py makemessages -l en --no-obsolete --no-location --ignore="*/tests/*"
	cd gemeinwohl && ../$(PY) ../manage.py compilemessages -l en
