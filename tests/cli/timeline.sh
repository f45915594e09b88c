#!/bin/bash
# timeline.sh: margo timeline, an entity's mentions or a tag's annotations
# by month or year, as a table, JSON Lines or an SVG chart.
. "$top_srcdir/tests/lib.sh"

# ---- the bundled corpus: one dated article (2023-09), four undated ----------
fresh_library
js=$("$MARGO" timeline --format jsonl "Vladimir Putin")
is "$js" '{"period":"2023-09","count":6}
{"period":null,"count":17}' "jsonl: Putin's mentions of the dated month, the undated apart"
n=$("$MARGO" mentions --format jsonl "Vladimir Putin" | wc -l)
is "$n" 23 "the series counts what margo mentions lists (6 + 17)"
is "$("$MARGO" timeline --by year --format jsonl 'vladimir putin' | head -1)" \
	'{"period":"2023","count":6}' "--by year gives one line a year; names match as in margo mentions"
like "$("$MARGO" timeline 'Vladimir Putin')" '^2023-09 +6  #+$' "plain: the period, the count, a bar"

# ---- a corpus over two years --------------------------------------------------
cat >"$TEST_TMP/dated.jsonl" <<'J'
{"title":"Primo","date":"2023-11-02","text":"Il presidente russo Vladimir Putin ha incontrato Kim Jong-un a Mosca.\n\nVladimir Putin ha parlato a lungo."}
{"title":"Secondo","date":"2024-01-15","text":"Vladimir Putin ha ricevuto Kim Jong-un al Cremlino."}
{"title":"Terzo","date":"2024-01-20","text":"A Pyongyang, Kim Jong-un ha detto che Vladimir Putin verrà presto."}
{"title":"Quarto","text":"Vladimir Putin non ha commentato."}
J
MARGO_DB=$TEST_TMP/dated.db "$MARGO" add "$TEST_TMP/dated.jsonl" >/dev/null 2>&1
export MARGO_DB=$TEST_TMP/dated.db
is "$("$MARGO" timeline --format jsonl --by month 'Vladimir Putin')" '{"period":"2023-11","count":2}
{"period":"2023-12","count":0}
{"period":"2024-01","count":2}
{"period":null,"count":1}' "by month: every month from the first to the last, empty ones too"
is "$("$MARGO" timeline --format jsonl --by year 'Vladimir Putin')" '{"period":"2023","count":2}
{"period":"2024","count":2}
{"period":null,"count":1}' "by year"

# ---- tag:T ----------------------------------------------------------------------
"$MARGO" annotate 1 0 5 --tag fonti >/dev/null
"$MARGO" annotate 2 0 5 --tag fonti >/dev/null
"$MARGO" annotate 3 0 5 --tag fonti >/dev/null
"$MARGO" annotate 3 6 9 --tag altro >/dev/null
is "$("$MARGO" timeline --format jsonl tag:fonti)" '{"period":"2023-11","count":1}
{"period":"2023-12","count":0}
{"period":"2024-01","count":2}' "tag:T: the annotations of a tag by their articles' months"
err=$("$MARGO" timeline tag:nessuno 2>&1); rc=$?
is "$rc" 2 "an unknown tag exits 2"
is "$err" 'margo: timeline: no tag "nessuno" (see "margo tag")' "and says so in one line"

# ---- bad input ------------------------------------------------------------------
out=$("$MARGO" timeline 'Nessuno Mai' 2>"$TEST_TMP/err"); rc=$?
is "$rc" 2 "an unknown entity exits 2"
is "$(cat "$TEST_TMP/err")" 'margo: timeline: no entity "Nessuno Mai" (see "margo entities")' \
	"with a clear message"
is "$out" "" "and prints no series"
err=$("$MARGO" timeline --by week 'Vladimir Putin' 2>&1); rc=$?
is "$rc" 2 "--by week is a usage error"
has "$err" "month or year" "which names the valid values"
err=$("$MARGO" timeline --format png 'Vladimir Putin' 2>&1); rc=$?
is "$rc" 2 "an unknown format is a usage error"

# ---- -o FILE and the SVG ----------------------------------------------------------
"$MARGO" timeline --format jsonl -o "$TEST_TMP/series.jsonl" 'Vladimir Putin'; rc=$?
is "$rc" 0 "-o FILE writes the file"
is "$(cat "$TEST_TMP/series.jsonl")" "$("$MARGO" timeline --format jsonl 'Vladimir Putin')" \
	"the file holds the series standard output gives"
err=$("$MARGO" timeline --format jsonl -o "$TEST_TMP/series.jsonl" tag:fonti 2>&1); rc=$?
is "$rc" 3 "an existing file is not replaced without --force"
has "$(cat "$TEST_TMP/series.jsonl")" '"count":2' "and is as it was"
"$MARGO" timeline --format jsonl --force -o "$TEST_TMP/series.jsonl" tag:altro
is "$(cat "$TEST_TMP/series.jsonl")" '{"period":"2024-01","count":1}' "--force replaces it"

svg=$TEST_TMP/chart.svg
"$MARGO" timeline --format svg -o "$svg" --by month 'Vladimir Putin'; rc=$?
is "$rc" 0 "--format svg -o FILE"
has "$(cat "$svg")" "<svg xmlns=\"http://www.w3.org/2000/svg\"" "an SVG document"
has "$(cat "$svg")" ">Mentions of Vladimir Putin, by month</text>" "with its title"
has "$(cat "$svg")" ">2023-12</text>" "and the periods' labels"
like "$(cat "$svg")" '<rect x="[0-9]+" y="[0-9]+" width="[0-9]+" height="[0-9]+" fill="#3b6ea5"><title>2024-01: 2</title>' \
	"a bar per period, its count in its tooltip"
tags_svg=$TEST_TMP/tag.svg
"$top_builddir/tests/helpers/sqlexec" "$MARGO_DB" \
	"UPDATE tag SET name = 'a<b & \"c\" ''d''>' WHERE name = 'altro'" >/dev/null
"$MARGO" timeline --format svg -o "$tags_svg" "tag:a<b & \"c\" 'd'>"; rc=$?
is "$rc" 0 "a tag named with < & \" ' > charts"
has "$(cat "$tags_svg")" "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;" "its name escaped in the SVG"
if command -v xmllint >/dev/null 2>&1; then
	ok "the SVG is well-formed XML (xmllint)" xmllint --noout "$svg"
	ok "the SVG with a hostile name too" xmllint --noout "$tags_svg"
else
	skip "the SVG is well-formed XML (xmllint)" "no xmllint"
	skip "the SVG with a hostile name too" "no xmllint"
fi
done_testing
