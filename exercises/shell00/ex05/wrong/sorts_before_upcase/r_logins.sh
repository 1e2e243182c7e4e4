#!/bin/sh
grep -v '^#' | sed -n 'n;p' | cut -d: -f1 | sort -r | tr 'a-z' 'A-Z' \
	| sed -n "${FT_LINE1},${FT_LINE2}p" | tr '\n' ',' | sed 's/,$/./; s/,/, /g'
