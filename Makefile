# The two commands of README's quick start: `make run` and `make test`.
# Everything else here is a step of those two, or a tool for developers.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev migrate demo messages index lint e2e clean

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

test: install-dev
	$(BIN)/pytest

e2e: install-dev
	$(BIN)/pytest tests/e2e

lint: install-dev
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var db.sqlite3
