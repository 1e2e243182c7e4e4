#!/bin/sh
n=0
while read line || [ -n "$line" ]
do
	n=$((n + 1))
done
echo "$n"
