#!/bin/sh
to_dec()
{
	n=0
	s=$1
	while [ -n "$s" ]
	do
		d=${s%"${s#?}"}
		s=${s#?}
		n=$((n * 5 + $(printf '%s' "$d" | tr "'\\\\\"?!mrdoc" '0123401234')))
	done
	echo "$n"
}
sum=$(( $(to_dec "$FT_NBR1") + $(to_dec "$FT_NBR2") ))
out=""
while [ "$sum" -gt 0 ]
do
	out=$(printf '%s' "$((sum % 13))" | sed 's/^12$/f/; s/^11$/m/; s/^10$/e/' | tr '0123456789' 'gtaio luSn')$out
	sum=$((sum / 13))
done
[ -z "$out" ] && out=g
echo "$out"
