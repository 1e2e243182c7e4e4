#!/bin/sh
grep -e "^[^:]*:[^:]*:[^:]*:\(.*,\)\{0,1\}$(printf '%s' "$FT_USER" | sed 's/[][\.*^$/]/\\&/g')\(,.*\)\{0,1\}\$" -- "${FT_GROUP_FILE:-/etc/group}" \
	| cut -d: -f1 | tr '\n' ',' | sed 's/,$//'
