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
q
y
:save-state never
EOF
expect_run_ok "link: the script runs"
has "$(screen link.screen)" "quit? the link begun with L will be lost (y/n)" "q with a pending link asks"
ok "Esc: margo stays" test -e "$RUN_DIR/stayed"
ok "y: margo quits" test ! -e "$RUN_DIR/never"
is "$("$MARGO" annotations)" "" "and the end made for the link alone is not left behind"

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

# ---- A: status:conflict, the two versions, and resolving --------------------------------
"$MARGO" annotate 4 0 11 --tag "luoghi" --note "nostra nota" >/dev/null
"$MARGO" annotate 4 20 30 --tag "altro" >/dev/null
"$MARGO" export --format jsonl -o "$TEST_TMP/mine.jsonl"
sed -e 's/nostra nota/loro nota/' -e 's/"modified":"[^"]*"/"modified":"2001-01-01T00:00:00Z"/' \
	"$TEST_TMP/mine.jsonl" >"$TEST_TMP/older.jsonl"
"$MARGO" import "$TEST_TMP/older.jsonl" >/dev/null
cp "$MARGO_DB" "$TEST_TMP/conflict.db"
cp "$MARGO_DB" "$TEST_TMP/conflict-it.db"
run_script 100x30 <<'EOF'
A
:save-display all.screen
/status:conflict
<Enter>
:save-state filtered
!
:save-display both.screen
t
:save-state resolved
EOF
expect_run_ok "conflict: the script runs"
has "$(screen all.screen)" "! [luoghi]" "the annotations list marks a conflict with !"
hasnt "$(screen all.screen)" "! [altro]" "and only there"
is "$(state filtered annotations.n)" 1 "/status:conflict keeps the annotations with a conflict"
both=$(screen both.screen)
has "$both" "Conflict #1" "! shows the conflict"
like "$both" "This library" "this library's version"
like "$both" "note +nostra nota" "with our note"
like "$both" "Imported" "and the imported one"
like "$both" "note +loro nota" "with theirs"
like "$both" "modified +2001-01-01T00:00:00Z" "and when each was changed"
has "$both" "keep: m this library's, t the imported, b both" "and asks which to keep"
is "$(state resolved message)" "the imported version is in place" "t takes the imported version"
is "$(state resolved annotations.n)" 0 "the conflict no longer shows"
has "$("$MARGO" annotations --format jsonl)" '"value":"loro nota"' "and the library has their note"
is "$("$MARGO" conflicts)" "" "margo conflicts has nothing left"
run_script 100x30 --db "$TEST_TMP/conflict.db" <<'EOF'
A
/status:conflict
<Enter>
!
b
:save-state both
EOF
is "$(state both message)" "kept both: the imported version is a new annotation" "b keeps both"
is "$("$MARGO" --db "$TEST_TMP/conflict.db" annotations | wc -l)" 3 "three annotations now"

# ---- the help says so ------------------------------------------------------------------------
run_script 100x60 <<'EOF'
?
G
:save-display help.screen
EOF
like "$(screen help.screen)" 'Q +Quit margo at once, from any view' "the help names Q"

# ---- in Italian the question shows the Italian letters, and s answers yes
if italian_locale; then
	for v in $IT_ENV; do export "${v?}"; done
	export LANGUAGE=it
	run_script 100x30 <<'EOF'
<Enter>
v
q
:save-display asked.screen
n
:save-state kept
q
s
:save-state never
EOF
	unset LOCPATH MARGO_LOCALEDIR LANGUAGE
	export LANG=C.UTF-8
	expect_run_ok "Italian: the script runs"
	has "$(screen asked.screen)" "uscire? la selezione andrà persa (s/n)" "Italian: the question shows s/n"
	is "$(state kept text.selecting)" 1 "Italian: n keeps margo and the selection"
	ok "Italian: s (sì) quits" test ! -e "$RUN_DIR/never"
	for v in $IT_ENV; do export "${v?}"; done
	export LANGUAGE=it
	run_script 100x30 --db "$TEST_TMP/conflict-it.db" <<'EOF'
A
/status:conflict
<Enter>
!
:save-display conflict.screen
<Esc>
EOF
	unset LOCPATH MARGO_LOCALEDIR LANGUAGE
	export LANG=C.UTF-8
	both=$(screen conflict.screen)
	has "$both" "Conflitto n. 1" "Italian: the conflict's title is in Italian"
	like "$both" "│  nota +nostra nota" "Italian: ... and the names of its fields (note: nota)"
	like "$both" "│  modifica +2001-01-01T00:00:00Z" "Italian: ... (modified: modifica)"
else
	skip "Italian: the script runs" "$italian_problem"
fi

done_testing
