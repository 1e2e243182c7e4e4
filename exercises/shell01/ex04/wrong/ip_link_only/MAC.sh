#!/bin/sh
grep 'link/ether' | sed 's/^ *link\/ether //' | cut -d' ' -f1
