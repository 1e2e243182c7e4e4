#!/bin/sh
grep -v -E '^[[:blank:]]*(#|$)'
exit 0
