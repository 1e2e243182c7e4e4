#!/bin/sh
n1=$(echo "$FT_NBR1" | tr "'\\\\\"?!" '01234')
n2=$(echo "$FT_NBR2" | tr 'mrdoc' '01234')
echo "obase=13; ibase=5; $n1 + $n2" | BC_LINE_LENGTH=0 bc | tr '0123456789ABC' 'gtaioluSnemf'
