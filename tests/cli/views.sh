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
. "$top_srcdir/tests/lib.sh"

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
