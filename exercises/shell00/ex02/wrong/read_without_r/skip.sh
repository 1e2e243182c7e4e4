#!/bin/sh
i=0
while read line
do
	if [ $((i % 2)) -eq 0 ]
	then
		echo $line
	fi
	i=$((i + 1))
done
