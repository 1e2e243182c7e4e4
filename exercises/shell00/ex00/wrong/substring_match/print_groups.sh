#!/bin/sh
grep "$FT_USER" | cut -d: -f1 | tr '\n' ',' | sed 's/,$//'
