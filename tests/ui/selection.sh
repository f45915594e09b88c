#!/bin/bash
# tests/ui/selection.sh: an action on the selected entry of a list that
# shows none (the list filtered to nothing, a sidebar with no entities, an
# empty annotations list) is answered with one message, the same for every
# key, and changes nothing.

. "${top_srcdir:?set top_srcdir}/tests/ui/lib.sh"

lib="$TEST_TMP/plain.jsonl"
{
	echo '{"title":"il cane","text":"il cane dorme sul divano. poi si sveglia e mangia.","url":"https://a.example.it/1"}'
	echo '{"title":"il gatto","text":"il gatto guarda fuori. non esce mai.","url":"https://a.example.it/2"}'
} >"$lib"
"$MARGO" add "$lib" >/dev/null 2>&1 || fail "the library is made"

plan 11

# The list filtered to nothing: Enter has nothing to open.
run_script 80x24 <<'EOF'
/zzzz<Enter>
<Enter>
:save-state empty-list
:save-display empty-list-screen
EOF
expect_run_ok "Enter in an empty list: the script runs to its end"
expect_state empty-list message "nothing selected: the list view is empty, so open is not possible" \
	"Enter in a list filtered to nothing says nothing is selected"
expect_state empty-list focus list "Enter in an empty list leaves the focus in the list"
like "$(tail -n 1 "$RUN_DIR/empty-list-screen")" "nothing selected" \
	"the status line shows that nothing is selected"

# A sidebar with no entities: m (mark) has no entity to mark.
run_script 80x24 <<'EOF'
<Enter>
<Tab>
m
:save-state empty-side
EOF
expect_run_ok "m in an empty sidebar: the script runs to its end"
expect_state empty-side message "nothing selected: the side view is empty, so mark is not possible" \
	"m in a sidebar with no entities says nothing is selected"

# An empty annotations list: Enter has no annotation to go to.
run_script 80x24 <<'EOF'
<Enter>
A
<Enter>
:save-state empty-annotations
EOF
expect_run_ok "Enter in an empty annotations list: the script runs to its end"
expect_state empty-annotations message \
	"nothing selected: the annotations view is empty, so open is not possible" \
	"Enter in an empty annotations list says nothing is selected"
expect_state empty-annotations annotations.open 1 "the annotations list stays open"

# A search of the corpus that finds nothing: Enter has no passage to open.
run_script 80x24 <<'EOF'
Szzzzqqq<Enter>
<Enter>
:save-state empty-results
EOF
expect_run_ok "Enter in empty search results: the script runs to its end"
expect_state empty-results message \
	"nothing selected: the search view is empty, so open is not possible" \
	"Enter in search results with no hits says nothing is selected"
