#!/bin/bash
# tests/ui/reading.sh: going from article to article and what the reader
# keeps of each one, with scripted runs (MARGO_SCRIPT) on the bundled
# corpus and on the 950 articles of Italian Wikinews:
#   - J and K open the next and previous article of the list, and say
#     "last article" / "first article" at its ends without moving;
#   - Space at the end of an article opens the next at its top;
#   - an article scrolled to its end becomes read: the list marks the
#     others with "•", "margo list --unread" leaves it out, U toggles it;
#   - the reading position of each article is kept, also across a
#     restart, which opens the article left last where it was left;
#   - opening from the list and J are places Ctrl-O goes back to;
#   - a busy library does not stall J (the write gives up, said);
#   - on 950 articles, J from the last line opens the next.

. "${top_srcdir:?set top_srcdir}/tests/ui/lib.sh"

fresh_library

# ---- J and K ----------------------------------------------------------------
run_script 80x24 <<'EOF'
<Tab>
J
:save-state j1
J
:save-state j2
K
:save-state k1
K
K
:save-state first
EOF
expect_run_ok "J and K: the script runs to its end"
expect_state j1 article.index 1 "J in the text opens the second article"
expect_state j1 list.sel 1 "J moves the list's cursor with it"
expect_state j1 focus text "J keeps the focus in the text"
expect_state j2 article.index 2 "J again: the third"
expect_state k1 article.index 1 "K: back to the second"
expect_state first article.index 0 "K twice: the first"
expect_state first message "first article" "K on the first article says so"

run_script 80x24 <<'EOF'
G<Enter>
J
:save-state last
EOF
expect_state last article.index 4 "J on the last article leaves it open"
expect_state last list.sel 4 "J on the last article leaves the list's cursor"
expect_state last message "last article" "J on the last article says \"last article\""

# J from the list pane opens the next row and stays in the list.
run_script 80x24 <<'EOF'
jJ
:save-state fromlist
EOF
expect_state fromlist article.index 2 "J in the list opens the row after the cursor"
expect_state fromlist focus list "J in the list keeps the focus there"

# ---- Space at the end, read marks --------------------------------------------
run_script 80x24 <<'EOF'
<Tab>G
:save-state end
<Space>
:save-state next
:save-display next.screen
EOF
expect_run_ok "Space: the script runs to its end"
expect_state end article.read 1 "G to the end of the article makes it read"
expect_state next article.index 1 "Space at the end opens the next article"
expect_state next text.top 0 "... at its top"
expect_state next text.cursor 0 "... its first sentence"
expect_state next article.read 0 "the next article is unread"
# List rows: row 1 read (no mark), row 2 open (▸), rows 3-5 unread (•).
rows=$(sed -n '2,6p' "$RUN_DIR/next.screen" | sed 's/^\(...\).*/\1/')
is "$rows" " L’
▸Pu
•Ki
•Il
•Il" "the list marks the unread articles with •, not the read one"
unread=$("$MARGO" list --unread | awk '{print $1}' | tr '\n' ' ')
is "$unread" "2 3 4 5 " "margo list --unread leaves out the article read"
is "$("$MARGO" list | wc -l)" 5 "margo list still lists every article"
is "$("$MARGO" list --unread --format jsonl | head -n 1)" \
	"$("$MARGO" list --format jsonl | sed -n 2p)" "list --unread in JSON Lines: the same objects"

# Opening and leaving at once does not make an article read.
run_script 80x24 <<'EOF'
<Tab>JJ
EOF
is "$("$MARGO" list --unread | awk '{print $1}' | tr '\n' ' ')" "1 2 3 4 5 " \
	"an article opened and left without scrolling stays unread"

# U marks the article under the list's cursor read, and unread again.
KEEP_READING=1 run_script 80x24 <<'EOF'
gjjU
:save-state u
EOF
expect_state u message "marked read" "U says the article is marked read"
is "$("$MARGO" list --unread | awk '{print $1}' | tr '\n' ' ')" "1 2 4 5 " "U marks it read"
KEEP_READING=1 run_script 80x24 <<'EOF'
gjjU
EOF
is "$("$MARGO" list --unread | awk '{print $1}' | tr '\n' ' ')" "1 2 3 4 5 " "U again: unread"

# ---- the reading position ------------------------------------------------------
run_script 80x24 <<'EOF'
jj<Enter><PgDn><PgDn>
:save-state left
EOF
top=$(state left text.top)
id=$(state left article.id)
isnt "$top" 0 "PgDn twice scrolls article 3 (top $top)"
KEEP_READING=1 run_script 80x24 <<'EOF'
:save-state restart
EOF
expect_state restart article.id "$id" "after a restart the article left last is open"
expect_state restart text.top "$top" "... at the line where it was left"
expect_state restart list.sel 2 "... with the list's cursor on it"
KEEP_READING=1 run_script 120x40 <<'EOF'
:save-state wide
EOF
expect_state wide article.id "$id" "at another width too the article left last is open"
isnt "$(state wide text.top)" 0 "... scrolled to where it was left"

# Each article keeps its own position: J away and K back.
run_script 80x24 <<'EOF'
<Tab><PgDn><PgDn>
:save-state a1
J
:save-state a2
K
:save-state back
EOF
expect_state a2 text.top 0 "J opens an article never read at its top"
expect_state back text.top "$(state a1 text.top)" "K returns to the first article where it was left"

# ---- Ctrl-O ----------------------------------------------------------------------
run_script 80x24 <<'EOF'
jj<Enter>
:save-state opened
J
<C-o>
:save-state back1
<C-o>
:save-state back2
<C-n>
:save-state fwd
EOF
expect_state opened history 2/2 "opening from the list is recorded in the history"
expect_state back1 article.index 2 "Ctrl-O after J returns to the article J left"
expect_state back2 article.index 0 "Ctrl-O again: the article open before the list's Enter"
expect_state back2 focus list "... with the focus where it was"
expect_state fwd article.index 2 "Ctrl-N goes forward again"

# ---- a busy library ------------------------------------------------------------
# margo reads its script from a pipe, so that another process takes the
# library's write lock while it runs (margo waits for a lock at start).
mkfifo "$TEST_TMP/keys"
(
	cd "$TEST_TMP" && env LINES=24 COLUMNS=80 TERM=xterm MARGO_SCRIPT="$TEST_TMP/keys" \
		timeout 30 "$MARGO" </dev/null >/dev/null 2>"$TEST_TMP/busy.err"
	echo $? >"$TEST_TMP/busy.rc"
) &
exec 3>"$TEST_TMP/keys"
printf 'g<Enter>\n:save-state %s\n' "$TEST_TMP/busy0" >&3
for _ in $(seq 1 100); do [ -s "$TEST_TMP/busy0" ] && break; sleep 0.1; done
"$top_builddir/tests/helpers/holdlock" "$MARGO_DB" 8 >"$TEST_TMP/held" 2>&1 &
holder=$!
at_exit "kill $holder 2>/dev/null"
for _ in $(seq 1 100); do grep -q held "$TEST_TMP/held" && break; sleep 0.1; done
has "$(cat "$TEST_TMP/held")" held "another process holds the library's write lock"
t0=$(date +%s%N)
printf 'J\n:save-state %s\n' "$TEST_TMP/busy1" >&3
for _ in $(seq 1 100); do [ -s "$TEST_TMP/busy1" ] && break; sleep 0.05; done
t1=$(date +%s%N)
exec 3>&-
wait "$holder" 2>/dev/null
for _ in $(seq 1 100); do [ -s "$TEST_TMP/busy.rc" ] && break; sleep 0.1; done
busy1=$(cat "$TEST_TMP/busy1" 2>/dev/null)
is "$(printf '%s\n' "$busy1" | sed -n 's/^article.index=//p')" 1 \
	"a busy library: J still opens the next article"
like "$busy1" "^message=the library is busy.*not kept this time" \
	"a busy library: the position not kept is said on the status line"
ms=$(((t1 - t0) / 1000000))
ok "a busy library: J took ${ms} ms (under 2 s)" [ "$ms" -lt 2000 ]
is "$(cat "$TEST_TMP/busy.rc")/$(cat "$TEST_TMP/busy.err")" "0/" "a busy library: the reader ends cleanly"

# ---- 950 articles ------------------------------------------------------------------
WN=$top_srcdir/../shared/corpora/wikinews-it/articles
[ -d "$WN" ] || WN=/work/shared/corpora/wikinews-it/articles
if [ -d "$WN" ]; then
	export MARGO_DB="$TEST_TMP/wikinews.db"
	t0=$(date +%s)
	"$MARGO" add "$WN" >"$TEST_TMP/add.out" 2>&1
	t1=$(date +%s)
	has "$(cat "$TEST_TMP/add.out")" "950 added" "the 950 articles of Wikinews load"
	ok "... in $((t1 - t0)) s (under 60 s)" [ $((t1 - t0)) -lt 60 ]
	{
		echo "<Enter>G"
		echo ":save-state at-end"
		echo "J"
		echo ":save-state j"
		echo "G<Space>"
		echo ":save-state space"
		for _ in $(seq 1 50); do echo J; done
		echo ":save-state walk"
	} >"$TEST_TMP/walk.script"
	t0=$(date +%s%N)
	run_script 80x24 <"$TEST_TMP/walk.script"
	t1=$(date +%s%N)
	expect_run_ok "950 articles: the walk runs to its end"
	expect_state at-end article.index 0 "950 articles: G goes to the last line of the first article"
	expect_state j article.index 1 "950 articles: J from the last line opens the second"
	expect_state space article.index 2 "950 articles: Space at the end opens the third"
	expect_state space text.top 0 "... at its top"
	expect_state walk article.index 52 "950 articles: 50 J more, 50 articles on"
	diag "950 articles: open, 3 steps and 50 J in $(((t1 - t0) / 1000000)) ms"
	ok "950 articles: under 10 s" [ $(((t1 - t0) / 1000000)) -lt 10000 ]
else
	skip "the 950 articles of Wikinews" "not found at $WN"
fi

# ---- = and Ctrl-G say where the reader is -------------------------------------
run_script 80x24 <<'EOF2'
<Tab>
j
j
=
:save-display where
J
<C-g>
:save-display where2
EOF2
like "$(screen where)" 'article 1 of [0-9]+ · sentence 3 of [0-9]+ \([0-9]+%\) · ' \
	"= says the article's place in the list and the sentence read"
like "$(screen where2)" 'article 2 of [0-9]+ · sentence [0-9]+ of [0-9]+ ' "Ctrl-G says it too, after J"

done_testing
