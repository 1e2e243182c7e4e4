#!/usr/bin/env bash
# Run a school101 command on a web or worker host with exactly the units' settings and user:
#   /opt/school101/deploy/flask.sh users create admin@school.example --role admin --password '…'
#   /opt/school101/deploy/flask.sh grading reconcile
# (the env files are systemd's syntax, not the shell's: systemd reads them here too).
set -euo pipefail
exec systemd-run --quiet --wait --pipe --collect \
  --uid=school101 --gid=school101 \
  -p EnvironmentFile=/etc/school101/school101.env \
  -p EnvironmentFile=-/etc/school101/host.env \
  -p WorkingDirectory=/opt/school101 \
  /opt/school101/.venv/bin/flask --app school101 "$@"
