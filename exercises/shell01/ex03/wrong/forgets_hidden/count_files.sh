#!/bin/sh
echo $(( $(find * | wc -l) + 1 ))
