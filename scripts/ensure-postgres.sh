#!/usr/bin/env bash
# Start a private PostgreSQL cluster on 127.0.0.1:${PG_PORT:-5439} (trust auth, loopback only)
# with the databases school101 and school101_test, unless it already answers.
set -euo pipefail
PORT="${PG_PORT:-5439}"
RUN_DIR="$(pwd)/.run"
DATA="$RUN_DIR/pgdata"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$BIN" ]; then
  echo "ensure-postgres: PostgreSQL is not installed (run make install as root)" >&2
  exit 1
fi
as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
mkdir -p "$RUN_DIR"
if ! "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q; then
  if [ ! -s "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$DATA"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  [ "$(id -u)" = "0" ] && chown -R postgres:postgres "$DATA"
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DATA -c fsync=off -c max_connections=200" start >/dev/null
fi
for db in school101 school101_test school101_bench; do
  if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
    "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$db"
  fi
done
echo "postgres on 127.0.0.1:$PORT" >&2
