# Chung Tay: two commands for people (`make run`, `make test`), one they both use (`make setup`).
# Everything installs into .venv and node_modules inside this folder; nothing global but
# the Debian programs the tests open files with (chromium, poppler-utils, zbar-tools), and only
# when they can be installed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9

.PHONY: setup run test lint check messages browser clean

# The stamps live inside what they stand for, so deleting .venv or node_modules re-installs.
PY_STAMP := $(VENV)/.synced
NODE_STAMP := node_modules/.synced

setup: $(PY_STAMP) $(NODE_STAMP) ## idempotent install of everything the site needs

$(PY_STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: export DJANGO_SETTINGS_MODULE ?= config.settings.dev
run: setup ## migrate, load the demo data and serve http://127.0.0.1:8000 on SQLite
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup browser ## the whole suite (PostgreSQL and Redis when DATABASE_URL / CELERY_BROKER_URL say so)
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

browser: ## chromium, poppler-utils and zbar-tools for the tests, installed when missing and possible
	@bash scripts/ensure-test-tools.sh

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

lock: ## re-pin Python dependencies after editing pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --group dev --python-version 3.11 --generate-hashes -q -o requirements.lock

messages: ## refresh and compile translation catalogues (needs GNU gettext)
	$(BIN)/python scripts/messages.py

clean:
	rm -rf $(VENV) node_modules static_root
