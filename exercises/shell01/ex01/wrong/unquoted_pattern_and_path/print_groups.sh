#!/bin/sh
cat $FT_GROUP_FILE | grep -E "^[^:]*:[^:]*:[^:]*:([^:]*,)?$FT_USER(,[^:]*)?\$" | cut -d: -f1 | tr '\n' ',' | sed 's/,$//'
