# school101 — the two commands users need: `make run` and `make test` (see README).
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

.PHONY: install system-packages venv services redis postgres migrate seed run worker web test \
        test-sqlite test-postgres lint clean
.DEFAULT_GOAL := help

help:
	@echo "make run    set everything up and start the app + a worker (grading, mail)"
	@echo "make test   set everything up and run the whole test suite"
	@echo "make install | services | migrate | seed | lint | bench-grader | clean"

## install: system packages (when root), the virtualenv and every Python dependency
install: system-packages venv

system-packages:
	@bash scripts/install-system.sh

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip
	@$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	@$(PY) -c "from school101.i18n import compile_catalogs; compile_catalogs(force=True)"
	@touch $@

## services: private Redis (and PostgreSQL for tests), Docker engine
redis: install
	@bash scripts/ensure-redis.sh

postgres: install
	@bash scripts/ensure-postgres.sh

migrate: install
	@$(PY) -m flask db upgrade

seed: migrate
	@$(PY) -m flask seed-demo

include $(wildcard mk/*.mk)

run: install redis grader-image migrate seed
	@bash scripts/run.sh

test: install redis postgres grader-image
	@bash scripts/test.sh $(PYTEST_ARGS)

lint: install
	@$(VENV)/bin/ruff check school101 grader tests

clean:
	rm -rf .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
