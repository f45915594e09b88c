#!/bin/bash
# share.sh: margo share makes a library its group's (folder 2770, files
# 0660) or private again (0700, 0600, the default); a library on a network
# file system is refused (MARGO_TEST_FSTYPE stands for the file system's
# type); only an annotation's coder may change it, unless the library lets
# anyone (share --anyone-edits), from the shell and in the reader.
. "$top_srcdir/tests/ui/lib.sh"

mode() { stat -c '%a %G' "$1"; }
lib=$TEST_TMP/lab/library.db
group=$(id -gn)

# ---- private by default --------------------------------------------------------------
fresh_library "$lib"
is "$(mode "$TEST_TMP/lab")" "700 $group" "a new library's folder is 0700"
is "$(mode "$lib")" "600 $group" "and its file 0600"
is "$("$MARGO" --db "$lib" share)" "private
only an annotation's coder may change it" "margo share without options says it is private"

# ---- shared --------------------------------------------------------------------------
out=$("$MARGO" --db "$lib" share --group "$group" 2>&1); rc=$?
is "$rc" 0 "margo share --group GROUP succeeds for a group of the user's"
has "$out" "shared with the group $group" "and says so"
is "$(mode "$TEST_TMP/lab")" "2770 $group" "the folder is 2770, the group's"
is "$(mode "$lib")" "660 $group" "the library is 0660"
is "$("$MARGO" --db "$lib" check)" "ok
shared with the group $group" "margo check says it is shared"
rm -f "$lib"
(umask 022; "$MARGO" --db "$lib" add "$top_srcdir/corpus" >/dev/null 2>&1)
is "$(mode "$lib")" "660 $group" "a library made later in the shared folder is 0660 under umask 022"
err=$("$MARGO" --db "$lib" share --group no-such-group-here 2>&1); rc=$?
isnt "$rc" 0 "an unknown group is refused"
is "$err" 'margo: no group "no-such-group-here" on this machine' "in one line naming it"
if [ "$(id -u)" != 0 ] && getent group root >/dev/null && ! id -Gn | grep -qw root; then
	err=$("$MARGO" --db "$lib" share --group root 2>&1)
	has "$err" 'you are not in the group "root"' "a group the user is not in is refused"
else
	skip "a group the user is not in is refused" "running as root, or in the group root"
fi
is "$(mode "$lib")" "660 $group" "a refusal leaves the modes as they were"
"$MARGO" --db "$lib" share --private >/dev/null
is "$(mode "$TEST_TMP/lab") $(mode "$lib")" "700 $group 600 $group" \
	"margo share --private goes back to 0700 and 0600"
is "$("$MARGO" --db "$lib" check)" ok "margo check of a private library says ok alone"

# ---- network file systems ------------------------------------------------------------
for fs in nfs cifs smb2 sshfs; do
	err=$(MARGO_TEST_FSTYPE=$fs "$MARGO" --db "$TEST_TMP/net/library.db" add "$top_srcdir/corpus" 2>&1); rc=$?
	is "$rc" 3 "a library on $fs is refused (exit 3)"
	like "$err" "on a network file system \\($fs\\), where SQLite's locking is not safe" \
		"with a message naming $fs and why"
done
ok "and nothing was made there" test ! -e "$TEST_TMP/net/library.db"
err=$(MARGO_TEST_FSTYPE=nfs "$MARGO" --db "$lib" list 2>&1); rc=$?
is "$rc" 3 "an existing library is not read there either"
is "$(MARGO_TEST_FSTYPE=ext4 "$MARGO" --db "$lib" list | wc -l)" 5 "a local file system is fine"

# ---- whose annotation ----------------------------------------------------------------
ana=$("$MARGO" --db "$lib" annotate 1 0 10 --tag prova --as ana)
err=$("$MARGO" --db "$lib" retag "$ana" altro --as bruno 2>&1); rc=$?
isnt "$rc" 0 "bruno cannot retag ana's annotation"
is "$err" "margo: retag: annotation ${ana:0:8} is ana's: only ana may change it (margo share --anyone-edits lets everyone)" \
	"the refusal is one line naming the coder"
has "$("$MARGO" --db "$lib" annotations)" "[prova]" "the tags are unchanged"
"$MARGO" --db "$lib" retag "$ana" sua --as ana >/dev/null
has "$("$MARGO" --db "$lib" annotations)" "[sua]" "ana can"
has "$("$MARGO" --db "$lib" share --anyone-edits)" "anyone may change others' annotations" \
	"share --anyone-edits lets anyone, and says so"
"$MARGO" --db "$lib" retag "$ana" altro --as bruno >/dev/null 2>&1
has "$("$MARGO" --db "$lib" annotations)" "[altro]" "then bruno can"
"$MARGO" --db "$lib" share --coders-only >/dev/null
"$MARGO" --db "$lib" retag "$ana" terzo --as bruno >/dev/null 2>&1
has "$("$MARGO" --db "$lib" annotations)" "[altro]" "share --coders-only takes it back"

# Each person undoes their own changes only.
bruno=$("$MARGO" --db "$lib" annotate 2 0 10 --tag suo --as bruno)
"$MARGO" --db "$lib" undo --as ana >/dev/null 2>&1
has "$("$MARGO" --db "$lib" annotations --coder bruno)" "[suo]" "ana's undo leaves bruno's annotation"
"$MARGO" --db "$lib" undo --as bruno >/dev/null
is "$("$MARGO" --db "$lib" annotations --coder bruno)" "" "bruno's undo takes his back"

# In the reader: the note of ana's annotation, edited as bruno, is refused
# on the status line.
export MARGO_DB=$lib
mkdir -p "$XDG_CONFIG_HOME/margo"
printf 'set user bruno\n' >"$XDG_CONFIG_HOME/margo/config"
run_script 100x30 <<'SCRIPT'
<Enter>
t
<C-u>rubato
<Enter>
:save-state refused
SCRIPT
expect_run_ok "the reader runs as bruno"
like "$(state refused message)" "is ana's: only ana may change it" \
	"the reader refuses to retag ana's annotation, on the status line"
has "$("$MARGO" annotations)" "[altro]" "and the tags stay ana's"

# Each person's draft: a half-typed annotation of ana's is offered to ana
# (d drops it), never to bruno.
sqlexec=$top_builddir/tests/helpers/sqlexec
"$sqlexec" "$lib" "INSERT INTO draft(name, text, updated) VALUES ('annotation/ana',
	json_object('article', 1, 'start', 0, 'end', 5, 'text', 'bozza', 'what', 'tags'),
	'2026-01-01T00:00:00Z')" >/dev/null
# 1 while ana's draft is there, else 0 (sqlexec prints nothing: a query
# that fails, abs() overflowing, tells its absence).
drafts() {
	"$sqlexec" "$lib" "SELECT CASE WHEN EXISTS (SELECT 1 FROM draft WHERE name = 'annotation/ana')
		THEN 1 ELSE abs(-9223372036854775807 - 1) END" 2>/dev/null && echo 1 || echo 0
}
run_script 100x30 <<'SCRIPT'
d
:save-state asbruno
SCRIPT
expect_run_ok "the reader runs as bruno"
is "$(drafts)" 1 "bruno is not offered ana's draft (his d did not drop it)"
printf 'set user ana\n' >"$XDG_CONFIG_HOME/margo/config"
run_script 100x30 <<'SCRIPT'
d
:save-state asana
SCRIPT
expect_run_ok "the reader runs as ana"
is "$(drafts)" 0 "ana is offered her draft, and d drops it"

done_testing
