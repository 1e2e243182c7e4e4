#!/bin/sh
sed 's/#.*//' | grep -v -E '^[[:blank:]]*$'
exit 0
