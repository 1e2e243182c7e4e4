#!/bin/sh
printf '%s' "$(cat '"\?$*'\''MaRViN'\''*$?\"')"
