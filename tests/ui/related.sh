#!/bin/bash
# related.sh: related passages as a reader meets them (layer A, scripted):
# the list reads in the order of the score it shows; each snippet is the
# sentence the passage is listed for, with the words it shares marked;
# Enter lands on that sentence with those words highlighted and n
# stepping through them; * and # follow the entity the sidebar has
# selected when it has the focus, and the status line names it.  Also
# `margo related` from the shell: ordered, each with its snippet.
. "$top_srcdir/tests/ui/lib.sh"

fresh_library

# The scores of a saved related list, one a line, as shown.
scores() {
	screen "$1" | sed -n 's/.* \([0-9][0-9]*\.[0-9][0-9]\)$/\1/p'
}

# The numbers on standard input are in non-increasing order.
descending() {
	awk 'NR > 1 && $1 > prev { bad = 1 } { prev = $1 } END { exit bad }'
}

# ---------------------------------------------------------------------------
# 1. The list of the first passage: ordered by the score shown.
run_script 100x90 <<'EOF'
<Enter>
r
:save-state list
:save-display list.screen
:save-attrs list.attrs
EOF
expect_run_ok "list: the script runs"
expect_state list results.kind related "r opens the related passages"
n=$(scores list.screen | wc -l)
ok "the list shows many scores ($n)" test "$n" -ge 10
ok "the list is in the order of the scores it shows" descending < <(scores list.screen)
sed -n '6p;10p;14p' "$RUN_DIR/list.attrs" >"$RUN_DIR/snippet.attrs"
ok "the shared words of the snippets are highlighted" grep -q "[a-z]" "$RUN_DIR/snippet.attrs"

# ---------------------------------------------------------------------------
# 2. Enter lands on the sentence the passage is listed for, its shared
# words highlighted; n steps through them.
run_script 100x30 <<'EOF'
<Enter>
r
j
:save-display list.screen
<Enter>
:save-state jumped
:save-display jumped.screen
:save-attrs jumped.attrs
n
:save-state n1
EOF
expect_run_ok "landing: the script runs"
sentence=$(state jumped text.sentence)
ok "the cursor is on a sentence ($sentence)" test -n "$sentence"
expect_state jumped target "$sentence" "the span jumped to is that sentence, not the whole passage"
first=$(screen list.screen | sed -n '10p' | sed 's/^.*│  //; s/^…//; s/\*\*//g' | awk '{ print $1, $2, $3 }')
has "$sentence" "$first" "it is the sentence the snippet showed ($first)"
ok "the cursor is not at the start of its passage" test "$(state jumped text.cursor)" -gt 0
query=$(state jumped find.query)
ok "the shared words are the search ($query)" test -n "$query"
hits=$(state jumped find.hits)
ok "they are found in the article ($hits)" test "${hits:-0}" -ge 1
row=$(screen jumped.screen | grep -nF "$(printf '%s\n' "$sentence" | awk '{ print $1, $2 }')" | head -1 | cut -d: -f1)
ok "the sentence is on screen (row $row)" test -n "$row"
ok "its shared words are highlighted (reverse) on screen" grep -q 'r' "$RUN_DIR/jumped.attrs"
like "$(state n1 message)" '^match [0-9]+ of [0-9]+' "n steps through them"

# ---------------------------------------------------------------------------
# 3. * from the sidebar follows the entity it has selected, even where a
# mention of another entity was jumped to; the status line names it.
run_script 100x30 <<'EOF'
<Enter>
<Tab>
:save-state side
<Enter>
jj
<Enter>
:save-state jumped
<Tab>
j
:save-state chosen
*
:save-state star
<Hash>
:save-state hash
EOF
expect_run_ok "sidebar *: the script runs"
expect_state side focus side "Tab puts the focus on the sidebar"
x=$(state jumped side.entity)
y=$(state chosen side.entity)
expect_state chosen focus side "back in the sidebar"
ok "another entity is selected there ($x, then $y)" test -n "$y" -a "$x" != "$y"
like "$(state star message)" "^$y: mention [0-9]+ of [0-9]+ \\(article [0-9]+ of [0-9]+\\)\$" \
	"* follows the sidebar's entity and the status line names it"
expect_state star side.entity "$y" "the sidebar still shows it"
expect_state star focus text "the jump puts the focus on the text"
like "$(state hash message)" "^$y: mention [0-9]+ of [0-9]+ " "# in the text follows the mention at the cursor"

# ---------------------------------------------------------------------------
# 4. margo related from the shell: ordered, each with a snippet centred on
# its sentence (shared words in **).
"$MARGO" related 1 --limit 20 >"$TEST_TMP/plain"
sed -n 's/^ *\([0-9][0-9]*\.[0-9]*\)  .*/\1/p' "$TEST_TMP/plain" >"$TEST_TMP/scores"
ok "margo related: several passages ($(wc -l <"$TEST_TMP/scores"))" test "$(wc -l <"$TEST_TMP/scores")" -ge 10
ok "margo related: in the order of the scores it prints" descending <"$TEST_TMP/scores"
ok "margo related: each passage has a snippet with shared words" \
	test "$(grep -c '^        .*\*\*[^*]*\*\*' "$TEST_TMP/plain")" -ge 10
"$MARGO" related 1 --limit 20 --format jsonl >"$TEST_TMP/jsonl"
ok "margo related --format jsonl: in the order of its scores" \
	descending < <(sed -n 's/.*"score":\([0-9.]*\),.*/\1/p' "$TEST_TMP/jsonl")
like "$(head -1 "$TEST_TMP/jsonl")" '"snippet":"[^"]*\*\*' "margo related --format jsonl: a snippet with the shared words"
# A snippet cut on the left begins with "…", at most 72 columns.
long=
while IFS= read -r l; do
	[ "$(printf '%s' "$l" | LC_ALL=C.UTF-8 wc -m)" -gt 72 ] && long=$l
done < <(sed -n 's/.*"snippet":"\([^"]*\)".*/\1/p' "$TEST_TMP/jsonl" | sed 's/\*\*//g')
is "$long" "" "margo related: no snippet is wider than 72 columns"

done_testing
