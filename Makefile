# The two commands of the quick start: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_WORKERS ?= 2

.PHONY: run test test-search-node lint format serve check migrate demo clean-venv bench

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/activate
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

## run: install, migrate, load demo content, print the admin login and serve on http://127.0.0.1:8000
run: $(VENV)/.runtime-installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver $(HOST):$(PORT)

## test: lint, Django checks, migration check and the whole pytest suite (the browser tests after the others: each
## worker serves its own live site)
test: $(VENV)/.dev-installed lint
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup --ignore=tests/browser $(PYTEST_ARGS)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup tests/browser $(PYTEST_ARGS)

## test-search-node: the tests that touch search (marker `elasticsearch`) against a real, throwaway search node
test-search-node: $(VENV)/.dev-installed
	tools/search_node.sh $(BIN)/pytest -m elasticsearch -p no:randomly $(PYTEST_ARGS)

## lint: ruff, then the import contracts of pyproject.toml (cms imports no app, apps stay apart, no cycles)
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## serve: production-like serving (gunicorn + whitenoise) with production settings and a local .env
serve: $(VENV)/.runtime-installed
	$(PY) -m cms.prepare_env
	DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) load_demo
	DJANGO_SETTINGS_MODULE=cms.settings.production $(BIN)/gunicorn cms.wsgi:application \
		--config cms/gunicorn_conf.py --bind $(HOST):$(PORT)

bench: $(VENV)/.dev-installed
	$(PY) bench/pages.py
