#!/bin/sh
total=0
while IFS= read -r n || [ -n "$n" ]
do
	if [ -n "$n" ]
	then
		total=$((total + n))
	fi
done
echo "$total"
