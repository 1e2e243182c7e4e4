#!/bin/sh
sed -n 's/^[[:space:]]*\(link\/\)\{0,1\}ether[[:space:]][[:space:]]*\([^[:space:]]*\).*/\2/p'
