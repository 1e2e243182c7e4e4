#!/bin/sh
grep -w "$FT_USER" "$FT_GROUP_FILE" | cut -d: -f1 | tr '\n' ',' | sed 's/,$//'
