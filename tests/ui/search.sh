#!/bin/bash
# search.sh: finding words (layer A, scripted): / in the article with hits
# highlighted as you type, n and N with a message when the search wraps,
# case ignored, Esc putting things back, an empty / repeating the search;
# / finding what S finds (stems), n and N after a jump from S; S across
# the corpus, Enter to a hit and back to the results; r for related
# passages, Enter and back.
. "$top_srcdir/tests/ui/lib.sh"

fresh_library

# ---------------------------------------------------------------------------
# 1. In the article.
run_script 80x24 <<'EOF'
<Tab>
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
expect_state typing focus text "/ in the text pane: the search is in the text (in the list, / filters the titles)"
hits=$(state found find.hits)
ok "/Putin finds several hits in article 1 ($hits)" test "${hits:-0}" -ge 3
expect_state typing find.hits "$hits" "hits are found while the query is typed"
expect_state found message "$hits matches" "Enter says how many matches"
ok "hits are highlighted (reverse) in the text" grep -q 'r' "$RUN_DIR/found.attrs"
expect_state n1 message "match 2 of $hits" "n goes to the next match and counts"
expect_state back1 message "match 2 of $hits" "N goes back to the previous match"
expect_state wrapped message "search hit BOTTOM, continuing at TOP" "n past the last match wraps, and says so"
expect_state wrapped find.hit 0 "and lands on the first match"

# Case is ignored, as S ignores it; Esc.
run_script 80x24 <<'EOF'
<Tab>
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
expect_state upper find.hits "$hits" "a query with capitals finds the same (case ignored, as S does)"
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

# The attributes under WORD where a screen first shows it, one character
# a column (nothing when it is not shown): attrs_of_word SCREEN ATTRS WORD
attrs_of_word() {
	local LC_ALL=C.UTF-8 line before n=0 found=
	while IFS= read -r line; do
		n=$((n + 1))
		case $line in *"$3"*) found=1 && break ;; esac
	done <"$RUN_DIR/$1"
	[ -n "$found" ] || return 0
	before=${line%%"$3"*}
	sed -n "${n}p" "$RUN_DIR/$2" | cut -c$((${#before} + 1))-$((${#before} + ${#3}))
}

# / matches as S does: "soldato" finds "soldati" in the article S jumps to,
# the word highlighted (after the cursor moves off its sentence), at both
# sizes; no match says so.
for size in 80x24 200x60; do
	run_script "$size" <<'EOF'
S
soldato
<Enter>
<Enter>
:save-state s
/soldato
<Enter>
:save-state slash
jj
:save-display slash.screen
:save-attrs slash.attrs
/soldatessa
<Enter>
:save-state none
EOF
	expect_run_ok "$size: / after S: the script runs"
	sh=$(state s find.hits)
	ok "$size: S soldato jumps to an article with soldati ($sh)" test "${sh:-0}" -ge 1
	expect_state slash article.id "$(state s article.id)" "$size: / searches the same article"
	expect_state slash find.hits "$sh" "$size: /soldato finds there what S soldato finds"
	expect_state slash message "$sh match$([ "$sh" = 1 ] || echo es)" "$size: and says how many"
	is "$(attrs_of_word slash.screen slash.attrs soldati)" "rrrrrrr" "$size: soldati is highlighted"
	is "$(attrs_of_word slash.screen slash.attrs 'presenza di soldati')" \
		"............rrrrrrr" "$size: the word only, not the ones before it"
	expect_state none message "not found: soldatessa" "$size: a word not there says not found"
done

# A phrase: consecutive words, by their stems and across elision.
run_script 100x30 <<'EOF'
<Tab>
/corea del nord
<Enter>
:save-state phrase
/nord corea
<Enter>
:save-state reversed
/dell ucraina
<Enter>
:save-state elided
/ ... !
<Enter>
:save-state nothing
EOF
ok "a phrase is found ($(state phrase find.hits))" test "$(state phrase find.hits)" -ge 1
expect_state reversed message "not found: nord corea" "its words in another order are not"
ok "dell ucraina finds dell’Ucraina" test "$(state elided find.hits)" -ge 1
expect_state nothing message "nothing to search for: type some words" "punctuation alone says so"

# n and N after a jump from S walk that search's hits; an empty / goes on.
run_script 80x24 <<'EOF'
S
russia
<Enter>
<Enter>
:save-state jumped
n
:save-state n1
N
:save-state p1
/
<Enter>
:save-state again
/russia
<Enter>
:save-state slash
/
<Enter>
:save-state repeat
EOF
expect_run_ok "n after S: the script runs"
sh=$(state jumped find.hits)
ok "the jump from S keeps its search ($sh hits)" test "${sh:-0}" -ge 3
expect_state jumped find.query russia "the search in the article is S's"
expect_state n1 message "match 2 of $sh" "n goes to the next hit of S's search"
expect_state p1 message "match 1 of $sh" "N back to the first"
expect_state again message "match 2 of $sh" "an empty / goes on to the next hit"
expect_state again find.query russia "and keeps the search"
expect_state slash find.hits "$sh" "/russia finds what S russia finds in the article"
n1=$(state slash find.hit)
expect_state repeat find.hit "$((n1 + 1))" "an empty / repeats /russia to its next hit"
expect_state repeat message "match $((n1 + 2)) of $sh" "and counts"

run_script 80x24 <<'EOF'
<Enter>
/
<Enter>
:save-state first
EOF
expect_state first message "no search yet: press / to search the article" \
	"an empty / with no search before says so"

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
