#!/bin/bash
# concurrency.sh: two processes annotating the same article for a minute
# (CONCURRENCY_SECONDS, 60 by default), each save its own short
# transaction: neither ever reports "busy" or "locked" or fails, and every
# annotation either one printed the id of is in the library at the end,
# with its own tag, once.
. "$top_srcdir/tests/lib.sh"

fresh_library
seconds=${CONCURRENCY_SECONDS:-60}
before=$("$MARGO" annotations | wc -l)

# writer N: annotate article 1 over and over until the time is up,
# one id per line in ids.N, anything on standard error in err.N.
writer() {
	local n=$1 i=0 end=$(($(date +%s) + seconds))
	while [ "$(date +%s)" -lt "$end" ]; do
		i=$((i + 1))
		"$MARGO" annotate 1 $((i % 300)) $((i % 300 + 12)) --tag "writer$n" --note "save $i" \
			>>"$TEST_TMP/ids.$n" 2>>"$TEST_TMP/err.$n" || echo "save $i failed" >>"$TEST_TMP/err.$n"
	done
}
writer 1 &
w1=$!
writer 2 &
w2=$!
wait "$w1" "$w2"

n1=$(wc -l <"$TEST_TMP/ids.1")
n2=$(wc -l <"$TEST_TMP/ids.2")
diag "in $seconds s: writer 1 saved $n1, writer 2 saved $n2"
ok "both writers saved, again and again (at least 10 each)" test "$n1" -ge 10 -a "$n2" -ge 10
is "$(cat "$TEST_TMP/err.1" "$TEST_TMP/err.2")" "" "neither ever failed or printed an error (no busy, no locked)"
"$MARGO" export --format jsonl | sed -n 's/^{"@context":"[^"]*","id":"urn:uuid:\([0-9a-f-]*\)".*/\1/p' |
	sort >"$TEST_TMP/have"
sort "$TEST_TMP/ids.1" "$TEST_TMP/ids.2" | sed 's/^urn:uuid://' >"$TEST_TMP/said"
is "$(comm -23 "$TEST_TMP/said" "$TEST_TMP/have" | wc -l)" 0 "every annotation reported saved is in the library"
is "$("$MARGO" annotations | wc -l)" $((before + n1 + n2)) "and nothing more: each once"
is "$("$MARGO" annotations --tag writer1 | wc -l)" "$n1" "writer 1's all carry its tag"
is "$("$MARGO" annotations --tag writer2 | wc -l)" "$n2" "writer 2's all carry its tag"
is "$("$MARGO" check)" ok "the library is sound"

done_testing
