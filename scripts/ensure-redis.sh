#!/usr/bin/env bash
# Start a private Redis on 127.0.0.1:${REDIS_PORT:-6399} (no persistence) unless it already answers.
set -euo pipefail
PORT="${REDIS_PORT:-6399}"
RUN_DIR="$(pwd)/.run"
mkdir -p "$RUN_DIR"
if redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1; then
  exit 0
fi
if ! command -v redis-server >/dev/null; then
  echo "ensure-redis: redis-server is not installed (run make install as root)" >&2
  exit 1
fi
redis-server --port "$PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
  --dir "$RUN_DIR" --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log" >/dev/null
for _ in $(seq 1 50); do
  redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1 && { echo "redis on 127.0.0.1:$PORT" >&2; exit 0; }
  sleep 0.1
done
echo "ensure-redis: Redis did not start, see $RUN_DIR/redis.log" >&2
exit 1
