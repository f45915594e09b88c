#!/bin/bash
# journal.sh: margo history, undo and redo from the shell.
. "$top_srcdir/tests/lib.sh"

fresh_library
"$MARGO" annotate 1 0 10 --tag prova >/dev/null
hist=$("$MARGO" history)
like "$hist" "^[0-9T:Z-]+  .*annotated 'L’incontro'$" "history lists the change with its time"
js=$("$MARGO" history --format jsonl)
like "$js" '^\{"id":1,"time":"[^"]+","author":"[^"]*","kind":"annotate","summary":"annotated ' "history --format jsonl"
has "$js" '"state":"done"' "the change is done"
is "$("$MARGO" undo)" "undone: annotated 'L’incontro'" "margo undo says what it undid"
is "$("$MARGO" annotations)" "" "the annotation is gone"
like "$("$MARGO" history)" "undone +annotated" "history marks it undone"
is "$("$MARGO" redo)" "redone: annotated 'L’incontro'" "margo redo says what it redid"
has "$("$MARGO" annotations)" "[prova]" "the annotation is back"
"$MARGO" undo >/dev/null
"$MARGO" annotate 1 20 30 --tag altro >/dev/null
err=$("$MARGO" redo 2>&1); rc=$?
is "$rc" 1 "a new change drops what could be redone: margo redo exits 1"
has "$err" "nothing to redo" "and says so"
out=$("$MARGO" undo 5 2>&1); rc=$?
is "$rc" 0 "margo undo N undoes what there is"
err=$("$MARGO" undo 2>&1); rc=$?
is "$rc" 1 "nothing left: exit 1"
has "$err" "nothing to undo" "and says so"
err=$("$MARGO" undo zero 2>&1); rc=$?
is "$rc" 2 "a count that is not a number is a usage error"
# A row changed by another tool since: the undo is refused, nothing changes.
"$MARGO" annotate 1 0 10 --tag prova --note prima >/dev/null
"$top_builddir/tests/helpers/sqlexec" "$MARGO_DB" "UPDATE annotation SET note = 'altrove'" >/dev/null
err=$("$MARGO" undo 2>&1); rc=$?
is "$rc" 3 "an undo of a row changed since is refused"
like "$err" "changed since" "and says why"
has "$("$MARGO" annotations --format jsonl)" "altrove" "nothing was changed"

# An import is one change: one undo takes back all it brought, one redo
# brings it again (each annotation is still its own transaction).
"$MARGO" export --format jsonl >"$TEST_TMP/mine.jsonl"
fresh_library
"$MARGO" add "$top_srcdir/corpus" >/dev/null 2>&1
"$MARGO" annotate 1 0 10 --tag prima >/dev/null
"$MARGO" annotate 2 0 12 --tag seconda >/dev/null
"$MARGO" annotate 3 0 14 --tag terza >/dev/null
"$MARGO" export --format jsonl >"$TEST_TMP/three.jsonl"
fresh_library
"$MARGO" add "$top_srcdir/corpus" >/dev/null 2>&1
"$MARGO" import "$TEST_TMP/three.jsonl" >/dev/null 2>&1
is "$("$MARGO" history | wc -l | tr -d ' ')" 1 "an import of three annotations is one entry of the history"
like "$("$MARGO" history)" "imported 3 annotations$" "which says how many it brought"
is "$("$MARGO" undo)" "undone: imported 3 annotations" "one undo takes the import back"
is "$("$MARGO" annotations)" "" "all three annotations are gone"
"$MARGO" redo >/dev/null
is "$("$MARGO" annotations | wc -l | tr -d ' ')" 3 "one redo brings the three back"

# What the journal holds comes from a library that may be someone else's:
# a coder or a tag with a control character reaches no terminal raw.
id=$("$MARGO" annotate 1 0 10 --tag prova)
out=$("$MARGO" retag "$id" "$(printf 'evil\033[2J')")
is "$(printf '%s' "$out" | tr -dc '\033' | wc -c | tr -d ' ')" 0 "retag prints the tags it saved made safe"
"$top_builddir/tests/helpers/sqlexec" "$MARGO_DB" "UPDATE journal SET author = char(27) || '[2Jmallory', coder = char(27) || '[2Jmallory'" >/dev/null
out=$("$MARGO" history)
is "$(printf '%s' "$out" | tr -dc '\033' | wc -c | tr -d ' ')" 0 "history prints a coder with an escape made safe"
has "$out" "^[[2Jmallory" "shown as ^["

done_testing
