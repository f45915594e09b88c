#!/bin/bash
# bigarticle.sh: the reader's mentions view of a name said 20,000 times in
# one article (layer A, scripted).  Enter on it lists every mention in
# context and the names sharing its paragraphs, as fast as a short
# article's: cutting each context from the whole body again, and pairing
# each mention with every mention of its article, froze the reader for
# minutes.  The script must end within run_script's 20 s, with the right
# contexts and counts on the screen.
. "$top_srcdir/tests/ui/lib.sh"

N=10000          # paragraphs, each naming two people and a place twice

awk -v n="$N" 'BEGIN {
	print "Cronaca di una lunga giornata in città"
	print "Il consiglio comunale si è riunito per tutto il giorno."
	for (i = 1; i <= n; i++)
		printf "Già là, Mario Rossi incontra Anna Bianchi a Milano; poi Mario Rossi e Anna Bianchi tornano a Milano (%d).\n", i
}' >"$TEST_TMP/lunga.txt"
timeout 120 "$MARGO" add "$TEST_TMP/lunga.txt" >/dev/null 2>&1
is "$("$MARGO" entities --format jsonl | grep -c "\"mentions\":$((2 * N)),")" 3 \
	"the article names each of its three entities $((2 * N)) times"

run_script 100x30 <<'EOF'
<Tab><Tab>
:save-state side
<Enter>
:save-state view
:save-display view.screen
G
:save-display last.screen
EOF
expect_run_ok "Enter on the name opens its mentions, and G goes to the last, within 20 s"
expect_state side side.entity "Anna Bianchi" "the first name of the sidebar is Anna Bianchi"
expect_state view mentions.open 1 "the mentions view is open"
expect_state view mentions.n "$((2 * N))" "it lists every mention"
view=$(screen view.screen)
has "$view" "Mentions  1/$((2 * N))" "its header counts them"
like "$view" "Mario Rossi +█+ $N\$" \
	"the names sharing its paragraphs, each with the $N paragraphs they share: Mario Rossi"
like "$view" "Milano +█+ $N\$" "and Milano"
has "$view" " là, Mario Rossi incontra Anna Bianchi a Milano; poi Mario Rossi …" \
	"the first mention in its context"
has "$view" "ilano; poi Mario Rossi e Anna Bianchi tornano a Milano (1)." \
	"the second, its context up to the end of its paragraph"
has "$(screen last.screen)" "ilano; poi Mario Rossi e Anna Bianchi tornano a Milano ($N)." \
	"the last, in the last paragraph"

done_testing
