#!/usr/bin/env bash
# Install the Debian packages the project needs (only when root and only what is missing).
# Redis and PostgreSQL servers, Docker engine, debootstrap (offline grader image),
# Chromium + its driver (browser tests), and a C toolchain (grader benchmark baseline).
set -euo pipefail
# nginx and gettext-base (envsubst): the deployment recipe's proxy, applied by tests/deploy.
PACKAGES=(redis-server postgresql debootstrap docker.io chromium chromium-driver gcc libc6-dev make git curl openssl nginx gettext-base)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install-system: not root; please install: ${missing[*]}" >&2
  exit 0
fi
echo "install-system: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian packages start their own services on some machines; we run private instances.
for svc in redis-server postgresql nginx; do
  (command -v service >/dev/null && service "$svc" stop >/dev/null 2>&1) || true
done
