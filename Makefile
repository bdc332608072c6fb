# The two commands of README's quick start: `make run` and `make test`.
# Everything else here is a step of those two, or a tool for developers.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev migrate demo messages index lint e2e load backup restore clean

# The venv is rebuilt when a pin changes.
$(BIN)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(BIN)/.installed
install-dev: $(BIN)/.installed-dev

# Compiled catalogues (.mo) are committed, so neither `run` nor `test` needs
# gettext. After changing interface strings: `make messages` (needs GNU gettext,
# Debian package gettext), translate the new entries in site/locale/fr, run it again.
messages: install
	$(MANAGE) makemessages --locale=fr --locale=en --ignore=.venv --ignore=var --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo --if-empty

index: migrate
	$(MANAGE) update_index

run: demo index
	@echo "APESS 53: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, see README for accounts)"
	$(MANAGE) runserver $(HOST):$(PORT)

# The load test (tests/load, marker `load`) takes minutes and a server of its own: `make load`.
# One pytest-xdist worker per core, each with its own test database and media folder; each
# worker receives tests in collection order (pytest-django's order: browser tests, which empty
# the database, after the others). Ends with the 20 slowest tests.
test: install-dev
	$(BIN)/pytest -m "not load" -n auto --durations=20

e2e: install-dev
	$(BIN)/pytest tests/e2e

# A minute of Locust traffic (visitors browsing and searching, members posting) against a
# scratch demo site served by gunicorn on 127.0.0.1; prints the summary, fails on any error.
load: install-dev
	$(BIN)/pytest -m load -s tests/load

# Database and media in one archive (README: Backup and restore).
backup: install
	$(MANAGE) backup --output var/backups/

# ARCHIVE=var/backups/apess53-….tar.gz make restore  (asks for confirmation)
restore: install
	@test -n "$(ARCHIVE)" || { echo "Usage: ARCHIVE=var/backups/apess53-….tar.gz make restore" >&2; exit 2; }
	$(MANAGE) restore "$(ARCHIVE)"

lint: install-dev
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run

# Times the main pages in-process against a trivial view (issue #7); the page cache in files,
# as production keeps it. For figures at scale, on a
# scratch database: DATABASE_URL=sqlite:////tmp/scale.sqlite3, `make demo`, then
# `$(MANAGE) load_scale`, then `make bench`. Figures also in var/benchmark.json.
.PHONY: bench
bench: demo
	DEBUG=False PAGE_CACHE_URL=filecache://$(CURDIR)/var/cache/benchmark-pages \
		$(MANAGE) benchmark --json var/benchmark.json

clean:
	rm -rf $(VENV) var db.sqlite3
