#!/usr/bin/env bash
# Start a worker (mail delivery and grading) in the background and the web app (gunicorn) in the foreground.
set -euo pipefail
PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-5000}"
mkdir -p .run
export REQUIRE_EMAIL_CONFIRMATION="${REQUIRE_EMAIL_CONFIRMATION:-1}"
export PUBLIC_URL="${PUBLIC_URL:-http://$HOST:$PORT}"
# Plain log lines with request ids (LOG_FORMAT=json in production: docs/operations.md).
export LOG_FORMAT="${LOG_FORMAT:-text}"
# The demo accounts share a published password: refuse to serve them beyond this machine.
# It also prints how the demo candidate turns in c00/ex00 today (upload or git), for the banner.
if ! TURN_IN="$($PY -m flask demo-check --turn-in)"; then
  echo "school101 not started: change the demo passwords, or keep PUBLIC_URL on 127.0.0.1/localhost." >&2
  exit 1
fi
$PY -m flask worker > .run/worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
cat <<MSG

  school101 is running: http://$HOST:$PORT/
  demo logins, DEMO ONLY (this machine): password demo-password-101
  (refused when PUBLIC_URL is not 127.0.0.1/localhost/::1 until the demo passwords are changed)
    admin     admin@101.example
    staff     staff@101.example
    candidate candidate@101.example (seated in a piscine whose day c00 is open today)
    employer  employer@101.example
  API: http://$HOST:$PORT/api/v1/openapi.json  ·  worker log: .run/worker.log
MSG
if [ -n "$TURN_IN" ]; then
  echo
  sed 's/^/  /' <<<"$TURN_IN"
fi
printf '\n  Stop with Ctrl-C.\n\n'
# Each gunicorn process writes its metrics here and /metrics adds them up; emptied at each
# start (set after the worker started: the worker keeps its own, docs/operations.md).
export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-$PWD/.run/prometheus}"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
exec .venv/bin/gunicorn --bind "$HOST:$PORT" --workers 2 --threads 4 --access-logfile - \
  "school101:create_app()"
