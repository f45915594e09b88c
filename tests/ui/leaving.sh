#!/bin/bash
# leaving.sh: q closes the view in focus (help, annotations, codebook,
# results) and quits only from the three panes; before quitting with a
# selection or a link begun with L it asks, naming what would be lost; Q
# quits at once from anywhere (layer A, scripted).
. "$top_srcdir/tests/ui/lib.sh"

fresh_library >/dev/null

# ---- q asks before a selection is lost -------------------------------------
run_script 100x30 <<'EOF'
<Enter>
v
q
:save-display asked.screen
n
:save-state kept
q
y
:save-state never
EOF
expect_run_ok "selection: the script runs"
has "$(screen asked.screen)" "quit? the selection will be lost (y/n)" "q with a selection asks, naming it"
is "$(state kept text.selecting)" 1 "n: margo stays, the selection too"
is "$(state kept message)" "not quitting" "and says so"
ok "y: margo quits" test ! -e "$RUN_DIR/never"

# ---- and before a link begun with L is lost -----------------------------------------
run_script 100x30 <<'EOF'
<Enter>
L
q
:save-display link.screen
<Esc>
:save-state stayed
EOF
expect_run_ok "link: the script runs"
has "$(screen link.screen)" "quit? the link begun with L will be lost (y/n)" "q with a pending link asks"
ok "Esc: margo stays" test -e "$RUN_DIR/stayed"

# ---- q closes views, and quits at once from the panes ---------------------------------------
run_script 100x30 <<'EOF'
A
:save-state list
q
:save-state closed
?
q
:save-state helpclosed
C
q
:save-state cbclosed
q
:save-state never
EOF
expect_run_ok "views: the script runs"
is "$(state list annotations.open)" 1 "A opens the annotations"
is "$(state closed annotations.open)" 0 "q closes them"
is "$(state helpclosed help)" 0 "q closes the help"
is "$(state cbclosed codebook.open)" 0 "q closes the codebook"
ok "q in the three panes, with nothing to lose, quits without asking" test ! -e "$RUN_DIR/never"

# ---- Q quits at once from anywhere ---------------------------------------------------------
for keys in A '?' C v; do
	run_script 100x30 <<EOF
<Enter>
$keys
Q
:save-state never
EOF
	expect_run_ok "Q after $keys: the script runs"
	ok "Q after $keys: margo quits at once" test ! -e "$RUN_DIR/never"
done

# ---- the help says so ------------------------------------------------------------------------
run_script 100x60 <<'EOF'
?
G
:save-display help.screen
EOF
like "$(screen help.screen)" 'Q +Quit margo at once, from any view' "the help names Q"

done_testing
