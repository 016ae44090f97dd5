# Thermometer — set-up, demo, tests and benchmarks. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PG_DEFAULT_URL := postgres://postgres@127.0.0.1:5432/test

# A Python >= 3.12: python3.13/python3.12/python3 on PATH, else a pyenv version.
define FIND_PYTHON
for c in python3.13 python3.12 python3; do \
  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$c; exit 0; fi; \
done; \
root=$$(pyenv root 2>/dev/null); \
for p in $$(ls -d $$root/versions/3.* 2>/dev/null | sort -rV); do \
  if [ -x $$p/bin/python3 ] && $$p/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo $$p/bin/python3; exit 0; fi; \
done
endef

.PHONY: help setup demo serve worker test lint messages bench clean

help:
	@echo "make demo   install, migrate, load the demo data and serve on http://127.0.0.1:8000"
	@echo "make test   install, then lint, migration check and the whole test suite (SQLite, PostgreSQL, browser)"
	@echo "make setup  install only (.venv and node_modules)"
	@echo "make worker run the background task worker"
	@echo "make bench  run the benchmarks (NAME=x for one), JSON results in bench/results/"

$(VENV)/.installed: pyproject.toml
	@py="$$( $(FIND_PYTHON) )"; \
	if [ -z "$$py" ]; then \
	  echo "No Python 3.12 or newer found. Install one (e.g. 'pyenv install 3.12') or put python3.12 on PATH." >&2; exit 1; \
	fi; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  rm -rf $(VENV); echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is required (Node.js 20 or newer)." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.installed node_modules/.installed
	$(PY) scripts/compile_messages.py
	@$(PY) scripts/local_env.py

demo: setup
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	@echo "Serving on http://127.0.0.1:8000 (the task worker runs alongside; Ctrl-C stops both)"
	@trap 'kill 0' EXIT; DEBUG=1 $(PY) manage.py worker & DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

worker: setup
	DEBUG=1 $(PY) manage.py worker

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run --settings=thermometer.conf.test

# The suite on SQLite with the browser tests, then on PostgreSQL when one answers.
# Two processes (pytest-xdist): the machine has two cores, and each process gets its own
# test database and live server.
test: lint
	$(VENV)/bin/pytest -q -n 2
	@url="$${DATABASE_URL:-}"; \
	if [ -z "$$url" ] && $(PY) -c 'import socket; socket.create_connection(("127.0.0.1", 5432), 2)' 2>/dev/null; then url=$(PG_DEFAULT_URL); fi; \
	case "$$url" in \
	  postgres*) echo "Running the suite on PostgreSQL ($$url)"; DATABASE_URL="$$url" $(VENV)/bin/pytest -q -n 2 -m "not browser";; \
	  *) echo "No PostgreSQL found (set DATABASE_URL or run one on 127.0.0.1:5432): PostgreSQL run skipped.";; \
	esac

messages: setup
	cd thermometer && for app in */; do \
	  if [ -d "$$app/locale" ]; then (cd $$app && ../../$(PY) ../../manage.py makemessages -l nl --no-obsolete); fi; \
	done
	$(PY) scripts/compile_messages.py

bench: setup
	$(PY) bench/run.py $(NAME)

clean:
	rm -rf $(VENV) node_modules staticfiles
