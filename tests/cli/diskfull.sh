#!/bin/bash
# diskfull.sh: a disk that fills up loses nothing.
#
# A full disk is simulated with a file-size limit (ulimit -f, with SIGXFSZ
# ignored, so writes past it fail with EFBIG): that works as root in a
# container without mount rights and as any user.  Under it, `margo add`
# and `margo annotate` must say "disk full or file too large" and exit 3;
# the library must pass `margo check` afterwards with every earlier
# annotation intact; the summary must not count articles that were not
# saved.  In the reader, an annotation whose save fails is kept (at the same
# place `a` offers it again), says so, and is printed at exit with status 3.
. "$top_srcdir/tests/lib.sh"

fresh_library
"$MARGO" annotate 1 0 20 --tag prima --note "una nota" >/dev/null
"$MARGO" annotate 3 5 40 --tag seconda >/dev/null
before=$("$MARGO" annotations --format jsonl)
is "$(printf '%s\n' "$before" | wc -l)" 2 "two annotations to keep"

# ---- margo add of 300 articles into a library that cannot grow ----------------------
copies_of_corpus "$TEST_TMP/more" 60
limited 600 "$MARGO" add "$TEST_TMP/more" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
rc=$?
is "$rc" 3 "add with the disk full exits 3"
like "$(cat "$TEST_TMP/err")" '^margo: cannot (save to|write to|store an article in) the library: disk full or file too large' \
	"add says the disk is full or the file too large"
is "$(grep -c . "$TEST_TMP/err")" 1 "and says it once"
n=$("$MARGO" list | wc -l)
like "$(cat "$TEST_TMP/out")" "^$((n - 5)) added, 0 updated, 0 unchanged" \
	"the summary counts only the articles that were saved ($((n - 5)))"
sound "the library passes margo check (loads left to finish at most)"
is "$("$MARGO" annotations --format jsonl)" "$before" "the earlier annotations are intact"
out=$("$MARGO" add "$TEST_TMP/more" 2>&1)
is "$?" 0 "with room again, the same add succeeds"
is "$("$MARGO" list | wc -l)" 305 "and every article is there"
is "$("$MARGO" check 2>&1)" ok "and margo check says ok"

# ---- a real full disk: a 2 MB tmpfs, where mounting one is allowed -------------------
# In a private mount namespace (unshare -m), so nothing outlives the test.
F=$TEST_TMP/full
mkdir "$F"
if [ "$(id -u)" = 0 ] && unshare -m sh -c "mount -t tmpfs -o size=2m tmpfs '$F'" 2>/dev/null; then
	fresh_library "$TEST_TMP/small.db"
	"$MARGO" --db "$TEST_TMP/small.db" annotate 2 0 20 --tag piccola >/dev/null
	small_before=$("$MARGO" --db "$TEST_TMP/small.db" annotations --format jsonl)
	unshare -m sh -c '
		mount -t tmpfs -o size=2m tmpfs "$1" || exit 99
		cp "$2/small.db" "$1/library.db"
		"$3" --db "$1/library.db" add "$2/more" >"$2/tmpfs.out" 2>"$2/tmpfs.err"
		echo $? >"$2/tmpfs.rc"
		"$3" --db "$1/library.db" check >"$2/tmpfs.check" 2>&1
		echo "rc:$?" >>"$2/tmpfs.check"
		"$3" --db "$1/library.db" annotations --format jsonl >"$2/tmpfs.annotations"
	' - "$F" "$TEST_TMP" "$MARGO"
	is "$(cat "$TEST_TMP/tmpfs.rc")" 3 "a full 2 MB tmpfs: add exits 3"
	like "$(cat "$TEST_TMP/tmpfs.err")" 'disk full or file too large' "a full 2 MB tmpfs: add says the disk is full"
	sound "a full 2 MB tmpfs: the library passes margo check (loads left to finish at most)" "$TEST_TMP/tmpfs.check"
	is "$(cat "$TEST_TMP/tmpfs.annotations")" "$small_before" "a full 2 MB tmpfs: the annotation is intact"
else
	skip "a full 2 MB tmpfs" "mounting a tmpfs is not allowed here (the file-size limit above stands in)"
fi

# ---- margo annotate with a note larger than the room left ---------------------------
fresh_library
"$MARGO" annotate 1 0 20 --tag prima --note "una nota" >/dev/null
before=$("$MARGO" annotations --format jsonl)
big=$(head -c 100000 /dev/zero | tr '\0' 'n')
err=$(limited 64 "$MARGO" annotate 2 0 30 --tag grande --note "$big" 2>&1 >/dev/null)
is "$?" 3 "annotate with the disk full exits 3"
like "$err" '^margo: annotate: cannot save the annotation: disk full or file too large' \
	"annotate says the disk is full or the file too large"
is "$("$MARGO" check 2>&1)" ok "the library passes margo check"
is "$("$MARGO" annotations --format jsonl)" "$before" "the earlier annotation is intact, nothing half-saved"

# ---- the reader: annotations typed while the disk fills ------------------------------
fresh_library
mkdir "$TEST_TMP/ui"
{
	for i in 1 2 3 4 5 6; do
		printf 'j\na\ns%d\n<Enter>\n:save-display %s/s%d\n' "$i" "$TEST_TMP/ui" "$i"
	done
	# Back to the last sentence: a offers what could not be saved.
	printf 'a\n:save-display %s/again\n<Escape>\n' "$TEST_TMP/ui"
} >"$TEST_TMP/ui.script"
(cd "$TEST_TMP/ui" && limited 64 env LINES=24 COLUMNS=100 TERM=xterm \
	MARGO_SCRIPT="$TEST_TMP/ui.script" timeout 20 "$MARGO" </dev/null >/dev/null 2>"$TEST_TMP/ui.err")
rc=$?
saved=$("$MARGO" annotations | sed -n 's/.*\[\(s[0-9]\)\].*/\1/p' | sort | tr '\n' ' ')
failed=
for i in 1 2 3 4 5 6; do
	last=$(tail -n 1 "$TEST_TMP/ui/s$i")
	case $last in
	*"annotated: s$i"*) ;;
	*) failed="${failed}s$i " ;;
	esac
done
diag "saved: $saved; not saved: $failed"
isnt "$saved" "" "some annotations were saved before the disk filled"
isnt "$failed" "" "and some could not be"
is "$(printf '%s\n' $saved $failed | sort | tr '\n' ' ')" "s1 s2 s3 s4 s5 s6 " \
	"each annotation either is in the library or was reported not saved"
first=${failed%% *}
like "$(tail -n 1 "$TEST_TMP/ui/$first")" '^ cannot save the annotation: disk full or file too large[^;]*; kept' \
	"the status line says it was not saved, that it is kept, and why"
like "$(tail -n 1 "$TEST_TMP/ui/again")" 'Tags \(a, b/c\): s6' "a at the same place offers the unsaved tags again"
is "$rc" 3 "the reader exits 3 when something could not be saved"
err=$(cat "$TEST_TMP/ui.err")
for s in $failed; do
	has "$err" "margo: not saved: the tags “$s” for article" "at exit, the unsaved tags $s are printed"
done
is "$("$MARGO" check 2>&1)" ok "the library passes margo check after the reader"

done_testing
