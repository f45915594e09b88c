#!/bin/bash
# tests/ui/lists.sh: the lists of the reader move the same way (the list
# widget, src/ui/listw.c), and a count repeats the actions that move:
#   - a count before an action that moves the cursor or the place read
#     repeats it: 3J opens the third article on, 2 Ctrl-O goes back two
#     places, 2 PgDn pages twice (in the list and in a view);
#   - before an action that does not move, the count is forgotten and the
#     action runs once (3o changes the order once);
#   - PgDn in the search results moves the cursor by as many results as
#     the screen shows, at 80x24 and 200x60.

. "${top_srcdir:?set top_srcdir}/tests/ui/lib.sh"

fresh_library

# ---- a count repeats what moves ----------------------------------------------
run_script 80x24 <<'EOF'
<Tab>
3J
:save-state j3
2K
:save-state k2
EOF
expect_run_ok "3J: the script runs to its end"
expect_state j3 article.index 3 "3J in the text opens the third article on"
expect_state j3 list.sel 3 "... and the list's cursor follows it"
expect_state k2 article.index 1 "2K opens the second article back"

run_script 80x24 <<'EOF'
<Tab>
J
J
J
2<C-o>
:save-state back2
EOF
expect_state back2 article.index 1 "2 Ctrl-O goes back two places (from the fourth to the second)"

# A count before an action that does not move: forgotten, the action once.
run_script 80x24 <<'EOF'
o
:save-display once
EOF
run_script 80x24 <<'EOF'
3o
:save-display thrice
EOF
is "$(head -n 1 "$RUN_DIR/thrice")" "$(head -n 1 "$TEST_TMP/run.$((_run_n - 1))/once")" \
	"3o changes the order once, as o does"
hasnt "$(tail -n 1 "$RUN_DIR/thrice")" "count" "... and the count is gone from the status line"

# ---- paging --------------------------------------------------------------------
many="$TEST_TMP/many"
copies_of_corpus "$many" 12
export MARGO_DB="$TEST_TMP/many.db"
"$MARGO" add "$many" >/dev/null 2>&1 || fail "60 articles are loaded"

run_script 80x24 <<'EOF'
<PgDn>
:save-state one
<PgDn>
:save-state two
EOF
one=$(state one list.sel)
two="$(state two list.sel)/$(state two list.top)"
run_script 80x24 <<'EOF'
2<PgDn>
:save-state counted
EOF
ok "PgDn in the list moves the cursor a page ($one rows)" test "${one:-0}" -gt 1
is "$(state counted list.sel)/$(state counted list.top)" "$two" "2 PgDn in the list pages twice"

for size in 80x24 200x60; do
	run_script "$size" <<'EOF'
S
guerra
<Enter>
:save-display first
:save-state first.state
<PgDn>
:save-state paged
g
2<PgDn>
:save-state paged2
EOF
	expect_run_ok "$size: S then PgDn: the script runs"
	# The entries shown: the rows ending with a result's score.
	shown=$(grep -cE ' [0-9]+\.[0-9][0-9]$' "$RUN_DIR/first")
	n=$(state first.state results.n)
	ok "$size: the results fill more than a screen ($shown shown of $n)" \
		test "${n:-0}" -gt $((2 * shown))
	expect_state paged results.sel "$shown" "$size: PgDn moves the cursor by the $shown results the screen shows"
	expect_state paged2 results.sel $((2 * shown)) "$size: 2 PgDn moves it by two screens"
done

done_testing
