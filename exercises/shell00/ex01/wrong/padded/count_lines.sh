#!/bin/sh
grep -c '' | sed 's/^/ /'
