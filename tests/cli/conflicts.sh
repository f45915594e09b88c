#!/bin/bash
# conflicts.sh: the conflicts an import leaves are shown and resolved.
# A conflict is made by importing a changed copy of an exported
# annotation; margo conflicts lists it with both versions (plain and JSON
# Lines), listings and exports mark the annotation, an export carries the
# other version and its import keeps it, and --keep mine, theirs or both
# resolves it (an unknown id exits 1 and says so).
. "$top_srcdir/tests/lib.sh"

mkdir "$TEST_TMP/corpus"
cp "$top_srcdir"/corpus/*.txt "$TEST_TMP/corpus/"
"$MARGO" add "$TEST_TMP/corpus" >/dev/null 2>&1

# A library with one annotation, and an older copy of it changed
# elsewhere: importing it leaves a conflict (ours, newer, is kept).
make_conflict() {
	"$MARGO" --db "$1" add "$TEST_TMP/corpus" >/dev/null 2>&1
	"$MARGO" --db "$1" import "$TEST_TMP/mine.jsonl" >/dev/null
	"$MARGO" --db "$1" import "$TEST_TMP/older.jsonl"
}

id=$("$MARGO" annotate 4 0 11 --tag "luoghi, russia" --note "nostra nota" --author io)
short=${id#urn:uuid:}
"$MARGO" export --format jsonl -o "$TEST_TMP/mine.jsonl"
sed -e 's/nostra nota/loro nota/' -e 's/"value":"russia"/"value":"cremlino"/' \
	-e 's/"modified":"[^"]*"/"modified":"2001-01-01T00:00:00Z"/' \
	"$TEST_TMP/mine.jsonl" >"$TEST_TMP/older.jsonl"

# ---- listing ---------------------------------------------------------------------
out=$("$MARGO" import "$TEST_TMP/older.jsonl")
is "$out" "0 added, 0 unchanged, 0 updated, 1 conflicts, 0 skipped" "an older changed copy is a conflict"
out=$("$MARGO" conflicts)
is "$?" 0 "margo conflicts exits 0"
has "$out" "#1  $short  article 4: " "it lists the conflict, its annotation and article"
like "$out" '^  this library +[0-9T:-]+Z  \[luoghi, russia\]  by io  "Il Cremlino"  note: nostra nota$' \
	"this library's version: tags, author, quote, note"
like "$out" '^  imported +2001-01-01T00:00:00Z  \[cremlino, luoghi\]  by io  "Il Cremlino"  note: loro nota$' \
	"and the imported one"
json=$("$MARGO" conflicts --format jsonl)
is "$(printf '%s\n' "$json" | wc -l)" 1 "JSON Lines: one line a conflict"
has "$json" "{\"conflict\":1,\"annotation\":\"$id\",\"article\":4," "with the conflict, annotation and article"
has "$json" '"mine":{"@context":"http://www.w3.org/ns/anno.jsonld"' "mine is a W3C annotation"
has "$json" '"purpose":"commenting","value":"loro nota"' "theirs carries their note"
has "$json" '"created":"' "and when it was recorded"
has "$("$MARGO" annotations)" "! conflict" "margo annotations marks the annotation"
has "$("$MARGO" export --format csv)" '"exact, conflict"' "CSV says it in the status"
has "$("$MARGO" export --format markdown)" "**Conflict:**" "Markdown says it under the note"

# ---- export round trip -----------------------------------------------------------------
exp=$("$MARGO" export --format jsonl)
has "$exp" '"conflicts":[{"@context"' "the export carries the other version in margo.conflicts"
has "$exp" '"value":"loro nota"' "with its note"
printf '%s\n' "$exp" >"$TEST_TMP/rt.jsonl"
"$MARGO" --db "$TEST_TMP/rt.db" add "$TEST_TMP/corpus" >/dev/null 2>&1
"$MARGO" --db "$TEST_TMP/rt.db" import "$TEST_TMP/rt.jsonl" >/dev/null
is "$("$MARGO" --db "$TEST_TMP/rt.db" conflicts)" "$("$MARGO" conflicts)" \
	"importing the export keeps the conflict"
"$MARGO" --db "$TEST_TMP/rt.db" import "$TEST_TMP/rt.jsonl" >/dev/null
is "$("$MARGO" --db "$TEST_TMP/rt.db" conflicts | grep -c '^#')" 1 "importing it twice records it once"
"$MARGO" export --format w3c -o "$TEST_TMP/rt.w3c"
"$MARGO" --db "$TEST_TMP/w3c.db" add "$TEST_TMP/corpus" >/dev/null 2>&1
"$MARGO" --db "$TEST_TMP/w3c.db" import "$TEST_TMP/rt.w3c" >/dev/null 2>&1
has "$("$MARGO" --db "$TEST_TMP/w3c.db" conflicts)" "note: loro nota" "and so does the W3C export"
hasnt "$("$MARGO" --db "$TEST_TMP/w3c.db" conflicts --format jsonl)" '"conflicts":[' \
	"a version not kept carries no conflicts of its own"

# ---- resolving -----------------------------------------------------------------------------
err=$("$MARGO" conflicts --keep theirs 0000 2>&1)
is "$?" 1 "an unknown id exits 1"
has "$err" 'no open conflict "0000"' "and says so"
err=$("$MARGO" conflicts --keep all 1 2>&1)
is "$?" 2 "--keep takes mine, theirs or both"
has "$err" "mine, theirs or both" "and says so"

cp "$MARGO_DB" "$TEST_TMP/theirs.db"
cp "$MARGO_DB" "$TEST_TMP/both.db"
out=$("$MARGO" conflicts --keep mine "$short")
is "$?" 0 "keep mine by annotation id"
has "$out" "kept this library's version" "says what it did"
is "$("$MARGO" conflicts)" "" "a resolved conflict no longer shows"
has "$("$MARGO" annotations --format jsonl)" '"value":"nostra nota"' "our note stays"
hasnt "$("$MARGO" annotations)" "! conflict" "and the mark goes"
hasnt "$("$MARGO" export --format jsonl)" '"conflicts"' "nor does the export carry it"

"$MARGO" --db "$TEST_TMP/theirs.db" conflicts --keep theirs 1 >/dev/null
is "$?" 0 "keep theirs by number"
j=$("$MARGO" --db "$TEST_TMP/theirs.db" annotations --format jsonl)
is "$(printf '%s\n' "$j" | wc -l)" 1 "still one annotation"
has "$j" "\"id\":\"$id\"" "under the same id"
has "$j" '"value":"loro nota"' "with their note"
has "$j" '"value":"cremlino"' "and their tags"
hasnt "$j" '"value":"nostra nota"' "ours is dropped"
is "$("$MARGO" --db "$TEST_TMP/theirs.db" conflicts)" "" "and the conflict is closed"

out=$("$MARGO" --db "$TEST_TMP/both.db" conflicts --keep both "$id")
like "$out" "kept both; the imported version is annotation [0-9a-f-]{36}$" "keep both names the new annotation"
new=${out##* }
j=$("$MARGO" --db "$TEST_TMP/both.db" annotations --format jsonl)
is "$(printf '%s\n' "$j" | wc -l)" 2 "two annotations now"
has "$j" "\"id\":\"urn:uuid:$new\"" "theirs under a new id"
is "$("$MARGO" --db "$TEST_TMP/both.db" annotations --article 4 | grep -c "Il Cremlino")" 2 \
	"both on the same passage"
has "$j" '"value":"nostra nota"' "ours kept"
has "$j" '"value":"loro nota"' "theirs kept"
is "$("$MARGO" --db "$TEST_TMP/both.db" conflicts)" "" "the conflict is closed"
err=$("$MARGO" --db "$TEST_TMP/both.db" conflicts --keep both 1 2>&1)
is "$?" 1 "a resolved conflict cannot be resolved again"

# Two conflicts on one annotation: its id alone does not say which.
make_conflict "$TEST_TMP/two.db" >/dev/null
sed -e 's/loro nota/altra nota/' "$TEST_TMP/older.jsonl" >"$TEST_TMP/older2.jsonl"
"$MARGO" --db "$TEST_TMP/two.db" import "$TEST_TMP/older2.jsonl" >/dev/null
err=$("$MARGO" --db "$TEST_TMP/two.db" conflicts --keep mine "$short" 2>&1)
is "$?" 1 "an annotation with two conflicts is not enough"
has "$err" "has 2 open conflicts; give the number of one" "and margo says to give a number"

done_testing
