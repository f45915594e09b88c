#!/bin/bash
# readonly.sh: a library that cannot be written opens read-only.
#
# Two cases: the file is read-only (its folder writable), and the folder is
# read-only too (SQLite cannot even make its -shm file there).  In both, the
# reader starts with "read-only" on its status line and answers an
# annotation key with a message; `margo add`, `margo annotate` and `margo
# import` say why they cannot write and exit 3; reading commands work; the
# file never changes.  Root may write anything, so as root the test runs
# margo as nobody (setpriv, else runuser).
. "$top_srcdir/tests/lib.sh"

[ -z "$unprivileged_problem" ] || skip_all "$unprivileged_problem"
[ "$(id -u)" != 0 ] || chmod 755 "$TEST_TMP"

# A library with the bundled corpus and one annotation, made writable by
# the test user, in folder $1.
make_library() {
	mkdir -p "$1"
	fresh_library "$1/library.db"
	"$MARGO" --db "$1/library.db" annotate 2 0 20 --tag prima --note "già fatta" >/dev/null
	"$MARGO" --db "$1/library.db" export --format jsonl >"$TEST_TMP/export.jsonl"
	# A writer closing last removes the -wal and -shm files (a reader
	# leaves them), so the folder holds the library alone.
	"$MARGO" --db "$1/library.db" add "$top_srcdir/corpus" >/dev/null
	[ "$(id -u)" != 0 ] || chown -R 65534 "$1"
}

# run_ui DB NAME KEY KEYS...: a scripted reader as the test user; its
# screen at the start, after the first KEY and after all KEYS goes to
# $TEST_TMP/ui/NAME.start, .first, .screen; its status to $TEST_TMP/NAME.rc.
run_ui() {
	_db=$1 _name=$2
	shift 2
	mkdir -p "$TEST_TMP/ui"
	[ "$(id -u)" != 0 ] || chown 65534 "$TEST_TMP/ui"
	{
		printf ':save-display %s\n' "$TEST_TMP/ui/$_name.start"
		printf '%s\n' "$1"
		printf ':save-display %s\n' "$TEST_TMP/ui/$_name.first"
		shift
		printf '%s\n' "$@"
		printf ':save-display %s\n' "$TEST_TMP/ui/$_name.screen"
	} >"$TEST_TMP/$_name.script"
	(cd "$TEST_TMP/ui" && as_user env LINES=24 COLUMNS=100 TERM=xterm \
		MARGO_SCRIPT="$TEST_TMP/$_name.script" timeout 20 "$MARGO" --db "$_db" \
		</dev/null >/dev/null 2>"$TEST_TMP/$_name.err")
	echo $? >"$TEST_TMP/$_name.rc"
}

for case in file folder; do
	D=$TEST_TMP/$case
	DB=$D/library.db
	make_library "$D"
	is "$(ls "$D")" "library.db" "$what the folder holds the library alone"
	chmod a-w "$DB"
	[ "$case" = file ] || chmod a-w "$D"
	sum=$(cksum <"$DB")
	what="read-only $case:"

	out=$(as_user "$MARGO" --db "$DB" list 2>&1)
	is "$(printf '%s\n' "$out" | grep -c .)" 5 "$what margo list reads the 5 articles"
	is "$(as_user "$MARGO" --db "$DB" check 2>&1)" ok "$what margo check says ok"
	has "$(as_user "$MARGO" --db "$DB" annotations 2>&1)" "[prima]" "$what margo annotations lists the annotation"

	for cmd in "add $top_srcdir/corpus/000_d4a5fe329111c680.txt" "annotate 1 0 10 --tag nuova" \
		"import $TEST_TMP/export.jsonl"; do
		# shellcheck disable=SC2086
		err=$(as_user "$MARGO" --db "$DB" $cmd 2>&1 >/dev/null)
		rc=$?
		is "$rc" 3 "$what margo ${cmd%% *} exits 3"
		like "$err" "^margo: .*library\.db: the library is read-only \(you have no permission to write (it|in its folder)\); nothing was changed$" \
			"$what margo ${cmd%% *} says the library is read-only, and why"
	done
	err=$(as_user "$MARGO" --db "$DB" "$top_srcdir/corpus" 2>&1 </dev/null)
	is "$?" 3 "$what margo PATH (add, then read) exits 3"
	has "$err" "the library is read-only" "$what and says so"

	run_ui "$DB" "$case" "<Enter>" a c u
	is "$(cat "$TEST_TMP/$case.rc")" 0 "$what the reader starts and quits with status 0"
	is "$(cat "$TEST_TMP/$case.err")" "" "$what the reader writes nothing to standard error"
	like "$(tail -n 1 "$TEST_TMP/ui/$case.first")" '^ article 1/5 · text · read-only · ' \
		"$what the status line says read-only"
	has "$(cat "$TEST_TMP/ui/$case.start")" "read-only: this library cannot be written" \
		"$what and a message says so at the start"
	screen=$(cat "$TEST_TMP/ui/$case.screen" 2>/dev/null)
	like "$(printf '%s\n' "$screen" | tail -n 1)" 'read-only: the library cannot be written, so undo is not possible' \
		"$what u gives a clear message"
	hasnt "$screen" "Tags (a, b/c):" "$what no prompt for tags was opened"
	run_ui "$DB" "$case-a" "<Enter>" a
	has "$(cat "$TEST_TMP/ui/$case-a.screen")" "so annotate is not possible" "$what a gives a clear message"
	run_ui "$DB" "$case-c" "<Enter>" c
	like "$(cat "$TEST_TMP/ui/$case-c.screen")" "so note-inline is not possible|no annotation at the cursor" \
		"$what c gives a clear message"

	is "$(cksum <"$DB")" "$sum" "$what the library file is unchanged"
	if [ "$case" = folder ]; then
		is "$(ls "$D")" "library.db" "$what nothing was made beside it"
	fi
	chmod u+w "$D" "$DB"
	is "$("$MARGO" --db "$DB" annotations | wc -l)" 1 "$what still exactly one annotation"
done

# Control: the same reader on a writable library annotates, so the
# messages above come from read-only mode and not from the script.
W=$TEST_TMP/writable
make_library "$W"
run_ui "$W/library.db" writable "<Enter>" a ok "<Enter>"
has "$(cat "$TEST_TMP/ui/writable.screen")" "annotated: ok" "control: a writable library takes the annotation"
hasnt "$(cat "$TEST_TMP/ui/writable.start")" "read-only" "control: and its status line does not say read-only"

done_testing
