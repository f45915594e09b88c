#!/bin/bash
# tagtree.sh: the codebook C as a tree: children indented under their
# parents (a parent that is only a level too), each row with its own count
# and its branch's; z folds a branch; Enter lists a branch's
# annotations; R renames or moves a branch, one u takes it all back; the
# A filter tag:T takes the branch.  At 80x24 and 200x60, in English and in
# Italian.
. "$top_srcdir/tests/ui/lib.sh"

setup() {
	fresh_library
	"$MARGO" annotate 1 0 10 --tag 'armi/munizioni, armi' >/dev/null
	"$MARGO" annotate 1 20 30 --tag 'armi/munizioni/proiettili' >/dev/null
	"$MARGO" annotate 1 40 50 --tag armistizio >/dev/null
	"$MARGO" annotate 1 60 70 --tag logistica/viveri >/dev/null
}
# The rows of the codebook on a saved screen: what is right of the list's border.
rows() { screen "$1" | sed -n 's/^.*│ //p' | sed 's/ *$//' | grep -v '^$' | grep -v '[█▁▂▃▄▅▆▇]\|undated\|senza data'; }
setup

# ---- the tree, its counts, folding -------------------------------------------------
run_script 80x24 <<'EOF'
C
:save-display tree.screen
:save-state tree
z
:save-display folded.screen
:save-state folded
z
jj
z
:save-state leaf
EOF
expect_run_ok "80x24: the codebook's script runs"
tree=$(rows tree.screen)
like "$(screen tree.screen)" 'Codebook  5 tags +own branch$' "the header counts the tags and names the two counts"
is "$(rows tree.screen)" "▾ armi                                     1      2
  ▾ munizioni                              1      2
      proiettili                           1      1
  armistizio                               1      1
▾ logistica                                -      1
    viveri                                 1      1" \
	"80x24: children indented under their parents, own count then the branch's; logistica, only a level, has -"
expect_state tree codebook.rows 6 "six rows: five tags and the level logistica"
expect_state tree codebook.sel armi "the first row is selected"
is "$(rows folded.screen | head -3)" "▸ armi                                     1      2
  armistizio                               1      1
▾ logistica                                -      1" "z folds the branch of armi: its row stays, with the branch's count"
expect_state folded codebook.rows 4 "two rows fewer"
expect_state leaf codebook.sel armi/munizioni/proiettili "unfolded again, the tags under it are back"
expect_state leaf message "“armi/munizioni/proiettili” has no tags under it" "z on a tag with nothing under it says so"

# ---- Enter lists the branch; the A filter -------------------------------------------
run_script 80x24 <<'EOF'
C
<Enter>
:save-state armi
:save-display armi.screen
q
C
G
<Enter>
:save-state logistica
/
<C-u>tag:' armi / munizioni '
<Enter>
:save-state munizioni
/
<C-u>tag:armi//
<Enter>
:save-state empty
EOF
expect_run_ok "Enter: the script runs"
expect_state armi annotations.n 2 "Enter on armi lists the two annotations of its branch, not armistizio"
like "$(screen armi.screen)" 'filter: tag:"armi"' "filtered by tag:\"armi\""
expect_state logistica annotations.n 1 "Enter on logistica, only a level, lists the annotation under it"
expect_state munizioni annotations.n 2 "tag: trims the levels it is given (armi/munizioni has both)"
like "$(state empty message)" "^tag: takes a tag with no empty level" "tag:armi// is refused, saying why"

# ---- R moves a branch; one u takes it back ------------------------------------------
run_script 80x24 <<'EOF'
C
j
R
:save-display asked.screen
<C-u>logistica/munizioni
<Enter>
:save-state moved
:save-display moved.screen
u
:save-state undone
:save-display undone.screen
EOF
expect_run_ok "R: the script runs"
like "$(tail -n 1 "$RUN_DIR/asked.screen")" 'armi/munizioni' "R asks the new name, the path given"
expect_state moved message "“armi/munizioni” is now “logistica/munizioni”" "R says what it did"
expect_state moved codebook.sel logistica/munizioni "the selection follows the branch"
is "$(rows moved.screen)" "  armi                                     1      1
  armistizio                               1      1
▾ logistica                                -      3
  ▾ munizioni                              1      2
      proiettili                           1      1
    viveri                                 1      1" "munizioni and proiettili are under logistica now"
like "$(state undone message)" "tag 'armi/munizioni' renamed 'logistica/munizioni'" "u in the codebook undoes the move, in one step"
is "$(rows undone.screen)" "$tree" "and the tree is as it was"
is "$("$MARGO" tags | tr '\n' '|')" "armi  1  2|  munizioni  1  2|    proiettili  1  1|armistizio  1  1|logistica  -  1|  viveri  1  1|" \
	"the library has every old name back"

# ---- a move under itself is refused ----------------------------------------------------
run_script 80x24 <<'EOF'
C
R
<C-u>armi/vecchie
<Enter>
:save-state refused
EOF
expect_state refused message "“armi” cannot move under itself (to “armi/vecchie”)" "R refuses a move under itself"
is "$("$MARGO" annotations --tag armi | wc -l)" 2 "and loses nothing"

# ---- 200x60 ------------------------------------------------------------------------------
run_script 200x60 <<'EOF'
C
:save-display big.screen
EOF
expect_run_ok "200x60: the script runs"
like "$(screen big.screen)" '│ ▾ armi {100,}1      2 *$' "200x60: the counts at the right edge"
like "$(screen big.screen)" '│       proiettili {100,}1      1 *$' "and the tree's indentation"

# ---- Italian ---------------------------------------------------------------------------
if italian_locale; then
	for v in $IT_ENV; do export "${v?}"; done
	export LANGUAGE=it
	for size in 80x24 200x60; do
		run_script $size <<'EOF'
C
:save-display it.screen
jj
z
:save-state it
EOF
		expect_run_ok "$size in Italian: the script runs"
		like "$(screen it.screen)" 'Codebook  5 etichette +propri   ramo$' "$size: the two counts are named in Italian"
		like "$(screen it.screen)" '│ ▾ logistica +-      1 *$' "$size: the level logistica is shown"
		like "$(state it message)" "^“armi/munizioni/proiettili” non ha etichette sotto di sé$" "$size: the message in Italian"
	done
else
	skip "Italian screens" "$italian_problem"
fi

done_testing
