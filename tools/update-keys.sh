#!/bin/sh
# update-keys.sh FILE BEGIN END GENERATED: replace the lines between the
# marker lines BEGIN and END of FILE with the lines of GENERATED (the
# markers stay).  `make update-keys` runs it for README.md and margo.1;
# it fails, changing nothing, when a marker is missing.
set -e
file=$1 begin=$2 end=$3 gen=$4
tmp=$file.keys-tmp
KEYS_BEGIN=$begin KEYS_END=$end KEYS_GEN=$gen awk '
	BEGIN { begin = ENVIRON["KEYS_BEGIN"]; end = ENVIRON["KEYS_END"]; gen = ENVIRON["KEYS_GEN"] }
	$0 == begin { print; while ((getline line < gen) > 0) print line; skip = 1; nb++; next }
	$0 == end { skip = 0; ne++ }
	!skip { print }
	END { if (nb != 1 || ne != 1) exit 1 }
' "$file" > "$tmp" || { rm -f "$tmp"; echo "update-keys: $file: needs one \"$begin\" and one \"$end\" line" >&2; exit 1; }
if cmp -s "$tmp" "$file"; then rm -f "$tmp"; else mv "$tmp" "$file"; echo "update-keys: $file rewritten"; fi
