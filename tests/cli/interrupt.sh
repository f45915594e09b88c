#!/bin/bash
# interrupt.sh: a load stopped at any moment loses nothing.
#
# A file counts as loaded only in the transaction that writes its last
# article, so whatever stops a load (kill -9, SIGTERM, Ctrl-C, a disk that
# fills) the next "margo add" of the same paths loads what is missing, and
# every article is there exactly once.  Twenty kills at random moments,
# .txt files and a JSON Lines file in turn; loads that hit a file-size limit
# at random sizes; a tmpfs that fills (where mounting one is allowed).
# SIGTERM and SIGINT end the load after saving what was read, with a word
# and the signal's exit status, and the next load goes on after the last
# line kept.
. "$top_srcdir/tests/lib.sh"

copies_of_corpus "$TEST_TMP/txt" 80           # 400 articles
mkdir "$TEST_TMP/feed"
# lines NAME N: N articles without url or id, one a line.
lines() {
	awk -v n="$2" 'BEGIN { for (i = 1; i <= n; i++)
		printf "{\"title\":\"Notizia %d\",\"text\":\"Il consiglio di Roma ha discusso la proposta numero %d. Mario Rossi ha votato contro il giorno %d.\"}\n", i, i, i }' >"$1"
}
lines "$TEST_TMP/feed/feed.jsonl" 12000
n_txt=400
n_jsonl=12000

# every DB N DESC: the library holds N articles, each once (by title and
# source: a file's name, or the title of a line), and passes margo check.
every() {
	_titles=$("$MARGO" --db "$1" list --format jsonl | sed 's/.*"title":"\([^"]*\)".*"source":"\([^"]*\)".*/\2 \1/')
	_n=$(printf '%s\n' "$_titles" | grep -c .)
	_dup=$(printf '%s\n' "$_titles" | sort | uniq -d | head -3)
	_check=$("$MARGO" --db "$1" check 2>&1)
	if [ "$_n" = "$2" ] && [ -z "$_dup" ] && [ "$_check" = ok ]; then
		pass "$3"
	else
		fail "$3" "articles: $_n (want $2); twice: ${_dup:-none}; check: $_check"
	fi
}

input_of() { if [ "$1" = txt ]; then echo "$TEST_TMP/txt"; else echo "$TEST_TMP/feed/feed.jsonl"; fi; }
count_of() { if [ "$1" = txt ]; then echo $n_txt; else echo $n_jsonl; fi; }

# The kill window spans a whole load of each kind, however fast this build.
declare -A window
for kind in txt jsonl; do
	t0=$(date +%s%N)
	"$MARGO" --db "$TEST_TMP/time-$kind.db" add "$(input_of $kind)" >/dev/null 2>&1
	t1=$(date +%s%N)
	window[$kind]=$(((t1 - t0) / 1000000))
	[ "${window[$kind]}" -ge 50 ] || window[$kind]=50
	diag "a whole load of $kind: ${window[$kind]} ms"
done

# ---- 20 kills at random moments (INTERRUPT_KILLS) ----------------------------------------
sigs=(KILL TERM INT KILL TERM)
stopped=0
for i in $(seq 1 "${INTERRUPT_KILLS:-20}"); do
	if [ $((i % 2)) = 1 ]; then kind=txt; else kind=jsonl; fi
	sig=${sigs[$((i % 5))]}
	db=$TEST_TMP/k$i.db
	"$MARGO" --db "$db" add "$(input_of $kind)" >"$TEST_TMP/k$i.out" 2>"$TEST_TMP/k$i.err" &
	pid=$!
	ms=$((RANDOM % ${window[$kind]}))
	sleep "$(awk -v ms=$ms 'BEGIN { printf "%.3f", ms / 1000 }')"
	kill -"$sig" "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	# (A signal before the load began ends margo at once, saying nothing.)
	grep -q "^margo: stopped by" "$TEST_TMP/k$i.err" && stopped=$((stopped + 1))
	"$MARGO" --db "$db" add "$(input_of $kind)" >"$TEST_TMP/k$i.again" 2>&1
	rc2=$?
	[ "$rc2" = 0 ] || diag "kill $i: the second add exited $rc2: $(cat "$TEST_TMP/k$i.again")"
	every "$db" "$(count_of $kind)" "kill $i ($kind, SIG$sig after $ms ms, exit $rc): after a second add every article is there once"
done
diag "loads stopped by SIGTERM or SIGINT while running: $stopped"

# ---- a load stopped part way resumes after the last line it kept -----------------------
lines "$TEST_TMP/feed/long.jsonl" 30000
db=$TEST_TMP/resume.db
"$MARGO" --db "$db" add "$TEST_TMP/feed/long.jsonl" >"$TEST_TMP/r.out" 2>"$TEST_TMP/r.err" &
pid=$!
# Until some articles are committed (the load commits twice a second).
for _ in $(seq 1 400); do
	n=$("$MARGO" --db "$db" list 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] && break
	sleep 0.05
done
kill -TERM "$pid"
wait "$pid"
rc=$?
if [ "$rc" = 0 ]; then
	skip "a load stopped part way" "the load ended before it could be stopped"
else
	is "$rc" 143 "SIGTERM: add ends by the signal (exit 143)"
	like "$(cat "$TEST_TMP/r.err")" '^margo: stopped by SIGTERM: [0-9]+ articles added and 0 updated were saved; "margo add" of the same paths goes on from there$' \
		"SIGTERM: add says how far it got"
	saved=$(sed -n 's/^margo: stopped by SIGTERM: \([0-9]*\) articles.*/\1/p' "$TEST_TMP/r.err")
	is "$("$MARGO" --db "$db" list | wc -l)" "$saved" "what it says it saved is in the library"
	out=$("$MARGO" --db "$db" check 2>&1)
	is "$?" 1 "margo check finds the load that did not finish (exit 1: not damage)"
	like "$out" "1 file began loading but did not finish .*long\.jsonl" "and names the file"
	out=$("$MARGO" --db "$db" add "$TEST_TMP/feed/long.jsonl" 2>&1)
	like "$out" "long\.jsonl: going on after line $saved, where a stopped load left it" \
		"the next add goes on after the last line kept"
	like "$out" "^$((30000 - saved)) added, 0 updated, 0 unchanged$" "and adds only the rest"
	every "$db" 30000 "every article is there once"
	is "$("$MARGO" --db "$db" add "$TEST_TMP/feed/long.jsonl" 2>&1)" "0 added, 0 updated, 1 unchanged" \
		"a third add finds the file unchanged"
fi

# ---- a disk that fills, at random sizes ----------------------------------------------
for i in 1 2 3 4 5 6; do
	if [ $((i % 2)) = 1 ]; then kind=txt; else kind=jsonl; fi
	db=$TEST_TMP/f$i.db
	kb=$((600 + RANDOM % 2400))
	limited "$kb" "$MARGO" --db "$db" add "$(input_of $kind)" >/dev/null 2>"$TEST_TMP/f$i.err"
	rc=$?
	"$MARGO" --db "$db" add "$(input_of $kind)" >/dev/null 2>&1
	every "$db" "$(count_of $kind)" "a disk full at $kb KB ($kind, exit $rc): after a second add every article is there once"
done

# ---- a real tmpfs that fills -----------------------------------------------------------
F=$TEST_TMP/full
mkdir "$F"
if [ "$(id -u)" = 0 ] && unshare -m sh -c "mount -t tmpfs -o size=2m tmpfs '$F'" 2>/dev/null; then
	unshare -m sh -c '
		mount -t tmpfs -o size=3m tmpfs "$1" || exit 99
		"$3" --db "$1/library.db" add "$2/txt" "$2/feed/feed.jsonl" >"$2/tmpfs.out" 2>"$2/tmpfs.err"
		echo $? >"$2/tmpfs.rc"
		mount -o remount,size=64m "$1" || exit 99
		"$3" --db "$1/library.db" add "$2/txt" "$2/feed/feed.jsonl" >"$2/tmpfs.again" 2>&1
		cp "$1/library.db" "$2/tmpfs.db"
		[ ! -f "$1/library.db-wal" ] || cp "$1/library.db-wal" "$2/tmpfs.db-wal"
	' - "$F" "$TEST_TMP" "$MARGO"
	is "$(cat "$TEST_TMP/tmpfs.rc")" 3 "a 3 MB tmpfs fills: add exits 3"
	like "$(cat "$TEST_TMP/tmpfs.err")" 'disk full or file too large' "and says the disk is full"
	every "$TEST_TMP/tmpfs.db" $((n_txt + n_jsonl)) "with room again, a second add has every article once"
else
	skip "a tmpfs that fills" "mounting a tmpfs is not allowed here (the file-size limits above stand in)"
fi

done_testing
