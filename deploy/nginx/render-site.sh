#!/usr/bin/env bash
# Render the nginx site of school101 from school101.conf.template:
#   SERVER_NAME=piscine.school.example PUBLIC_URL=https://piscine.school.example \
#   WEB_UPSTREAMS="10.0.0.21:8000 10.0.0.22:8000" \
#   TLS_CERTIFICATE=/etc/ssl/school101/fullchain.pem TLS_CERTIFICATE_KEY=/etc/ssl/school101/key.pem \
#   deploy/nginx/render-site.sh > /etc/nginx/sites-available/school101
# Optional: HTTPS_LISTEN (443), HTTP_LISTEN (80), APP_DIR (/opt/school101).
# Adding a web host = adding it to WEB_UPSTREAMS, rendering again, `nginx -t && systemctl reload nginx`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${SERVER_NAME:?SERVER_NAME: the host name people use (as in PUBLIC_URL)}"
: "${PUBLIC_URL:?PUBLIC_URL: the same value as in school101.env}"
: "${WEB_UPSTREAMS:?WEB_UPSTREAMS: the web hosts, space-separated ADDRESS:PORT}"
: "${TLS_CERTIFICATE:?TLS_CERTIFICATE: the certificate chain (PEM)}"
: "${TLS_CERTIFICATE_KEY:?TLS_CERTIFICATE_KEY: its private key (PEM)}"
export HTTPS_LISTEN="${HTTPS_LISTEN:-443}" HTTP_LISTEN="${HTTP_LISTEN:-80}" APP_DIR="${APP_DIR:-/opt/school101}"
export SERVER_NAME PUBLIC_URL TLS_CERTIFICATE TLS_CERTIFICATE_KEY

# Values become nginx directives: refuse anything that could end one or open a block.
safe='^[][A-Za-z0-9._:/-]+$'
for name in SERVER_NAME PUBLIC_URL TLS_CERTIFICATE TLS_CERTIFICATE_KEY HTTPS_LISTEN HTTP_LISTEN APP_DIR; do
  if [[ ! "${!name}" =~ $safe ]]; then
    echo "render-site: $name has characters nginx would misread: ${!name}" >&2
    exit 2
  fi
done
address='^[][A-Za-z0-9.:-]+:[0-9]+$'
servers=""
for upstream in $WEB_UPSTREAMS; do
  if [[ ! "$upstream" =~ $address ]]; then
    echo "render-site: not ADDRESS:PORT in WEB_UPSTREAMS: $upstream" >&2
    exit 2
  fi
  servers+="    server $upstream max_fails=3 fail_timeout=10s;"$'\n'
done
export WEB_UPSTREAM_SERVERS="${servers%$'\n'}"
# only our variables: nginx's own ($host, $remote_addr, ...) stay as they are
envsubst '${WEB_UPSTREAM_SERVERS} ${SERVER_NAME} ${PUBLIC_URL} ${TLS_CERTIFICATE} ${TLS_CERTIFICATE_KEY} ${HTTPS_LISTEN} ${HTTP_LISTEN} ${APP_DIR}' \
  < "$here/school101.conf.template"
