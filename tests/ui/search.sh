#!/bin/bash
# search.sh: finding words (layer A, scripted): / in the article with hits
# highlighted as you type, n and N with a message when the search wraps,
# smart case, Esc putting things back; S across the corpus, Enter to a
# hit and back to the results; r for related passages, Enter and back.
. "$top_srcdir/tests/ui/lib.sh"

fresh_library

# ---------------------------------------------------------------------------
# 1. In the article.
run_script 80x24 <<'EOF'
/Putin
:save-state typing
<Enter>
:save-state found
:save-attrs found.attrs
n
:save-state n1
n
:save-state n2
N
:save-state back1
G
n
:save-state wrapped
EOF
expect_run_ok "find: the script runs"
expect_state typing focus text "/ puts the focus on the text"
hits=$(state found find.hits)
ok "/Putin finds several hits in article 1 ($hits)" test "${hits:-0}" -ge 3
expect_state typing find.hits "$hits" "hits are found while the query is typed"
expect_state found message "$hits matches" "Enter says how many matches"
ok "hits are highlighted (reverse) in the text" grep -q 'r' "$RUN_DIR/found.attrs"
expect_state n1 message "match 2 of $hits" "n goes to the next match and counts"
expect_state back1 message "match 2 of $hits" "N goes back to the previous match"
expect_state wrapped message "search hit BOTTOM, continuing at TOP" "n past the last match wraps, and says so"
expect_state wrapped find.hit 0 "and lands on the first match"

# Smart case and Esc.
run_script 80x24 <<'EOF'
/putin
<Enter>
:save-state lower
/PUTIN
<Enter>
:save-state upper
/Kim
:save-state kim
<Esc>
:save-state escaped
EOF
expect_state lower find.hits "$hits" "a lower-case query ignores case"
expect_state upper find.hits 0 "a query with capitals matches case"
expect_state upper message "not found: PUTIN" "no match says so"
ok "Kim is found while typed" test "$(state kim find.hits)" -gt 0
expect_state escaped find.query "PUTIN" "Esc keeps the previous search"
expect_state escaped text.cursor "$(state upper text.cursor)" "Esc puts the cursor back"

# Accents and elision: ucraina finds l’Ucraina and dell’Ucraina.
run_script 80x24 <<'EOF'
GG
<Enter>
/ucraina
<Enter>
:save-state ucraina
EOF
ok "/ucraina finds l’Ucraina and dell’Ucraina" test "$(state ucraina find.hits)" -ge 2

# ---------------------------------------------------------------------------
# 2. The corpus: S, Enter, back.
run_script 100x30 <<'EOF'
S
soldato
<Enter>
:save-state results
:save-display results.screen
:save-attrs results.attrs
<Enter>
:save-state jumped
<C-o>
:save-state back
<Esc>
:save-state closed
EOF
expect_run_ok "search: the script runs"
expect_state results results.open 1 "S opens the results"
expect_state results results.kind search "as a search"
n=$(state results results.n)
ok "soldato finds passages with soldati ($n)" test "${n:-0}" -ge 2
has "$(screen results.screen)" "“soldato”: $n passages, best first" "the results say what was searched and how many"
has "$(screen results.screen)" "soldati" "the snippet shows the word as written"
ok "the hit in the snippet is highlighted" grep -q 'r' "$RUN_DIR/results.attrs"
expect_state jumped results.open 0 "Enter jumps to the passage"
like "$(state jumped target)" '^soldat' "the hit is highlighted in the text"
expect_state jumped focus text "the text has the focus"
expect_state back results.open 1 "Ctrl-O returns to the results"
expect_state back results.n "$n" "the same results"
expect_state closed results.open 0 "Esc closes the results"

# Hostile queries never show an SQLite or FTS5 error.
for q in '"unclosed' 'NOT' 'body:x' 'NEAR(' '*' "a'b" "' OR 1=1 --" '(((' '^x'; do
	printf 'S\n%s\n<Enter>\n:save-state s\n' "$q" | run_script 80x24
	msg=$(state s message)
	unlike "$msg" '(fts5|SQL|syntax|malformed|no such)' "S $q: no SQLite or FTS5 error ($msg)"
	expect_run_ok "S $q: margo keeps running"
done

# ---------------------------------------------------------------------------
# 3. Related passages: r, Enter, back.
run_script 100x30 <<'EOF'
<Enter>
jjjj
r
:save-state related
:save-display related.screen
<Enter>
:save-state jumped
<Backspace>
:save-state back
EOF
expect_run_ok "related: the script runs"
expect_state related results.open 1 "r opens the related passages"
expect_state related results.kind related "of the passage at the cursor"
ok "there are related passages" test "$(state related results.n)" -ge 3
like "$(screen related.screen)" 'shared: .*; terms: ' "each says why"
isnt "$(state jumped article.id)" 1 "Enter jumps to a passage of another article"
expect_state jumped focus text "with the focus on the text"
expect_state back results.open 1 "Backspace returns to the related passages"

# ---------------------------------------------------------------------------
# 4. A long passage tells several things: r again in the related list puts
# first the passages that tell what the sentence at the cursor tells.  The
# fourth article's second passage ends on China's reaction, which the
# second article tells in a passage of its own.
run_script 100x30 <<'EOF'
jjj<Enter>
jjjjjjjjjjjj
r
:save-state whole
r
:save-state sentence
:save-display sentence.screen
<Enter>
<Backspace>
:save-state back
r
:save-state again
EOF
expect_run_ok "related to a sentence: the script runs"
expect_state whole results.sentence 0 "r lists passages related to the whole passage"
expect_state sentence results.sentence 7 "r again: to the sentence at the cursor, the 7th"
like "$(state sentence message)" 'sentence 7 of 7' "the status line says which sentence"
like "$(screen sentence.screen)" 'like .Un.iniziativa che anche' \
	"the heading quotes the sentence"
like "$(screen sentence.screen)" 'La Cina, principale alleato economico di Pyongyang|Le conseguenze di questa nuova alleanza' \
	"China's reaction in another article is listed"
unlike "$(state whole message)" 'sentence' "the first r is not about a sentence"
expect_state back results.sentence 7 "back returns to the list for the sentence"
expect_state again results.sentence 0 "r once more: the whole passage again"

done_testing
