#!/bin/sh
tr -d '\n'
echo
