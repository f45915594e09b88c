#!/bin/bash
# journal.sh: u and Ctrl-R in the reader undo and redo exactly the last
# change, from the library's journal (so after a restart too); an entity
# merge asks first, names both, and u puts the mentions back.
. "$top_srcdir/tests/ui/lib.sh"

fresh_library

notes() { "$MARGO" annotations --format jsonl; }

run_script 100x30 <<'EOF'
<Enter>
a
prova
<Enter>
c
<C-u>una nota
<Enter>
:save-state noted
u
:save-state undone
EOF
expect_run_ok "tag, note, undo: the script runs"
expect_state noted message "note saved" "c saves the note"
like "$(state undone message)" "^note restored on 'L’incontro in corso a Pyon" "u says the note was restored, on which passage"
has "$(notes)" '"prova"' "after u the annotation is still there, with its tag"
hasnt "$(notes)" 'una nota' "but without the note"

run_script 100x30 <<'EOF'
<Enter>
<C-r>
:save-state redone
EOF
like "$(state redone message)" "^redone: note changed on " "Ctrl-R, after a restart, redoes the note"
has "$(notes)" 'una nota' "the note is back"

run_script 100x30 <<'EOF'
<Enter>
u
u
:save-state both
EOF
like "$(state both message)" "^undone: annotated " "a second u takes the annotation back"
hasnt "$(notes)" '"prova"' "no annotation is left"

# Merge: asked first, Esc keeps both; y merges; u puts the mentions back.
run_script 80x24 <<'EOF'
<Tab><Tab>
j
:save-state second
m
k
M
<Esc>
:save-state kept
EOF
second=$(state second side.entity)
like "$(state kept message)" "^not merged" "Esc at the question merges nothing"
before=$("$MARGO" mentions "$second" 2>&1)
like "$before" "$second" "margo mentions lists \"$second\""
run_script 80x24 <<'EOF'
<Tab><Tab>
j
m
k
M
:save-display asked.screen
y
:save-state merged
EOF
like "$(screen asked.screen)" "merge \"$second\" into \"" "M asks, naming the entity merged and the one merged into"
like "$(state merged message)" '^merged' "y merges"
after=$("$MARGO" mentions "$second" 2>&1)
ok "after the merge \"$second\" is a name of the other entity, with its mentions" test "$after" != "$before"
run_script 80x24 <<'EOF'
<Tab><Tab>
u
:save-state unmerged
EOF
like "$(state unmerged message)" "^merge undone: merged '" "u undoes the merge and says so"
is "$("$MARGO" mentions "$second" 2>&1)" "$before" "the mentions are back where they were"

done_testing
