#!/bin/sh
out=""
while IFS=: read -r name pass gid members
do
	case ",$members," in
		*",$FT_USER,"*) out="$out,$name" ;;
	esac
done
printf '%s' "${out#,}"
