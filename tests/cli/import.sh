#!/bin/bash
# import.sh: `margo import` and `margo tag` on input that is too long, not
# text, unreadable, spaced differently or carrying odd ids and characters:
# each refused or repaired with a message naming the line, the rest kept,
# memory bounded by the line, never a silent success or a silent cut.
. "$top_srcdir/tests/lib.sh"

base="$top_srcdir/fuzz/annot_base.jsonl"
id1=urn:uuid:00000000-0000-4000-8000-000000000001
title1="Putin rafforza i legami con Kim Jong-un in una nuova alleanza che preoccupa il mondo"
uuid_re='^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

# An annotation of "Russia" in the first article, id $1, note $2 (JSON text
# inside the quotes), more members $3 (",..." or nothing).
annot() {
	printf '{"id":"%s","body":[{"purpose":"commenting","value":"%s"}],"target":{"selector":[{"type":"TextQuoteSelector","exact":"Russia"}]},"margo":{"title":"%s"%s}}\n' \
		"$1" "$2" "$title1" "${3:-}"
}
# N bytes of "x".
xs() { head -c "$1" /dev/zero | tr '\0' x; }

# bounded CMD...: run CMD for at most 60 s in at most 600 MB of address
# space (when the binary can run so: an address sanitizer cannot), so that
# a margo that reads forever or without bound fails here instead of
# filling the machine.
vlimit=
if (ulimit -v 600000 && "$MARGO" --help) >/dev/null 2>&1; then
	vlimit=600000
fi
bounded() {
	(
		[ -z "$vlimit" ] || ulimit -v "$vlimit"
		exec timeout 60 "$@"
	)
}

fresh_library

# ---- a line over the cap: refused, the rest imported -----------------------------------
{
	sed -n 1p "$base"
	annot urn:uuid:00000000-0000-4000-8000-0000000000aa "$(xs $((17 << 20)))"
	sed -n 3p "$base"
} >"$TEST_TMP/long.jsonl"
bounded "$MARGO" import "$TEST_TMP/long.jsonl" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 1 "a line over 16 MiB: import exits 1"
has "$(cat "$TEST_TMP/err")" "long.jsonl: line 2: longer than 16 MiB; skipped" \
	"and says which line and the limit"
is "$(cat "$TEST_TMP/out")" "2 added, 0 unchanged, 0 updated, 0 conflicts, 1 skipped" \
	"the lines around it are imported"
is "$("$MARGO" annotations | wc -l)" 2 "two annotations in the library"

# ---- a long line that is allowed, in a bounded address space --------------------------------
if [ -z "$vlimit" ]; then
	skip "a 12 MiB line imports in 250 MB of address space" "ulimit -v stops this build (sanitizers)"
else
	fresh_library
	annot urn:uuid:00000000-0000-4000-8000-0000000000bb "$(xs $((12 << 20)))" >"$TEST_TMP/big.jsonl"
	out=$(ulimit -v 250000; "$MARGO" import "$TEST_TMP/big.jsonl" 2>&1)
	is "$out" "1 added, 0 unchanged, 0 updated, 0 conflicts, 0 skipped" \
		"a 12 MiB line imports in 250 MB of address space"
fi

# ---- what cannot be read is a failure, not an empty success ---------------------------------
fresh_library
bounded "$MARGO" import /dev/zero >/dev/null 2>"$TEST_TMP/err"
is "$?" 3 "import /dev/zero exits 3"
has "$(cat "$TEST_TMP/err")" "/dev/zero: line 1: not text" "and says it is not text"
mkdir "$TEST_TMP/folder"
bounded "$MARGO" import "$TEST_TMP/folder" >/dev/null 2>"$TEST_TMP/err"
is "$?" 3 "import of a folder exits 3"
has "$(cat "$TEST_TMP/err")" "folder: Is a directory" "and says it is a folder"
bounded "$MARGO" tag </dev/zero >/dev/null 2>"$TEST_TMP/err"
is "$?" 3 "tag < /dev/zero exits 3"
has "$(cat "$TEST_TMP/err")" "tag: line 1: not text" "and says it is not text"
bounded "$MARGO" tag <"$TEST_TMP/folder" >/dev/null 2>"$TEST_TMP/err"
is "$?" 3 "tag reading a folder exits 3"
has "$(cat "$TEST_TMP/err")" "Is a directory" "and says why"

# ---- tag: a line over the cap skipped, the others tagged --------------------------------
{
	echo '{"id":1,"text":"Mario Draghi a Roma."}'
	printf '{"id":2,"text":"%s"}\n' "$(xs $((17 << 20)))"
	echo '{"id":3,"text":"Vladimir Putin a Mosca."}'
} >"$TEST_TMP/tag.jsonl"
bounded "$MARGO" tag <"$TEST_TMP/tag.jsonl" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 1 "tag with a line over 16 MiB exits 1"
has "$(cat "$TEST_TMP/err")" "tag: line 2: longer than 16 MiB; skipped" "and says which line"
is "$(grep -o '"id":[0-9]*' "$TEST_TMP/out" | tr '\n' ' ')" '"id":1 "id":3 ' \
	"the lines around it are tagged"
printf '{"id":"a\xffb","text":"Roma"}\n' | "$MARGO" tag >"$TEST_TMP/out"
has "$(cat "$TEST_TMP/out")" '"id":"a�b"' "an id that is not UTF-8 is written with U+FFFD"

# ---- links however the JSON is spaced ----------------------------------------------------
fresh_library
sed -e 's/":/": /g' -e 's/,"/, "/g' -e 's/\[{/[ { /g' "$base" >"$TEST_TMP/spaced.jsonl"
out=$("$MARGO" import "$TEST_TMP/spaced.jsonl" 2>&1)
is "$out" "3 added, 0 unchanged, 0 updated, 0 conflicts, 0 skipped
2 links added" "an export spaced differently imports with its links"
has "$("$MARGO" export --format jsonl)" \
	'"links":[{"target":"urn:uuid:00000000-0000-4000-8000-000000000001","kind":"same claim"}]' \
	"the link is in the library"

# ---- a NUL (\u0000) in a quote or a note: U+FFFD and said, never a silent cut ------------
fresh_library
printf '{"id":"urn:uuid:00000000-0000-4000-8000-0000000000c1","target":{"selector":[{"type":"TextQuoteSelector","exact":"Russia\\u0000 e Corea"}]},"margo":{"title":"%s"}}\n' \
	"$title1" >"$TEST_TMP/nul.jsonl"
annot urn:uuid:00000000-0000-4000-8000-0000000000c2 'prima\u0000dopo, e \\u0000 scritto' >>"$TEST_TMP/nul.jsonl"
"$MARGO" import "$TEST_TMP/nul.jsonl" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 1 "a NUL in a quote or a note: import exits 1"
is "$(cat "$TEST_TMP/out")" "2 added, 0 unchanged, 0 updated, 0 conflicts, 0 skipped" \
	"both annotations are kept"
like "$(cat "$TEST_TMP/err")" 'nul.jsonl: line 1: 1 character that was not valid UTF-8 .*\\u0000\) replaced with U\+FFFD' \
	"the NUL in the quote is reported, naming the line"
like "$(cat "$TEST_TMP/err")" 'nul.jsonl: line 2: 1 character that was not valid UTF-8 .* replaced with U\+FFFD' \
	"and the NUL in the note"
json=$("$MARGO" export --format jsonl 2>/dev/null)
has "$json" '"exact":"Russia� e Corea"' "the quote keeps what follows its NUL"
has "$json" '"value":"prima�dopo, e \\u0000 scritto"' \
	"the note keeps what follows its NUL, and a written \\u0000 stays as written"
printf '{"id":1,"text":"Roma\\u0000 e Mario Draghi"}\n' | "$MARGO" tag >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 1 "tag of a text with a NUL exits 1"
has "$(cat "$TEST_TMP/out")" '"text":"Mario Draghi"' "and tags the text after the NUL too"
has "$(cat "$TEST_TMP/err")" "tag: line 1: 1 NUL character (\\u0000) read as U+FFFD" "and says so"

# ---- text that is not UTF-8 in a note, an author, a tag: U+FFFD ------------------------------
fresh_library
printf '{"id":"urn:uuid:00000000-0000-4000-8000-0000000000d1","creator":"Ann\\ud800a","body":[{"purpose":"tagging","value":"tag\\udfff"},{"purpose":"commenting","value":"nota \xff\xfe fine"}],"target":{"selector":[{"type":"TextQuoteSelector","exact":"Russia"}]},"margo":{"title":"%s"}}\n' \
	"$title1" >"$TEST_TMP/bad.jsonl"
"$MARGO" import "$TEST_TMP/bad.jsonl" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$(cat "$TEST_TMP/out")" "1 added, 0 unchanged, 0 updated, 0 conflicts, 0 skipped" \
	"an annotation with bytes that are not UTF-8 is kept"
has "$(cat "$TEST_TMP/err")" "bad.jsonl: line 1: 4 characters that were not valid UTF-8" \
	"and margo says how many were replaced"
json=$("$MARGO" export --format jsonl)
has "$json" '"value":"nota �� fine"' "stray bytes in the note became U+FFFD"
has "$json" '"creator":"Ann�a"' "a lone surrogate in the author became U+FFFD"
has "$json" '"value":"tag�"' "and in a tag"
ok "the export is well-formed UTF-8" iconv -f UTF-8 -t UTF-8 -o /dev/null <<<"$json"

# ---- ids that are not UUID URNs get one; the file's links follow --------------------------
fresh_library
{
	annot x "the first"
	annot "$(xs $((1 << 20)))" "a megabyte id"
	annot 'a\u0001b' "control characters" ',"links":[{"kind":"follow-up","target":"x"}]'
	annot urn:uuid:00000000-0000-4000-8000-0000000000e1 "a good one" \
		',"links":[{"kind":"same claim","target":"x"}]'
} >"$TEST_TMP/ids.jsonl"
"$MARGO" import "$TEST_TMP/ids.jsonl" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 1 "ids that are not UUIDs: import exits 1"
is "$(cat "$TEST_TMP/out")" "4 added, 0 unchanged, 0 updated, 0 conflicts, 0 skipped
2 links added" "every annotation and both links are imported"
has "$(cat "$TEST_TMP/err")" \
	"ids.jsonl: 3 annotations had an id that is not a UUID URN (the first on line 1) and were given a new one" \
	"margo says how many ids it replaced, and the first line"
ids=$("$MARGO" export --format jsonl | grep -o '"id":"[^"]*"' | sed 's/"id":"//; s/"$//')
is "$(grep -cE "$uuid_re" <<<"$ids")" 4 "every id in the library is a UUID URN"
new_x=$("$MARGO" export --format jsonl | grep '"value":"the first"' | grep -o '"id":"[^"]*"' | sed 's/"id":"//; s/"$//')
like "$new_x" "$uuid_re" "the annotation once called x has a UUID"
is "$("$MARGO" export --format jsonl | grep -c "\"target\":\"$new_x\"")" 2 \
	"the links that named x point at its new id"
out=$("$MARGO" import "$TEST_TMP/ids.jsonl" 2>/dev/null)
is "$out" "0 added, 4 unchanged, 0 updated, 0 conflicts, 0 skipped" \
	"importing the file again finds the same new ids: nothing added"

done_testing
