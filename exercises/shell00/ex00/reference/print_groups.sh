#!/bin/sh
while IFS=: read -r name pass gid members || [ -n "$name" ]
do
	case ",$members," in
		*",$FT_USER,"*) printf '%s\n' "$name" ;;
	esac
done | tr '\n' ',' | sed 's/,$//'
