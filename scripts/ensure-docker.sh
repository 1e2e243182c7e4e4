#!/usr/bin/env bash
# Make sure a Docker engine answers (idempotent). On a fresh machine, as root:
# install docker.io (and debootstrap, used to build the sandbox image offline)
# with apt, then start dockerd in the background without bridge/iptables (the
# grading containers never have a network), logging to .run/dockerd.log with
# its pidfile in .run/, and wait until it answers.
set -euo pipefail
RUN_DIR="$(pwd)/.run"
TIMEOUT="${DOCKER_START_TIMEOUT:-60}"
mkdir -p "$RUN_DIR"

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "ensure-docker: $* missing and not root; install it: apt-get install -y $*" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$@" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$@" >/dev/null; }
}

# debootstrap builds the sandbox image when no registry can be reached.
command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap || true

if docker info >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "ensure-docker: the Docker engine does not answer and we are not root; start it" \
       "(e.g. sudo systemctl start docker) or add this user to the docker group" >&2
  exit 1
fi
command -v dockerd >/dev/null 2>&1 || apt_install docker.io
command -v docker >/dev/null 2>&1 || apt_install docker.io

PIDFILE="$RUN_DIR/dockerd.pid"
if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  echo "ensure-docker: dockerd (pid $(cat "$PIDFILE")) is starting, waiting" >&2
else
  echo "ensure-docker: starting dockerd (log: $RUN_DIR/dockerd.log)" >&2
  nohup dockerd --bridge=none --iptables=false --ip6tables=false --pidfile "$PIDFILE" \
    >>"$RUN_DIR/dockerd.log" 2>&1 </dev/null &
fi
for _ in $(seq 1 $((TIMEOUT * 2))); do
  if docker info >/dev/null 2>&1; then
    echo "ensure-docker: Docker engine ready" >&2
    exit 0
  fi
  sleep 0.5
done
echo "ensure-docker: dockerd did not answer within ${TIMEOUT}s; see $RUN_DIR/dockerd.log" >&2
tail -n 20 "$RUN_DIR/dockerd.log" >&2 || true
exit 1
