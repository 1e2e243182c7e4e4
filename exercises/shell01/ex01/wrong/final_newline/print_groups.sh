#!/bin/sh
grep -E "^[^:]*:[^:]*:[^:]*:(.*,)?$FT_USER(,.*)?\$" "$FT_GROUP_FILE" | cut -d: -f1 | paste -sd, -
