#!/bin/sh
i=1
ls -l | while read line
do
	if [ $((i % 2)) -eq 1 ]
	then
		echo $line
	fi
	i=$((i + 1))
done
