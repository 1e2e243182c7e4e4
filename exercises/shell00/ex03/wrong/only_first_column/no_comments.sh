#!/bin/sh
grep -v '^#' | grep -v '^$'
exit 0
