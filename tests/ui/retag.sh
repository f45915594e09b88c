#!/bin/bash
# retag.sh: t changes the tags of an annotation (at the cursor, or in the
# list A), an empty answer removes them; D removes a link; margo retag and
# margo unlink do the same from the shell.  Each is one change of the
# journal: u restores, Ctrl-R redoes, margo history lists it.
. "$top_srcdir/tests/ui/lib.sh"

tags() { "$MARGO" annotations | sed -n 's/^[^[]*\(\[[^]]*\]\).*/\1/p' | tr '\n' ' '; }
links() { "$MARGO" export --format jsonl | grep -c '"links":\[{' ; }

# ---- t at the cursor: prefilled, Tab completes, u and Ctrl-R -------------------
fresh_library
run_script 100x30 <<'EOF'
<Enter>
a
prova, guerra
<Enter>
t
:save-display asked.screen
<C-u>pace, pr<Tab>
<Enter>
:save-state retagged
u
:save-state undone
<C-r>
:save-state redone
EOF
expect_run_ok "t: the script runs"
like "$(tail -n 1 "$RUN_DIR/asked.screen")" 'Tags \(a, b/c; empty removes them\): guerra, prova' \
	"t asks the tags, the ones it has already typed in"
expect_state retagged message "tags: pace, prova (u restores the old ones)" "Enter saves them and says which"
is "$(tags)" "[pace, prova] " "margo annotations shows the new tags (Tab completed pr to prova)"
like "$(state undone message)" "^tags restored on 'L’incontro in corso a Pyon" "u says the tags were restored, on which passage"
like "$(state redone message)" "^redone: tags changed on 'L’incontro" "Ctrl-R redoes the change"
is "$(tags)" "[pace, prova] " "after u and Ctrl-R the new tags are there again"

run_script 100x30 <<'EOF'
<Enter>
u
:save-state undone
EOF
is "$(tags)" "[guerra, prova] " "u (after a restart) gives back exactly the old tags"

# ---- an empty answer removes every tag; the annotation stays ---------------------
run_script 100x30 <<'EOF'
<Enter>
t
<C-u>
<Enter>
:save-state emptied
EOF
expect_state emptied message "tags removed (u restores them)" "an empty answer removes the tags"
is "$("$MARGO" annotations | wc -l) $(tags)" "1 [] " "the annotation is still there, with no tag"
is "$("$MARGO" history | grep -c 'tags changed on')" 2 \
	"margo history lists the change undone (its redo dropped by the new change) and this one"

# ---- t in the list A --------------------------------------------------------------
run_script 100x30 <<'EOF'
A
t
<C-u>altro
<Enter>
:save-state listed
:save-display listed.screen
u
:save-state undone
EOF
expect_run_ok "t in A: the script runs"
expect_state listed message "tags: altro (u restores the old ones)" "t in the list saves the tags of the row selected"
like "$(screen listed.screen)" '\[altro\]' "the list shows the new tags at once"
is "$(tags)" "[] " "u in the list restores the tags it had (none)"
expect_state undone annotations.open 1 "and the list stays open"

# ---- D removes a link; u brings it back --------------------------------------------
fresh_library
run_script 100x30 <<'EOF'
<Enter>
a
fonte
<Enter>
L
j
L
c
D
:save-state removed
:save-display removed.screen
EOF
expect_run_ok "D: the script runs"
expect_state removed message "link removed: contradicts (u brings it back)" "D at the link's end removes it"
unlike "$(screen removed.screen)" '→ contradicts' "the sidebar no longer shows the link"
is "$(links)" 0 "the export carries no link"
unlike "$(screen removed.screen)" 'Link end' "the bare end the link alone used went with it"
run_script 100x30 <<'EOF'
<Enter>
u
:save-state back
j
:save-display back.screen
EOF
like "$(state back message)" "^link restored between 'La visita di Putin.*' and 'L’incontro in corso a Pyon" \
	"u brings the link back and names both ends"
is "$(links)" 1 "the export carries the link again"
like "$(screen back.screen)" '│ Link end 1 link' "the sidebar shows the link's end again"
like "$(screen back.screen)" '→ contradicts' "and the link"

# D where there is no link says so; Esc at the question removes nothing.
run_script 100x30 <<'EOF'
<Enter>
jjj
D
:save-state none
EOF
expect_state none message "no link here: L makes one" "D where no link is says how to make one"

# ---- the command line: margo retag, margo unlink -----------------------------------
fresh_library
run_script 100x30 <<'EOF'
<Enter>
a
uno
<Enter>
L
j
a
due
<Enter>
L
s
EOF
first=$("$MARGO" annotations | grep -F '[uno]' | awk '{print $1}')
second=$("$MARGO" annotations | grep -F '[due]' | awk '{print $1}')
is "$(links)" 1 "two annotations, linked"
out=$("$MARGO" retag "$first" "nuovo, altro/sotto" 2>&1)
is "$?" 0 "margo retag ID TAGS succeeds"
like "$out" "^tags of urn:uuid:$first: nuovo, altro/sotto$" "and says the tags it gave"
like "$("$MARGO" annotations)" "^$first .*\[altro/sotto, nuovo\]" "margo annotations shows them"
out=$("$MARGO" retag 00000000-0000-4000-8000-000000000000 x 2>&1)
is "$?" 1 "margo retag with an unknown id exits 1"
like "$out" '^margo: retag: no annotation "urn:uuid:00000000-0000-4000-8000-000000000000"' "and says so in one line"
out=$(LC_ALL=C.UTF-8 "$MARGO" retag "$first" "$(printf 'bad\377')" 2>&1)
is "$?" 2 "margo retag with tags that are not text exits 2"
like "$out" '^margo: retag: TAGS is not valid UTF-8; nothing was saved$' "and says so in one line"
like "$("$MARGO" annotations)" "^$first .*\[altro/sotto, nuovo\]" "the tags are as they were"
out=$("$MARGO" unlink "urn:uuid:$second" "$first" 2>&1)
is "$?" 0 "margo unlink ID ID succeeds, from either end"
is "$(links)" 0 "the link is gone"
like "$("$MARGO" history | tail -n 1)" "unlinked 'La visita di Putin.*' and 'L’incontro in corso" \
	"margo history lists the unlinking"
out=$("$MARGO" unlink "$first" "$second" 2>&1)
is "$?" 1 "unlinking what is not linked exits 1"
like "$out" '^margo: unlink: no link between ' "and says so"
like "$("$MARGO" undo)" "^undone: unlinked " "margo undo brings the link back"
is "$(links)" 1 "the export carries it again"
like "$("$MARGO" undo)" "^undone: tags changed on " "a second margo undo restores the tags"
like "$("$MARGO" annotations)" "^$first .*\[uno\]" "the annotation has its first tag again"

done_testing
