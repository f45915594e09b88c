#!/bin/bash
# shareusers.sh: one library shared by two real Unix users of a group.
#
# The test makes a group and two users in it (removed at exit), shares a
# library with the group as the first, and has both annotate it at the
# same time: no "busy" error, no lost write, each sees the other's
# annotations, the second cannot retag the first's, and the files stay
# 0660 in a 2770 folder, the group's, every -wal and -shm seen while
# they wrote included.  It needs root, useradd and runuser.
. "$top_srcdir/tests/lib.sh"

[ "$(id -u)" = 0 ] || skip_all "making Unix users needs root"
for tool in useradd userdel groupadd groupdel runuser; do
	command -v "$tool" >/dev/null || skip_all "$tool is missing"
done

grp=mgshg$$ ua=mgsha$$ ub=mgshb$$
_share_cleanup() {
	userdel "$ua" 2>/dev/null
	userdel "$ub" 2>/dev/null
	groupdel "$grp" 2>/dev/null
	_lib_cleanup
}
trap _share_cleanup EXIT
groupadd "$grp" && useradd -M -N -g "$grp" -s /bin/sh "$ua" && useradd -M -N -g "$grp" -s /bin/sh "$ub" ||
	skip_all "cannot make the test's users"

chmod 755 "$TEST_TMP"
dir=$TEST_TMP/shared
lib=$dir/library.db
fresh_library "$lib"
chown -R "$ua" "$dir"
for u in "$ua" "$ub"; do
	mkdir -p "$TEST_TMP/home-$u"
	chown "$u" "$TEST_TMP/home-$u"
	chmod 700 "$TEST_TMP/home-$u"
done

# as USER CMD...: margo's environment of that user (own home, XDG folders).
as() {
	_u=$1
	shift
	runuser -u "$_u" -- env -i PATH="$PATH" LC_ALL=C.UTF-8 TZ=UTC HOME="$TEST_TMP/home-$_u" \
		XDG_STATE_HOME="$TEST_TMP/home-$_u/state" XDG_CONFIG_HOME="$TEST_TMP/home-$_u/config" \
		XDG_DATA_HOME="$TEST_TMP/home-$_u/data" MARGO_DB="$lib" "$@"
}

out=$(as "$ua" "$MARGO" share --group "$grp" 2>&1)
has "$out" "shared with the group $grp" "$ua shares the library with the group"
is "$(stat -c '%a %G' "$dir" "$lib" | tr '\n' ' ')" "2770 $grp 660 $grp " \
	"the folder is 2770 and the library 0660, the group's"

# Both annotate at once, 20 each, while the modes of the -wal and -shm
# are watched.
n=20
writer() {
	for i in $(seq 1 "$n"); do
		as "$1" "$MARGO" annotate $((i % 5 + 1)) 0 10 --tag "di-$1" >/dev/null 2>>"$TEST_TMP/err-$1" ||
			echo "annotate $i failed" >>"$TEST_TMP/err-$1"
	done
}
: >"$TEST_TMP/err-$ua"
: >"$TEST_TMP/err-$ub"
writer "$ua" &
pa=$!
writer "$ub" &
pb=$!
: >"$TEST_TMP/modes"
while kill -0 "$pa" 2>/dev/null || kill -0 "$pb" 2>/dev/null; do
	stat -c '%n %a %G' "$lib-wal" "$lib-shm" >>"$TEST_TMP/modes" 2>/dev/null
done
wait "$pa" "$pb"
is "$(cat "$TEST_TMP/err-$ua" "$TEST_TMP/err-$ub")" "" "neither writer met an error (no busy library)"
is "$(as "$ua" "$MARGO" annotations --coder "$ub" | wc -l)" "$n" "$ua sees all $n of $ub's annotations"
is "$(as "$ub" "$MARGO" annotations --coder "$ua" | wc -l)" "$n" "$ub sees all $n of $ua's annotations"
is "$(as "$ub" "$MARGO" annotations | wc -l)" $((2 * n)) "no write was lost"
diag "$(sort -u "$TEST_TMP/modes" | wc -l) kinds of -wal/-shm seen while writing"
is "$(awk -v g="$grp" '$2 != "660" || $3 != g' "$TEST_TMP/modes" | sort -u)" "" \
	"every -wal and -shm made while they wrote was 0660, the group's"

id_a=$(as "$ua" "$MARGO" annotations --coder "$ua" | head -n 1 | cut -d ' ' -f 1)
isnt "$id_a" "" "$ua's annotation has an id"
err=$(as "$ub" "$MARGO" retag "$id_a" altro 2>&1); rc=$?
isnt "$rc" 0 "$ub cannot retag $ua's annotation"
has "$err" "is $ua's: only $ua may change it" "and is told whose it is"
hasnt "$(as "$ua" "$MARGO" annotations --coder "$ua")" "[altro]" "the tags are unchanged"
as "$ua" "$MARGO" retag "$id_a" suo >/dev/null
has "$(as "$ub" "$MARGO" annotations --coder "$ua")" "[suo]" "$ua can, and $ub sees it"

is "$(stat -c '%a %G' "$dir" "$lib" | tr '\n' ' ')" "2770 $grp 660 $grp " \
	"after both wrote the folder is still 2770 and the library 0660"
left=$(find "$dir" -mindepth 1 ! -perm 660 -printf '%f %m\n')
is "$left" "" "every file in the folder is 0660"
is "$(as "$ub" "$MARGO" check)" "ok
shared with the group $grp" "margo check as $ub: sound, and shared"

done_testing
