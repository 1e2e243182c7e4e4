#!/bin/sh
sed -n 'n;p' | grep -v '^#' | cut -d: -f1 | tr 'a-z' 'A-Z' | sort -r \
	| sed -n "${FT_LINE1},${FT_LINE2}p" | tr '\n' ',' | sed 's/,$/./; s/,/, /g'
