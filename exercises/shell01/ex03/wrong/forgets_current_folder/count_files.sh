#!/bin/sh
find . -mindepth 1 | wc -l | tr -d ' '
