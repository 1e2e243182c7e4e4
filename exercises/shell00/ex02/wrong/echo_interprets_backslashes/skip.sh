#!/bin/sh
i=0
while IFS= read -r line
do
	if [ $((i % 2)) -eq 0 ]
	then
		echo "$line"
	fi
	i=$((i + 1))
done
