# school101 — the two commands users need: `make run` and `make test` (see README).
# `make help` lists every target with the comment after its `##`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
export REDIS_PORT ?= 6399
export PG_PORT ?= 5439
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := school101
export REDIS_URL ?= redis://127.0.0.1:$(REDIS_PORT)/0
TEST_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:$(PG_PORT)/school101_test
PYTEST_ARGS ?=

.PHONY: help install system-packages venv redis postgres migrate seed run test lint clean
.DEFAULT_GOAL := help

help: ## this list
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-zA-Z0-9_-]+:[^#]*## / {printf "  make %-20s %s\n", $$1, $$2}' \
	  $(MAKEFILE_LIST) | sort

install: system-packages venv ## system packages (when root), the virtualenv and every Python dependency

system-packages: ## Debian packages: Redis, PostgreSQL, Docker, debootstrap, Chromium (root only)
	@bash scripts/install-system.sh

venv: $(VENV)/.installed ## the virtualenv with the project and its dev dependencies

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip
	@$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	@$(PY) -c "from school101.i18n import compile_catalogs; compile_catalogs(force=True)"
	@touch $@

redis: install ## a private Redis on 127.0.0.1:$(REDIS_PORT)
	@bash scripts/ensure-redis.sh

postgres: install ## a private PostgreSQL on 127.0.0.1:$(PG_PORT) (tests and benchmarks)
	@bash scripts/ensure-postgres.sh

migrate: install ## apply the database migrations
	@$(PY) -m flask db upgrade

seed: migrate ## load the demo data (idempotent)
	@$(PY) -m flask seed-demo

include $(wildcard mk/*.mk)

run: install redis grader-image migrate seed ## set everything up, then serve the app with a worker
	@bash scripts/run.sh

test: install redis postgres grader-image lint ## set everything up, lint, then run the whole suite
	@bash scripts/test.sh $(PYTEST_ARGS)

lint: install ## ruff (rules and format) and the import-linter layer contracts
	@$(VENV)/bin/ruff check school101 grader tests benchmarks scripts migrations deploy
	@$(VENV)/bin/ruff format --check school101 grader tests benchmarks scripts migrations deploy
	@$(VENV)/bin/lint-imports --no-cache
	@$(PY) scripts/import_cycles.py

clean: ## remove caches
	rm -rf .pytest_cache .ruff_cache .import_linter_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
