#!/bin/bash
# keys.sh: margo keys prints every binding in force as a configuration file
# says them (bind VIEW KEY ACTION), each action one that the reader has and
# each key once per view, with no terminal and no library; and the README's
# key table and margo(1)'s KEYS list are exactly what margo keys generates
# (a drift between the code and either document fails here; `make
# update-keys` rewrites them).  VIEW is a view the action applies to, one
# line per view, or generic when it applies to all; the views and flags
# come from actions.h.  In the reader one place checks the flags: a
# read-only library answers every writing key with the same message, and
# with no article open every key that needs one says so.
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
views="generic list text side help mentions results annotations codebook select prompt"
is "$(printf '%s\n' "$binds" | V="$views" awk 'BEGIN { n = split(ENVIRON["V"], v); for (i = 1; i <= n; i++) ok[v[i]] = 1 }
	NF != 4 || $1 != "bind" || !($2 in ok)' | head -3)" "" \
	"every line that is not a comment is 'bind VIEW KEY ACTION' with a view of the reader"
unknown=$(printf '%s\n' "$binds" | awk '{ print $4 }' | sort -u | comm -23 - <(printf '%s\n' "$names"))
is "$unknown" "" "every action bound is an action of the reader (actions.h)"
unbound=$(printf '%s\n' "$binds" | awk '{ print $4 }' | sort -u | comm -13 - <(printf '%s\n' "$names"))
is "$unbound" "" "every action of the reader has a key"
is "$(printf '%s\n' "$binds" | awk '{ print $2, $3 }' | sort | uniq -d)" "" \
	"no key is bound twice in one view"
for line in "bind list J next-article" "bind text J next-article" "bind side J next-article" \
	"bind generic <Space> page-down" "bind mentions ^O back" "bind annotations ^O back" \
	"bind text <S-Tab> prev-pane" "bind generic <F1> help" "bind list <Enter> open" \
	"bind codebook <Enter> open" "bind results <Esc> close" "bind generic <PgDn> page-down" \
	"bind text <Hash> prev-mention" "bind annotations ^R redo" "bind generic Q quit-now" \
	"bind annotations s sort" "bind annotations y accept" "bind codebook R rename" \
	"bind side R rename" "bind codebook d delete" "bind results L link" \
	"bind select w select-word-forward" "bind select ) select-sentence-forward" \
	"bind select } select-paragraph-forward" "bind select <Esc> select-cancel" \
	"bind prompt <Enter> prompt-accept" "bind prompt ^K prompt-kill-line" \
	"bind prompt <Up> prompt-history-back" "bind prompt <Backspace> prompt-delete-back" \
	"bind prompt <Tab> prompt-complete"; do
	has "$out" "$line" "margo keys: $line"
done
# What a key does not do in a view is not bound there.
for line in "bind list s sort" "bind text y accept" "bind help <Enter> open" \
	"bind text <Enter> open" "bind help <Esc> close" "bind list d delete" "bind help J next-article" \
	"bind codebook ^O back" "bind list R rename"; do
	hasnt "$out" "$line" "margo keys does not say: $line"
done
md=$("$MARGO" keys --format markdown)
# The modes take no generic key: only their own.
is "$(printf '%s\n' "$binds" | awk '($2 == "select" || $2 == "prompt") && $4 !~ /^(select|prompt)-/' | head -3)" "" \
	"the select and prompt views bind only their own actions"
has "$md" "| \`w\` | select-word-forward | select | " "the README's table lists the keys of a selection"
has "$md" "| \`Ctrl-K\` | prompt-kill-line | prompt | " "... and the prompt's editing keys"
# An action bound in every view is said once, as generic, not view by view.
is "$(printf '%s\n' "$binds" | awk '$2 == "generic" { g[$4] = 1 } $2 != "generic" { o[$4] = 1 }
	END { for (a in g) if (a in o) print a }')" "" "an action is generic, or bound view by view, never both"
is "$(printf '%s\n' "$binds" | awk '$4 == "open" { print $2 }' | sort -u | tr '\n' ' ')" \
	"annotations codebook list mentions results side " "Enter opens in the list, sidebar and the four views"
md=$("$MARGO" keys --format markdown)
has "$md" "| \`s\` | sort | annotations | " "the README's table says where a key works"
has "$md" "| \`j\` \`Down\` | down | all | " "... all for a key of every view"
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
sed -i 's/^\(| `J` | next-article | [a-z, ]* | \)Open/\1Go to/' "$TEST_TMP/README.md"
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

# ---- the flags, checked in one place ----------------------------------------------
# The actions with flag F in actions.h: "ID name" per line.
flagged() {
	F=$1 awk '/^[[:space:]]*X\(/ { id = $1; sub(/.*X\(/, "", id); sub(/,.*/, "", id)
		name = $0; sub(/^[^"]*"/, "", name); sub(/".*/, "", name)
		if (index($0, ENVIRON["F"])) print name }' "$actions_h"
}
writing=$(flagged UI_F_WRITES)
is "$(printf '%s\n' "$writing" | grep -c .)" 17 "actions.h flags the 17 actions that write to the library"
for a in annotate undo redo delete retag rename merge toggle-read accept; do
	has "$writing" "$a" "$a is flagged as writing"
done
for a in mark sort search open down codebook; do
	hasnt "$(printf '%s\n' "$writing" | grep -x "$a")" "$a" "$a is not flagged as writing"
done

# The first key of ACTION bound in VIEW, as a script spells it ("" if none).
script_key() {
	k=$(printf '%s\n' "$binds" | awk -v v="$1" -v a="$2" '($2 == v || $2 == "generic") && $4 == a { print $3; exit }')
	case $k in
	^?) printf '<C-%s>' "$(printf '%s' "${k#^}" | tr '[:upper:]' '[:lower:]')" ;;
	*) printf '%s' "$k" ;;
	esac
}

# A read-only library: every writing key, in a view it works in, answers
# the same message, and the file is not touched.
if [ -n "$unprivileged_problem" ]; then
	skip "$unprivileged_problem" 4
else
	[ "$(id -u)" != 0 ] || chmod 755 "$TEST_TMP"
	RO=$TEST_TMP/ro
	mkdir -p "$RO/screens"
	fresh_library "$RO/library.db"
	"$MARGO" --db "$RO/library.db" annotate 1 0 20 --tag prima >/dev/null
	"$MARGO" --db "$RO/library.db" add "$top_srcdir/corpus" >/dev/null  # a writer closes last
	[ "$(id -u)" != 0 ] || chown -R 65534 "$RO"
	chmod a-w "$RO/library.db"
	sum=$(cksum <"$RO/library.db")
	{
		echo "<Enter>"  # the first article, in the text
		steps=""
		for view in text side annotations codebook; do
			case $view in side) echo "<Tab>" ;; annotations) echo "A" ;; codebook) printf 'q\nC\n' ;; esac
			for a in $writing; do
				case " $steps " in *" $a "*) continue ;; esac
				k=$(script_key "$view" "$a")
				[ -n "$k" ] || continue
				printf '%s\n:save-display %s\n' "$k" "$RO/screens/$a"
				steps="$steps $a"
			done
		done
	} >"$RO/script"
	(cd "$RO/screens" && as_user env LINES=24 COLUMNS=200 TERM=xterm MARGO_SCRIPT="$RO/script" \
		timeout 20 "$MARGO" --db "$RO/library.db" </dev/null >/dev/null 2>"$TEST_TMP/ro.err")
	is "$?" 0 "read-only: the reader runs every writing key and quits with status 0"
	said=$(for a in $writing; do
		tail -n 1 "$RO/screens/$a" 2>/dev/null | sed "s/.*\(read-only: .*\)/\1/; s/, so $a is not/, so ACTION is not/"
	done | sort | uniq -c | sed 's/^ *//')
	is "$said" "17 read-only: the library cannot be written, so ACTION is not possible (check its permissions, then start margo again)" \
		"read-only: each of the 17 writing keys answers the same message, naming its action"
	hasnt "$(cat "$RO/screens/"* 2>/dev/null)" "Tags (a, b/c):" "read-only: no prompt was opened"
	is "$(cksum <"$RO/library.db")" "$sum" "read-only: the library file is unchanged"
fi

# No article open (an empty library): every key that needs one says so,
# in the same words.
needs=$(flagged UI_F_NEEDS_ARTICLE)
has "$needs" "annotate" "annotate needs an open article"
mkdir -p "$TEST_TMP/none/empty" "$TEST_TMP/none/screens"
{
	for a in $needs; do
		k=$(script_key list "$a")
		[ -n "$k" ] || continue
		printf '%s\n:save-display %s\n' "$k" "$TEST_TMP/none/screens/$a"
	done
} >"$TEST_TMP/none/script"
(cd "$TEST_TMP/none/screens" && env LINES=24 COLUMNS=200 TERM=xterm MARGO_SCRIPT="$TEST_TMP/none/script" \
	timeout 20 "$MARGO" --db "$TEST_TMP/none/library.db" "$TEST_TMP/none/empty" </dev/null >/dev/null 2>&1)
n_needs=$(grep -c . "$TEST_TMP/none/script")
isnt "$n_needs" 0 "keys that need an article are bound in the list"
said=$(for f in "$TEST_TMP/none/screens"/*; do
	a=${f##*/}
	tail -n 1 "$f" | sed "s/.*\(no article is open\)/\1/; s/, so $a is not/, so ACTION is not/"
done | sort | uniq -c | sed 's/^ *//')
is "$said" "$((n_needs / 2)) no article is open, so ACTION is not possible (Enter in the list opens one)" \
	"no article open: each key that needs one answers the same message, naming its action"

done_testing
