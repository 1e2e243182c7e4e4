#!/bin/sh
find . \( -type f -o -type d \) -exec printf '.' \; | wc -c | tr -d ' '
