#!/bin/sh
total=0
while read n
do
	total=$((total + n))
done
echo "$total"
