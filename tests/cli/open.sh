#!/bin/bash
# open.sh: opening the library, by many at once and beside another writer.
#
#  - four "margo add" started together on a library that does not exist
#    yet all succeed, and the library holds each article once (20 times
#    over, as the race is a matter of chance);
#  - a write that waits in vain for another process's lock says the
#    library is busy, what it waited for and that nothing was changed;
#  - commands that only read leave the library's folder as they found it
#    (no -wal or -shm files beside it);
#  - annotate's --tag, --note and --author must be UTF-8 (exit 2,
#    nothing saved), or, under a Latin-1 locale, are converted from it;
#  - the reader, started in a terminal (script(1) gives it one), refuses
#    TERM=dumb, which cannot move the cursor, with a message and status 2,
#    and shows a TERM holding escape sequences as visible markers.
. "$top_srcdir/tests/lib.sh"

C=$top_srcdir/corpus
HOLDLOCK=$top_builddir/tests/helpers/holdlock
n_corpus=$(ls "$C"/*.txt | wc -l)

# ---- creating a library, four at once --------------------------------------
rounds=${OPEN_ROUNDS:-20}
bad=
for r in $(seq 1 "$rounds"); do
	D=$TEST_TMP/race$r
	mkdir -p "$D"
	for i in 1 2 3 4; do
		("$MARGO" --db "$D/library.db" add "$C" >"$D/out.$i" 2>&1; echo "exit $?" >>"$D/out.$i") &
	done
	wait
	for i in 1 2 3 4; do
		grep -qx 'exit 0' "$D/out.$i" || bad="$bad
round $r, process $i: $(grep -v '^exit 0$' "$D/out.$i" | tr '\n' ' ')"
	done
	n=$("$MARGO" --db "$D/library.db" list 2>&1 | wc -l)
	[ "$n" = "$n_corpus" ] || bad="$bad
round $r: $n articles listed, not $n_corpus"
done
is "$bad" "" "$rounds rounds of four margo add at once on a new library: all succeed, each article once"
sources=$("$MARGO" --db "$TEST_TMP/race1/library.db" list --format jsonl | grep -o '"source":"[^"]*"' | sort -u | wc -l)
is "$sources" "$n_corpus" "the first round's library holds each article once"
is "$("$MARGO" --db "$TEST_TMP/race$rounds/library.db" check)" ok "the last round's library is sound"

# ---- a busy library ----------------------------------------------------------
fresh_library
before=$("$MARGO" annotations | wc -l)
"$HOLDLOCK" "$MARGO_DB" 9 >"$TEST_TMP/held" 2>&1 &
holder=$!
at_exit "kill $holder 2>/dev/null"
for _ in $(seq 1 100); do
	grep -q held "$TEST_TMP/held" && break
	sleep 0.1
done
has "$(cat "$TEST_TMP/held")" held "another process holds the library's write lock"
"$MARGO" annotate 1 0 10 --note "in attesa" >"$TEST_TMP/annot.out" 2>"$TEST_TMP/annot.err" &
annotating=$!
"$MARGO" add "$C" >"$TEST_TMP/add.out" 2>"$TEST_TMP/add.err"
add_rc=$?
wait "$annotating"
annot_rc=$?
busy="the library is busy: another margo is writing to it (waited 5 s); nothing was changed"
is "$annot_rc" 3 "annotate on a busy library exits 3"
is "$(cat "$TEST_TMP/annot.err")" "margo: $MARGO_DB: $busy" \
	"annotate says the library is busy, what it waited for, and that nothing was changed"
is "$(cat "$TEST_TMP/annot.out")" "" "annotate printed no id"
is "$add_rc" 3 "add on a busy library exits 3"
is "$(cat "$TEST_TMP/add.err")" "margo: $MARGO_DB: $busy" "add says the same"
wait "$holder"
is "$("$MARGO" annotations | wc -l)" "$before" "no annotation was saved"
out=$("$MARGO" annotate 1 0 10 --note "dopo" 2>&1); rc=$?
is "$rc" 0 "once the lock is let go, annotate works"

# ---- reading leaves the folder as it was ---------------------------------------
D=$TEST_TMP/quiet
mkdir -p "$D"
"$MARGO" --db "$D/library.db" add "$C" >/dev/null
is "$(ls -A "$D")" "library.db" "after margo add the folder holds the library alone"
"$MARGO" --db "$D/library.db" annotate 2 0 20 --tag prima >/dev/null
is "$(ls -A "$D")" "library.db" "after margo annotate too"
for cmd in "list" "show 1" "passages 1" "search Putin" "annotations" "export" "check" \
	"entities" "mentions Putin" "related 8"; do
	# shellcheck disable=SC2086
	"$MARGO" --db "$D/library.db" $cmd >/dev/null 2>"$TEST_TMP/quiet.err"
	is "$(ls -A "$D")" "library.db" "margo $cmd leaves no -wal or -shm file beside the library"
done
is "$(cat "$TEST_TMP/quiet.err")" "" "and said nothing on standard error"
"$MARGO" --db "$D/library.db" list >/dev/null &
"$MARGO" --db "$D/library.db" search Kim >/dev/null &
"$MARGO" --db "$D/library.db" annotate 3 0 10 --note "insieme" >/dev/null &
wait
# Two closing at the same moment may each see the other still there and
# leave the files; the next margo alone, reading, takes them away.
"$MARGO" --db "$D/library.db" list >/dev/null
is "$(ls -A "$D")" "library.db" "after readers and a writer at once, the next reader leaves the folder as it was"

# ---- text arguments of annotate -----------------------------------------------
fresh_library
before=$("$MARGO" annotations | wc -l)
# bad_text DESC ARGS...: annotate with ARGS exits 2 and says DESC is not
# valid UTF-8; nothing is saved.
bad_text() {
	_what=$1
	shift
	err=$("$@" 2>&1 >/dev/null)
	rc=$?
	is "$rc" 2 "$_what not valid UTF-8: annotate exits 2"
	has "$err" "margo: annotate: $_what" "$_what not valid UTF-8: the message names it"
	has "$err" "is not valid UTF-8; nothing was saved" "$_what not valid UTF-8: and says nothing was saved"
}
bad_text --note "$MARGO" annotate 1 0 10 --note "$(printf 'caff\350')"
bad_text --tag "$MARGO" annotate 1 0 10 --tag "$(printf 'citt\340,ok')"
bad_text --author "$MARGO" annotate 1 0 10 --author "$(printf 'r\351my')"
is "$("$MARGO" annotations | wc -l)" "$before" "none of them saved anything"
# The coder is the login name the password database gives, before $USER.
out=$(USER="$(printf 'r\351my')" "$MARGO" annotate 1 0 10 2>&1); rc=$?
is "$rc" 0 "a bad \$USER does not matter: the login name is the coder"
out=$(USER="$(printf 'r\351my')" "$MARGO" annotate 1 0 10 --author "Rémy" 2>&1); rc=$?
is "$rc" 0 "nor with a good --author"
before=$("$MARGO" annotations | wc -l)

# Under a Latin-1 locale, arguments and $USER are Latin-1: converted.
if mkdir -p "$TEST_TMP/locale" &&
	localedef -i it_IT -f ISO-8859-1 "$TEST_TMP/locale/it_IT.ISO-8859-1" >/dev/null 2>&1; then
	out=$(env LOCPATH="$TEST_TMP/locale" LC_ALL=it_IT.ISO-8859-1 \
		"$MARGO" annotate 1 0 10 --note "$(printf 'caff\350')" --tag "$(printf 'citt\340')" \
		--as "$(printf 'r\351my')" 2>&1)
	rc=$?
	is "$rc" 0 "Latin-1 locale: annotate takes Latin-1 arguments"
	jsonl=$("$MARGO" export --format jsonl)
	has "$jsonl" '"value":"città"' "Latin-1 locale: the tag is saved as UTF-8"
	has "$jsonl" '"value":"caffè"' "Latin-1 locale: the note too"
	has "$jsonl" '"creator":{"type":"Person","name":"rémy"}' "Latin-1 locale: and the coder from --as"
else
	for d in "takes Latin-1 arguments" "the tag is saved as UTF-8" "the note too" "and the coder from --as"; do
		skip "Latin-1 locale: $d" "localedef cannot make it_IT.ISO-8859-1"
	done
fi
ok "every export is valid UTF-8" sh -c '"$MARGO" export --format jsonl | iconv -f UTF-8 -t UTF-8 >/dev/null'

# ---- the reader's terminal -----------------------------------------------------
# in_terminal NAME TERM: margo (the reader) in a terminal of its own, for 10
# s at most; what the terminal received in NAME.screen, the exit status in
# NAME.rc (and printed).
in_terminal() {
	rm -f "$TEST_TMP/$1.rc"
	TERM=$2 timeout 10 script -qec "$(printf '%q ' "$MARGO"); echo \$? >$(printf '%q' "$TEST_TMP/$1.rc")" \
		/dev/null </dev/null >"$TEST_TMP/$1.screen" 2>&1
	cat "$TEST_TMP/$1.rc" 2>/dev/null || echo "still running after 10 s"
}
if ! command -v script >/dev/null 2>&1; then
	skip "the reader refuses TERM=dumb" "script(1) is not installed"
	skip "the reader shows an escape sequence in TERM as markers" "script(1) is not installed"
else
	is "$(in_terminal dumb dumb)" 2 "TERM=dumb: the reader exits at once with status 2"
	is "$(tr -d '\r' <"$TEST_TMP/dumb.screen")" 'margo: the terminal type "dumb" (TERM) cannot move the cursor, and the reader needs to: set TERM to your terminal'"'"'s type (for example TERM=xterm-256color), or use "margo list", "margo show ID" or "margo search QUERY"' \
		"TERM=dumb: it says why and what to do"
	is "$(in_terminal hostile "$(printf 'xterm\033]0;pwned\007')")" 3 \
		"TERM holding an escape sequence: an unknown terminal, status 3"
	screen=$(cat "$TEST_TMP/hostile.screen")
	has "$screen" 'margo: unknown terminal type "xterm^[]0;pwned^G"' \
		"the escape sequence in TERM is shown to the terminal as markers"
	unlike "$screen" "$(printf '[\033\007]')" "no ESC or BEL byte reaches the terminal"
fi

done_testing
