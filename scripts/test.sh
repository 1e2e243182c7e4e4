#!/usr/bin/env bash
# The whole suite on SQLite (with Redis, Docker and a real browser), then the database-facing
# tests again on PostgreSQL: every test but those marked docker, e2e or nodb (the grader and the
# exercise content). pytest's "no tests collected" (exit 5) counts as a failure.
#
# Both passes run on pytest-xdist workers (PYTEST_WORKERS: a number, or auto = one per core;
# 0 runs serially in this process). Each worker has its own Redis database (the number of
# TEST_REDIS_URL minus the worker's index) and its own PostgreSQL database (school101_test_gw0,
# ...); the schema is built once per worker (tests/fixtures/database.py).
# The tests' temporary files (their SQLite databases among them) live in memory under /dev/shm
# when it is there (TEST_TMPDIR to choose another place), removed at the end.
set -uo pipefail
PY=.venv/bin/python
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:${REDIS_PORT:-6399}/15}"
PG_URL="${TEST_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:${PG_PORT:-5439}/school101_test}"
WORKERS="${PYTEST_WORKERS:-auto}"
PARALLEL=(-n "$WORKERS" --dist load)
[ "$WORKERS" = "0" ] && PARALLEL=(-p no:xdist)
TMP_ROOT="${TEST_TMPDIR:-}"
if [ -z "$TMP_ROOT" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then TMP_ROOT=/dev/shm; else TMP_ROOT="${TMPDIR:-/tmp}"; fi
fi
BASETEMP="$(mktemp -d "$TMP_ROOT/school101-tests.XXXXXX")"
trap 'rm -rf "$BASETEMP"' EXIT
status=0
echo "== tests on SQLite =="
$PY -m pytest -p no:cacheprovider "${PARALLEL[@]}" --basetemp="$BASETEMP/sqlite" "$@" || status=$?
echo "== tests on PostgreSQL =="
TEST_DATABASE_URL="$PG_URL" $PY -m pytest -p no:cacheprovider "${PARALLEL[@]}" --basetemp="$BASETEMP/postgres" \
  -m "not docker and not e2e and not nodb" "$@" || { s=$?; [ $status -eq 0 ] && status=$s; }
exit $status
