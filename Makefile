# Consortia — `make run` to try it, `make test` to test it. Needs only Python 3.11+.
# The first interpreter found that really runs and is 3.11 or newer (pyenv shims may not).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint assets assets-check clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Consortia needs Python 3.11 or newer: none was found." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Consortia needs Python 3.11 or newer (found " + sys.version.split()[0] + ").")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

## Install, migrate, load the demo into an empty database, and serve on http://127.0.0.1:8000
## ($$PORT to change it) with the task worker beside the web server; Ctrl-C stops both
run: $(VENV)/.installed
	$(BIN)/consortia migrate --noinput
	$(BIN)/consortia demo --if-empty
	HOST=$${HOST:-127.0.0.1} PORT=$${PORT:-8000} LOG_FORMAT=$${LOG_FORMAT:-console} $(BIN)/consortia run

## Install the test dependencies and run the whole suite (set DATABASE_URL for PostgreSQL):
## in parallel, one pytest-xdist worker per core, each with its own test database; then the
## deployment tests (deploy/) in one process, so the wheel is built once and no two of them
## share Redis's sign-in limits at a time. (xdist's own grouping, --dist loadgroup, does not
## work with pytest 9.2: it groups by a node id that pytest no longer reads.)
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n auto -m "not deploy"
	$(BIN)/pytest -m deploy

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check consortia e2e deploy conftest.py
	$(BIN)/lint-imports
	$(BIN)/mypy

## Rebuild the design-system CSS and JavaScript from npm (needs Node.js); commit the result
assets:
	npm ci --no-audit --no-fund
	npm run build

## Fail if the committed assets differ from a fresh build
assets-check: assets
	git diff --exit-code -- consortia/static/

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache
