#!/bin/sh
grep -c ''
exit 0
