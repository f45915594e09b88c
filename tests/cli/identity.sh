#!/bin/bash
# identity.sh: a JSON Lines article is known by its content, never by its
# place in the file.
#
# A line without "url" is keyed by its "id", else by its title and text, so
# inserting, removing or reordering lines changes no article and moves no
# annotation; an annotation never follows its line number into another
# article's text.  A line with an "id" keeps its article (and annotations)
# when its text changes.
. "$top_srcdir/tests/lib.sh"

F=$TEST_TMP/feed.jsonl
line() { printf '{"title":"%s","text":"%s"}\n' "$1" "$2"; }
a1='Il sindaco di Roma ha aperto il nuovo ponte sul Tevere.'
a2='La Regione Lazio ha approvato il bilancio del prossimo anno.'
a3="A Milano la Scala ha presentato la nuova stagione d'opera."
new='Un nuovo articolo in cima al file, scritto dopo gli altri.'
{ line Prima "$a1"; line Seconda "$a2"; line Terza "$a3"; } >"$F"
is "$("$MARGO" add "$F" 2>&1)" "3 added, 0 updated, 0 unchanged" "three lines, three articles"
# An annotation on "Regione" in the second article.
"$MARGO" annotate 2 3 10 --tag bilancio >/dev/null
before=$("$MARGO" annotations)
like "$before" '  2:3-10  exact   \[bilancio\]  Regione$' "the annotation is on article 2"

# ---- a line inserted at the top -------------------------------------------------------
{ line Nuova "$new"; line Prima "$a1"; line Seconda "$a2"; line Terza "$a3"; } >"$F"
is "$("$MARGO" add "$F" 2>&1)" "1 added, 0 updated, 3 unchanged" \
	"a line inserted at the top adds one article and changes none"
is "$("$MARGO" annotations)" "$before" "the annotation stays on its article and its words"
is "$("$MARGO" show 2 | grep -c 'Regione Lazio')" 1 "article 2 still holds its own text"
is "$("$MARGO" list | sed -n 4p)" "   4  -           Nuova  (feed.jsonl)" "the new line is the fourth article"

# ---- lines reordered, one removed ---------------------------------------------------------
{ line Terza "$a3"; line Seconda "$a2"; line Nuova "$new"; } >"$F"
is "$("$MARGO" add "$F" 2>&1)" "0 added, 0 updated, 3 unchanged" \
	"reordered lines change nothing (an article whose line is gone stays)"
is "$("$MARGO" annotations)" "$before" "the annotation is where it was"
is "$("$MARGO" list | wc -l)" 4 "still four articles"
out=$("$MARGO" check 2>&1)
is "$out" ok "the library passes margo check"

# ---- the same text twice is one article ------------------------------------------------------
{ line Terza "$a3"; line Terza "$a3"; } >"$TEST_TMP/twice.jsonl"
is "$("$MARGO" add "$TEST_TMP/twice.jsonl" 2>&1)" "1 added, 0 updated, 1 unchanged" \
	"a line repeated is one article"

# ---- "id": the article of an id keeps it when its text changes ---------------------------------
I=$TEST_TMP/ids.jsonl
idline() { printf '{"id":%s,"title":"%s","text":"%s"}\n' "$1" "$2" "$3"; }
{ idline 7 Sette "$a1"; idline '"otto"' Otto "$a1"; } >"$I"
is "$("$MARGO" add "$I" 2>&1)" "2 added, 0 updated, 0 unchanged" "two ids, the same text: two articles"
id7=$("$MARGO" list | awk '$NF == "(ids.jsonl)" && $(NF-1) == "Sette" { print $1 }')
"$MARGO" annotate "$id7" 3 10 --tag sindaco >/dev/null
{ idline '"otto"' Otto "$a1"; idline 7 Sette "Oggi $a1"; } >"$I"
is "$("$MARGO" add "$I" 2>&1)" "0 added, 1 updated, 1 unchanged; annotations: 0 exact, 1 moved, 0 fuzzy, 0 orphans" \
	"the id's text changed: its article is updated, its annotation moved with the words"
like "$("$MARGO" annotations --tag sindaco)" "  $id7:8-15  moved   \\[sindaco\\]  sindaco\$" \
	"the annotation is on the same article, on the same word"

# ---- a NUL inside a text is told, and kept as U+FFFD, not where the text ends ----------------------
printf '{"title":"Con NUL","text":"Prima parte del testo.\\u0000Seconda parte del testo."}\n' >"$TEST_TMP/nul.jsonl"
out=$("$MARGO" add "$TEST_TMP/nul.jsonl" 2>&1)
like "$out" 'nul\.jsonl: 1 line holds a NUL character \(\\u0000\), kept as U\+FFFD \(first: line 1\)$' \
	"a NUL in a JSON text is reported"
id=$("$MARGO" list | awk '/Con NUL/ { print $1 }')
has "$("$MARGO" show "$id")" "Seconda parte del testo." "the text after the NUL is kept"

# ---- a line longer than the limit is skipped with a word; the others load ------------------------
{
	line Corta "$a1"
	printf '{"title":"Lunga","text":"'; head -c 67108865 /dev/zero | tr '\0' 'x'; printf '"}\n'
	line Dopo "$a2"
} >"$TEST_TMP/long.jsonl"
out=$("$MARGO" --db "$TEST_TMP/long.db" add "$TEST_TMP/long.jsonl" 2>&1)
like "$out" 'long\.jsonl: 1 line is longer than 64 MiB \(first: line 2\); skipped$' "an over-long line is told"
like "$out" '^2 added, 0 updated, 0 unchanged; 1 skipped with a problem$' "and the lines around it load"

done_testing
