#!/usr/bin/env bash
# The whole suite on SQLite (with Redis, Docker and a real browser), then the database-facing
# tests again on PostgreSQL. pytest's "no tests collected" (exit 5) counts as a failure.
set -uo pipefail
PY=.venv/bin/python
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:${REDIS_PORT:-6399}/15}"
PG_URL="${TEST_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:${PG_PORT:-5439}/school101_test}"
status=0
echo "== tests on SQLite =="
$PY -m pytest -p no:cacheprovider "$@" || status=$?
echo "== tests on PostgreSQL =="
TEST_DATABASE_URL="$PG_URL" $PY -m pytest -p no:cacheprovider -m "not docker and not e2e" \
  --ignore=tests/grader --ignore=tests/exercises "$@" || { s=$?; [ $status -eq 0 ] && status=$s; }
exit $status
