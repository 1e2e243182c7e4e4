#!/bin/sh
export LC_ALL=C
grep -v '^#' | sed -n 'n;p' | cut -d: -f1 \
	| sed '/\n/!G; s/\(.\)\(.*\n\)/&\2\1/; //D; s/.//' | sort -r \
	| sed -n "${FT_LINE1},${FT_LINE2}p" | tr '\n' ',' | sed 's/,$/./; s/,/, /g'
