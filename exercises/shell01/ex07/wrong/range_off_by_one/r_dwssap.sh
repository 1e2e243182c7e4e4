#!/bin/sh
grep -v '^#' | sed -n 'n;p' | cut -d: -f1 \
	| sed '/\n/!G; s/\(.\)\(.*\n\)/&\2\1/; //D; s/.//' | sort -r \
	| tail -n +"$FT_LINE1" | head -n "$((FT_LINE2 - FT_LINE1))" | tr '\n' ',' | sed 's/,$/./; s/,/, /g'
