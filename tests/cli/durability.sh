#!/bin/bash
# durability.sh: margo killed at any moment loses nothing it said it kept.
# 100 SIGKILLs at random moments while annotations are saved, and 20 while
# articles are added: after each, "margo check" finds the library sound,
# every annotation whose id was printed (margo prints it once committed)
# is there, and the next ingest finishes.  A damaged file is found by
# "margo check" and refused.
. "$top_srcdir/tests/lib.sh"

fresh_library

# ---- kills during annotation saves ----------------------------------------------------
saved="$TEST_TMP/saved"
: >"$saved"
killed=0
# The kill window spans one whole save however fast this build is (a
# sanitizer build starts several times slower): at least 20 ms, else one
# and a half times a save timed here.
t0=$(date +%s%N)
"$MARGO" annotate 1 200 209 --tag timing >/dev/null
t1=$(date +%s%N)
window=$(((t1 - t0) * 3 / 2000000))
[ "$window" -ge 20 ] || window=20
diag "kill window: $window ms"
for i in $(seq 1 100); do
	"$MARGO" annotate $((i % 5 + 1)) "$i" $((i + 9)) --tag "k$i" >"$TEST_TMP/id" 2>/dev/null &
	pid=$!
	# From at once to the window: before, during and after the transaction.
	sleep "$(awk -v ms=$((RANDOM % window)) 'BEGIN { printf "%.3f", ms / 1000 }')"
	kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	cat "$TEST_TMP/id" >>"$saved"
done
diag "$killed of 100 killed while running; $(wc -l <"$saved") reported saved"
is "$("$MARGO" check)" "ok" "after 100 kills during saves, the library is sound"
have=$("$MARGO" annotations --format jsonl)
lost=0
while read -r id; do
	case $have in *"\"id\":\"$id\""*) ;; *) lost=$((lost + 1)) ;; esac
done <"$saved"
is "$lost" 0 "every annotation reported saved is there"
ok "killed at random, some were saved (not all killed at once)" test -s "$saved"
ok "and some were killed before they could finish" test "$killed" -gt 0

# ---- kills during ingest --------------------------------------------------------------
copies_of_corpus "$TEST_TMP/corpus" 40
for i in $(seq 1 20); do
	"$MARGO" add "$TEST_TMP/corpus" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' $((RANDOM % 400)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
sound "after 20 kills during ingest, the library is sound (loads left to finish at most)"
out=$("$MARGO" add "$TEST_TMP/corpus" 2>&1)
is "$?" 0 "the next ingest finishes"
is "$("$MARGO" check 2>&1)" ok "and then margo check says ok"
is "$("$MARGO" list | wc -l)" 205 "with every article, once"
lost=0
have=$("$MARGO" annotations --format jsonl)
while read -r id; do
	case $have in *"\"id\":\"$id\""*) ;; *) lost=$((lost + 1)) ;; esac
done <"$saved"
is "$lost" 0 "and the annotations are all still there"

# ---- a damaged file ---------------------------------------------------------------------
dmg="$TEST_TMP/damaged.db"
fresh_library "$dmg"
"$MARGO" --db "$dmg" check >/dev/null
pages=$(($(stat -c %s "$dmg") / 4096))
# Scribble over a page in the middle (not the header): it still opens.
head -c 4096 /dev/urandom | dd of="$dmg" bs=4096 seek=$((pages / 2)) conv=notrunc status=none
err=$("$MARGO" --db "$dmg" check 2>&1 >/dev/null)
st=$?
if [ "$st" = 3 ]; then
	pass "check finds the damage, exit status 3"
	like "$err" 'is damaged|damaged or not a margo library' "and says the library is damaged"
else
	fail "check finds the damage, exit status 3" "status $st: $err"
	fail "and says the library is damaged"
fi

done_testing
