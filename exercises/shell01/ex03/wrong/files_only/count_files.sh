#!/bin/sh
find . -type f | wc -l | tr -d ' '
