#!/bin/bash
# views.sh: the command line says what it holds.  A Markdown export asked
# for one tag shows that tag's sections only, with a rule between the
# annotations of one article; an export names each article by its url or
# by its file under the folder it was added from (never this machine's
# absolute path), and a library that loaded the same corpus from another
# folder takes the annotations back onto the same articles; import reads
# margo's own W3C export, one annotation, an array, an AnnotationPage and
# JSON Lines, and says which; add says what it skipped and fails when a
# path gave nothing; the reader's empty library says how to add articles.
. "$top_srcdir/tests/ui/lib.sh"

mkdir -p "$TEST_TMP/a/corpus/sub"
cp "$top_srcdir"/corpus/*.txt "$TEST_TMP/a/corpus/"
mv "$TEST_TMP/a/corpus/$(ls "$TEST_TMP/a/corpus" | head -1)" "$TEST_TMP/a/corpus/sub/"
"$MARGO" add "$TEST_TMP/a/corpus" >/dev/null 2>&1

# ---- Markdown and --tag -----------------------------------------------------------------
"$MARGO" annotate 1 0 10 --tag "alpha, beta" --note "prima nota" >/dev/null
"$MARGO" annotate 1 20 30 --tag "alpha" --note "seconda nota" >/dev/null
"$MARGO" annotate 2 0 10 --tag "beta" --note "solo beta" >/dev/null
md=$("$MARGO" export --format markdown --tag alpha)
is "$(printf '%s\n' "$md" | grep '^## ')" "## alpha" \
	"Markdown --tag alpha: only the section of alpha, not beta's"
hasnt "$md" "solo beta" "Markdown --tag alpha: no annotation of beta alone"
is "$(printf '%s\n' "$md" | grep -c '^> ')" 2 "Markdown --tag alpha: its two annotations, once each"
is "$(printf '%s\n' "$md" | grep -c '^---$')" 1 \
	"Markdown: the two annotations of one article have a rule between them"
like "$(printf '%s\n' "$md" | grep -B1 '^---$' | head -1)" '^$' \
	"Markdown: a blank line before the rule (a rule, not a heading underline)"
csv=$("$MARGO" export --format csv --tag alpha)
is "$(printf '%s\n' "$csv" | grep -c ',beta,')" 0 "CSV --tag alpha: no row of beta"

# ---- source: the file under the corpus folder, never this machine's path --------------------
sub=$(ls "$TEST_TMP/a/corpus/sub")
subid=$("$MARGO" list --format jsonl | grep -F "\"source\":\"$sub\"" | sed 's/^{"id":\([0-9]*\),.*/\1/')
"$MARGO" annotate "$subid" 0 12 --tag "gamma" --note "nel sottofolder" >/dev/null
"$MARGO" export --format w3c >"$TEST_TMP/all.json"
"$MARGO" export --format jsonl >"$TEST_TMP/all.jsonl"
csv=$("$MARGO" export --format csv)
md=$("$MARGO" export --format markdown)
for f in w3c:"$(cat "$TEST_TMP/all.json")" jsonl:"$(cat "$TEST_TMP/all.jsonl")" csv:"$csv" markdown:"$md"; do
	hasnt "${f#*:}" "$TEST_TMP" "${f%%:*}: no absolute path of this machine in the export"
done
has "$(cat "$TEST_TMP/all.jsonl")" "\"source\":\"margo:$sub\"" \
	"JSONL: the source of an article is its file's name under the corpus folder"
has "$csv" ",margo:$sub," "CSV: a source column with it"
has "$md" "Source: margo:$(printf '%s' "$sub" | sed 's/_/\\_/g')" "Markdown: a Source line with it"

# ---- import: the same corpus loaded from another folder ------------------------------------------
mkdir -p "$TEST_TMP/b/elsewhere"
cp -r "$TEST_TMP/a/corpus" "$TEST_TMP/b/elsewhere/copy"
B=$TEST_TMP/b/library.db
"$MARGO" --db "$B" add "$TEST_TMP/b/elsewhere/copy" >/dev/null 2>&1
out=$("$MARGO" --db "$B" import "$TEST_TMP/all.json" 2>"$TEST_TMP/err")
is "$?" 0 "import of margo's own W3C export exits 0"
is "$(cat "$TEST_TMP/err")" "" "and says nothing is wrong"
is "$out" "$TEST_TMP/all.json: read a W3C AnnotationCollection of 4 annotations
4 added, 0 unchanged, 0 updated, 0 conflicts, 0 skipped" "it says what it read, and takes all four"
theirs=$("$MARGO" --db "$B" export --format csv | cut -d, -f1,3,4,8 | sort)
ours=$(printf '%s\n' "$csv" | cut -d, -f1,3,4,8 | sort)
is "$theirs" "$ours" \
	"each annotation is on the same article (title, source, quote) in the library that loaded the corpus from elsewhere"
is "$("$MARGO" --db "$B" annotations | grep -c ' exact ')" 4 "and placed exactly"
out=$("$MARGO" --db "$B" import "$TEST_TMP/all.jsonl" 2>&1)
is "$out" "0 added, 4 unchanged, 0 updated, 0 conflicts, 0 skipped" "JSON Lines still read a line at a time"

# ---- import: an AnnotationPage, an array, one annotation -------------------------------------------
C=$TEST_TMP/c.db
"$MARGO" --db "$C" add "$TEST_TMP/b/elsewhere/copy" >/dev/null 2>&1
# The annotations of the export, one a line (as margo writes them in it).
grep '^      {' "$TEST_TMP/all.json" | sed 's/,$//' >"$TEST_TMP/items"
{ echo '{ "type": "AnnotationPage",'; echo '  "items": ['; sed '$!s/$/,/' "$TEST_TMP/items"; echo '] }'; } \
	>"$TEST_TMP/page.json"
{ echo '['; sed -n '1p' "$TEST_TMP/items"; echo ','; sed -n '2p' "$TEST_TMP/items"; echo ']'; } \
	>"$TEST_TMP/array.json"
sed -n '4p' "$TEST_TMP/items" | sed 's/,"/,\n  "/g' >"$TEST_TMP/one.json"
is "$("$MARGO" --db "$C" import "$TEST_TMP/array.json" 2>&1)" "$TEST_TMP/array.json: read a JSON array of 2 annotations
2 added, 0 unchanged, 0 updated, 0 conflicts, 0 skipped" "a JSON array of annotations (over many lines) is read"
is "$("$MARGO" --db "$C" import "$TEST_TMP/one.json" 2>&1)" "$TEST_TMP/one.json: read one annotation
1 added, 0 unchanged, 0 updated, 0 conflicts, 0 skipped" "one annotation written over many lines is read"
is "$("$MARGO" --db "$C" import "$TEST_TMP/page.json" 2>&1)" "$TEST_TMP/page.json: read a W3C AnnotationPage of 4 annotations
1 added, 3 unchanged, 0 updated, 0 conflicts, 0 skipped" "an AnnotationPage is read"
printf '{\n  "a": [1,\n' >"$TEST_TMP/broken.json"
"$MARGO" --db "$C" import "$TEST_TMP/broken.json" >/dev/null 2>"$TEST_TMP/err"
is "$?" 3 "a JSON text cut short: import exits 3"
is "$(cat "$TEST_TMP/err")" "margo: $TEST_TMP/broken.json: neither JSON Lines (one annotation a line, as margo export --format jsonl writes) nor one JSON text (W3C JSON, as margo export --format w3c writes): not valid JSON; nothing imported" \
	"and says so in one line"

# ---- import: an article that is not there ---------------------------------------------------------
D=$TEST_TMP/d.db
"$MARGO" --db "$D" add "$TEST_TMP/b/elsewhere/copy/sub" >/dev/null 2>&1
"$MARGO" --db "$D" import "$TEST_TMP/all.jsonl" >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "annotations of articles not in the library: import exits 1"
has "$(cat "$TEST_TMP/err")" "is not in this library; add it with \"margo add FOLDER/$(ls "$TEST_TMP/a/corpus" | grep -v sub | head -1)\"" \
	"and the message says to margo add the article's file"

# ---- add: what was skipped, and a path that gave nothing ------------------------------------
mkdir -p "$TEST_TMP/mixed/deeper" "$TEST_TMP/none"
for f in a.pdf b.PDF c.pdf deeper/d.pdf e.odt f.odt; do : >"$TEST_TMP/mixed/$f"; done
cp "$top_srcdir/corpus/$(ls "$top_srcdir/corpus" | head -1)" "$TEST_TMP/mixed/"
E=$TEST_TMP/e.db
out=$("$MARGO" --db "$E" add "$TEST_TMP/mixed" 2>"$TEST_TMP/err")
is "$?" 0 "add of a folder with an article and other files exits 0"
is "$out" "1 added, 0 updated, 0 unchanged; 6 files skipped: 4 .pdf, 2 .odt (margo reads .txt, .jsonl, web pages and RSS or Atom feeds)" \
	"and says how many files of each kind it skipped, and why"
rm "$TEST_TMP/mixed/"*.txt
: >"$TEST_TMP/none/notes.docx"
out=$("$MARGO" --db "$TEST_TMP/f.db" add "$TEST_TMP/none" 2>"$TEST_TMP/err")
is "$?" 1 "add of a folder with no file margo reads exits 1"
is "$(cat "$TEST_TMP/err")" "margo: $TEST_TMP/none: no file margo reads in it (.txt, .jsonl, web pages: .html, .htm or .xhtml, each perhaps .gz, RSS or Atom feeds: .rss, .atom or .xml); nothing added" \
	"and says the folder gave nothing"
has "$out" "1 file skipped: 1 .docx (margo reads .txt, .jsonl, web pages and RSS or Atom feeds)" "and what it skipped"
"$MARGO" --db "$TEST_TMP/f.db" add "$TEST_TMP/none" "$TEST_TMP/a/corpus" >/dev/null 2>&1
is "$?" 1 "add of two paths, one giving nothing: exits 1"

# ---- the reader: an empty library says how to add articles -----------------------------------
mkdir -p "$TEST_TMP/empty"
run_script 80x24 --db "$TEST_TMP/empty.db" "$TEST_TMP/empty" <<'SCRIPT'
:save-display empty
SCRIPT
has "$(screen empty)" "margo add PATH" "the reader's empty library says: margo add PATH"
hasnt "$(screen empty)" "No articles yet" "not just that it has no articles"
has "$(screen empty)" "web page" "it names web pages among what PATH can be"
has "$(screen empty)" "or the address of a page or" "and addresses"
done_testing
