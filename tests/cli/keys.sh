#!/bin/bash
# keys.sh: margo keys prints every binding in force as a configuration file
# says them (bind VIEW KEY ACTION), each action one that the reader has and
# each key once per view, with no terminal and no library; and the README's
# key table and margo(1)'s KEYS list are exactly what margo keys generates
# (a drift between the code and either document fails here; `make
# update-keys` rewrites them).
. "$top_srcdir/tests/lib.sh"

actions_h=$top_srcdir/src/ui/actions.h
# The action names of the reader, from its one list of actions.
names=$(sed -n 's/^[[:space:]]*X([A-Z_]*, *"\([a-z-]*\)".*/\1/p' "$actions_h" | sort)
n_actions=$(printf '%s\n' "$names" | grep -c .)

# The part of FILE between the marker lines BEGIN and END.
between() {
	B=$2 E=$3 awk '$0 == ENVIRON["E"] { p = 0 } p { print } $0 == ENVIRON["B"] { p = 1 }' "$1"
}

# ---- margo keys: no terminal, no library ----------------------------------------
export MARGO_DB=$TEST_TMP/none/library.db
out=$(timeout 20 env -u TERM "$MARGO" keys </dev/null 2>"$TEST_TMP/err"); rc=$?
is "$rc" 0 "margo keys succeeds without a terminal or a library"
is "$(cat "$TEST_TMP/err")" "" "margo keys says nothing on standard error"
ok "margo keys creates no library" test ! -e "$TEST_TMP/none"

binds=$(printf '%s\n' "$out" | grep -v '^#' | grep .)
is "$(printf '%s\n' "$binds" | awk 'NF != 4 || $1 != "bind" || $2 != "generic"' | head -3)" "" \
	"every line that is not a comment is 'bind generic KEY ACTION'"
unknown=$(printf '%s\n' "$binds" | awk '{ print $4 }' | sort -u | comm -23 - <(printf '%s\n' "$names"))
is "$unknown" "" "every action bound is an action of the reader (actions.h)"
unbound=$(printf '%s\n' "$binds" | awk '{ print $4 }' | sort -u | comm -13 - <(printf '%s\n' "$names"))
is "$unbound" "" "every action of the reader has a key"
is "$(printf '%s\n' "$binds" | awk '{ print $2, $3 }' | sort | uniq -d)" "" \
	"no key is bound twice in one view"
for line in "bind generic J next-article" "bind generic <Space> page-down" \
	"bind generic ^O back" "bind generic <S-Tab> prev-pane" "bind generic <F1> help" \
	"bind generic <Enter> open" "bind generic <Esc> close" "bind generic <PgDn> page-down" \
	"bind generic <Hash> prev-mention" "bind generic ^R redo" "bind generic Q quit-now"; do
	has "$out" "$line" "margo keys: $line"
done
has "$out" "# next-article: Open the next article of the list" \
	"each action's bindings follow a comment with its name and help"

out=$("$MARGO" keys --format yaml 2>"$TEST_TMP/err"); rc=$?
is "$rc" 2 "an unknown format is a usage error (exit 2)"
is "$out" "" "an unknown format prints no bindings"
is "$(wc -l <"$TEST_TMP/err")" 1 "an unknown format: one line on standard error"
like "$(cat "$TEST_TMP/err")" 'unknown format "yaml"' "the message names the format"

# ---- the documents do not drift from the code -------------------------------------
md=$("$MARGO" keys --format markdown)
is "$(printf '%s\n' "$md" | grep -c '^| `')" "$n_actions" "the Markdown table: one row per action"
is "$(between "$top_srcdir/README.md" '<!-- keys:begin -->' '<!-- keys:end -->')" "$md" \
	"README.md's key table is margo keys --format markdown (make update-keys)"
man=$("$MARGO" keys --format man)
is "$(printf '%s\n' "$man" | grep -c '^\.TP$')" "$n_actions" "the man list: one entry per action"
is "$(between "$top_srcdir/margo.1" '.\" keys:begin' '.\" keys:end')" "$man" \
	"margo.1's KEYS list is margo keys --format man (make update-keys)"

# The check sees a change of one help text, and update-keys mends it.
cp "$top_srcdir/README.md" "$TEST_TMP/README.md"
sed -i 's/^\(| `J` | next-article | \)Open/\1Go to/' "$TEST_TMP/README.md"
isnt "$(between "$TEST_TMP/README.md" '<!-- keys:begin -->' '<!-- keys:end -->')" "$md" \
	"a README whose help text for J differs is caught"
printf '%s\n' "$md" >"$TEST_TMP/md"
sh "$top_srcdir/tools/update-keys.sh" "$TEST_TMP/README.md" '<!-- keys:begin -->' \
	'<!-- keys:end -->' "$TEST_TMP/md" >/dev/null
ok "update-keys.sh gives back the README exactly" cmp -s "$TEST_TMP/README.md" "$top_srcdir/README.md"
printf 'no markers here\n' >"$TEST_TMP/plain"
sh "$top_srcdir/tools/update-keys.sh" "$TEST_TMP/plain" '<!-- keys:begin -->' \
	'<!-- keys:end -->' "$TEST_TMP/md" 2>"$TEST_TMP/err"; rc=$?
isnt "$rc" 0 "update-keys.sh fails on a file without its markers"
is "$(cat "$TEST_TMP/plain")" "no markers here" "... and leaves that file as it was"
is "$(wc -l <"$TEST_TMP/err")" 1 "... saying so in one line"

done_testing
